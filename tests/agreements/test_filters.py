import datetime

import pytest
import time_machine
from django.urls import reverse

from agreements.models import Agreement, AgreementParty
from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def agreements():
    cambodian = OrganisationFactory(name="Kampot Polytechnic", country="KH")
    chinese = OrganisationFactory(name="Changzhou Technician College", country="CN")
    programme = ProgrammeFactory(name="Skills Bridge")
    mou = AgreementFactory(title="MoU", kind=Agreement.Kind.MOU, programme=programme)
    exchange = AgreementFactory(title="Exchange", kind=Agreement.Kind.EXCHANGE)
    AgreementPartyFactory(agreement=mou, organisation=cambodian)
    AgreementPartyFactory(agreement=mou, organisation=chinese)
    AgreementPartyFactory(agreement=exchange, organisation=chinese, role=AgreementParty.Role.WITNESS)
    return {"cambodian": cambodian, "chinese": chinese, "programme": programme}


def _titles(client, query):
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("agreements:list"), query)
    assert response.status_code == 200
    return sorted(agreement.title for agreement in response.context["page"])


def test_filter_by_party(coordinator_client, agreements):
    assert _titles(coordinator_client, {"party": agreements["cambodian"].pk}) == ["MoU"]
    assert _titles(coordinator_client, {"party": agreements["chinese"].pk}) == ["Exchange", "MoU"]


def test_filter_by_a_partys_country_lists_each_agreement_once(coordinator_client, agreements):
    assert _titles(coordinator_client, {"country": "KH"}) == ["MoU"]
    assert _titles(coordinator_client, {"country": "CN"}) == ["Exchange", "MoU"]
    assert _titles(coordinator_client, {"country": "FR"}) == []


def test_filter_by_programme_and_kind(coordinator_client, agreements):
    assert _titles(coordinator_client, {"programme": agreements["programme"].pk}) == ["MoU"]
    assert _titles(coordinator_client, {"kind": "exchange"}) == ["Exchange"]


def test_stale_for_counts_only_the_pipeline(coordinator_client, db):
    old = NOW - datetime.timedelta(days=61)
    AgreementFactory(title="Old draft", status=Agreement.Status.DRAFTING, status_since=old.date())
    AgreementFactory(title="Old proposal", status=Agreement.Status.PROPOSED, status_since=old.date())
    AgreementFactory(title="Old but active", status=Agreement.Status.ACTIVE, status_since=old.date())
    AgreementFactory(title="Recent draft", status=Agreement.Status.DRAFTING, status_since=NOW.date())
    assert _titles(coordinator_client, {"stale_for": 60}) == ["Old draft", "Old proposal"]
    assert _titles(coordinator_client, {"stale_for": 90}) == []


def test_expiring_within_skips_closed_and_already_expired_agreements(coordinator_client, db):
    today = NOW.date()
    AgreementFactory(title="Active", status=Agreement.Status.ACTIVE, expires_on=today + datetime.timedelta(10))
    AgreementFactory(title="Today", status=Agreement.Status.SIGNED, expires_on=today)
    AgreementFactory(title="Terminated", status=Agreement.Status.TERMINATED, expires_on=today + datetime.timedelta(3))
    AgreementFactory(title="Past", status=Agreement.Status.ACTIVE, expires_on=today - datetime.timedelta(1))
    assert _titles(coordinator_client, {"expiring_within": 10}) == ["Active", "Today"]
    assert _titles(coordinator_client, {"expiring_within": 0}) == ["Today"]


@pytest.mark.parametrize("value", ["abc", "1e309", "-1", "99999999999"])
def test_a_nonsense_number_is_explained_on_the_page(coordinator_client, db, value):
    response = coordinator_client.get(reverse("agreements:list"), {"stale_for": value})
    assert response.status_code == 200
    assert list(response.context["filter"].errors) == ["stale_for"]
