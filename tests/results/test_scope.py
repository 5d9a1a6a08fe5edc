"""Results by programme: a manager of programme A sees A's indicators (its own and its agreements') at every door
of results, and nothing of programme B's (404 for a record, absent from a list)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from results.models import EnteredValue, Indicator, Target
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    EnteredValueFactory,
    IndicatorFactory,
    ProgrammeFactory,
    TargetFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    return ProgrammeFactory(name="Programme A"), ProgrammeFactory(name="Programme B")


@pytest.fixture
def indicators(programmes):
    a, b = programmes
    initiative_of_a = ProgrammeFactory(name="Initiative of A", parent=a)
    made = {
        "a": IndicatorFactory(programme=a, name="Workshops of A"),
        "a_initiative": IndicatorFactory(programme=initiative_of_a, name="Workshops of A's initiative"),
        "a_agreement": IndicatorFactory(
            agreement=AgreementFactory(title="Agreement of A", programme=a), name="Exchanges under A's agreement"
        ),
        "b": IndicatorFactory(programme=b, name="Workshops of B"),
        "b_agreement": IndicatorFactory(
            agreement=AgreementFactory(title="Agreement of B", programme=b), name="Exchanges under B's agreement"
        ),
        "none": IndicatorFactory(agreement=AgreementFactory(title="Agreement of no programme"), name="Unfiled"),
    }
    for indicator in made.values():
        EnteredValueFactory(target=TargetFactory(indicator=indicator, label="2022"))
    return made


@pytest.fixture
def manager_of_a(client, programmes):
    user = UserFactory(username="manager-of-a", role="Manager", role__programme=programmes[0])
    client.force_login(user)
    return user


A_NAMES = ["Exchanges under A's agreement", "Workshops of A", "Workshops of A's initiative"]


def test_a_manager_of_a_programme_sees_its_indicators_and_those_of_its_initiatives_and_agreements(
    manager_of_a, indicators
):
    assert sorted(Indicator.objects.visible_to(manager_of_a).values_list("name", flat=True)) == A_NAMES
    assert Target.objects.visible_to(manager_of_a).count() == 3
    assert EnteredValue.objects.visible_to(manager_of_a).count() == 3


def test_a_manager_for_all_programmes_sees_every_indicator(indicators):
    manager = UserFactory(role="Manager")
    assert Indicator.objects.visible_to(manager).count() == 6


@pytest.mark.parametrize(
    ("name", "record"),
    [
        ("results:indicator", "indicator"),
        ("results:indicator-edit", "indicator"),
        ("results:target-create", "indicator"),
        ("results:history", "indicator"),
        ("results:records", "period"),
        ("results:value-create", "period"),
        ("results:programme", "programme"),
        ("results:programme-indicator-create", "programme"),
        ("results:agreement", "agreement"),
        ("results:agreement-indicator-create", "agreement"),
    ],
)
def test_every_results_page_of_another_programme_is_not_found(client, manager_of_a, indicators, name, record):
    def pk(indicator):
        return {
            "indicator": indicator.pk,
            "period": indicator.targets.get().pk,
            "programme": indicator.programme_id,
            "agreement": indicator.agreement_id,
        }[record]

    key = "b_agreement" if record == "agreement" else "b"
    own = "a_agreement" if record == "agreement" else "a"

    assert client.get(reverse(name, args=[pk(indicators[key])])).status_code == 404
    assert client.get(reverse(name, args=[pk(indicators[own])])).status_code == 200


def test_the_network_page_lists_only_the_users_programmes(client, manager_of_a, indicators):
    response = client.get(reverse("results:network"))

    assert sorted(result.indicator.name for result in response.context["results"]) == A_NAMES
    assert "Workshops of B" not in response.content.decode()


def test_the_export_holds_only_the_users_programmes(client, manager_of_a, indicators):
    response = client.get(reverse("results:export", kwargs={"fmt": "csv"}))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == A_NAMES


def test_the_api_lists_only_the_users_programmes(client, manager_of_a, indicators):
    names = [row["name"] for row in client.get("/api/indicators/").json()["results"]]
    periods = client.get("/api/indicator-periods/").json()["results"]
    values = client.get("/api/indicator-values/").json()["results"]

    assert sorted(names) == A_NAMES
    assert sorted(row["indicator"] for row in periods) == sorted(
        indicators[k].pk for k in ("a", "a_initiative", "a_agreement")
    )
    assert len(values) == 3
    assert client.get(f"/api/indicators/{indicators['b'].pk}/").status_code == 404
    assert client.get(f"/api/indicator-periods/{indicators['b'].targets.get().pk}/").status_code == 404
    assert client.get(f"/api/indicator-values/{indicators['b'].targets.get().values.get().pk}/").status_code == 404


def test_the_api_refuses_a_filter_by_another_programme(client, manager_of_a, indicators, programmes):
    response = client.get("/api/indicators/", {"programme": programmes[1].pk})

    assert response.status_code == 400
    assert list(response.json()) == ["programme"]
    assert client.get("/api/indicator-periods/", {"indicator": indicators["b"].pk}).status_code == 400
    own = client.get("/api/indicators/", {"programme": programmes[0].pk}).json()["results"]
    assert [row["name"] for row in own] == ["Workshops of A"]


def test_the_records_page_lists_only_visible_records_and_says_how_many_it_leaves_out(client, manager_of_a, programmes):
    a, b = programmes
    agreement = AgreementFactory(title="MoU on welding", programme=a)
    parties = [AgreementPartyFactory(agreement=agreement).organisation for _ in range(2)]
    workshops = []
    for programme, title in ((a, "Exchange in A"), (b, "Exchange in B"), (b, "Second exchange in B")):
        workshop = WorkshopFactory(
            title=title, programme=programme, kind="bilateral", start_date=datetime.date(2022, 5, 4)
        )
        WorkshopOrganisationFactory(workshop=workshop, organisation=parties[0])
        WorkshopOrganisationFactory(workshop=workshop, organisation=parties[1], role="participant")
        workshops.append(workshop)
    indicator = IndicatorFactory(agreement=agreement, name="Exchanges held", rule="bilateral_workshops")
    target = TargetFactory(indicator=indicator, label="2022", value=2)

    response = client.get(reverse("results:records", args=[target.pk]))

    assert response.status_code == 200
    assert response.context["count"].value == 3
    assert [record.title for record in response.context["records"]] == ["Exchange in A"]
    assert response.context["hidden"] == 2
    text = response.content.decode()
    assert "2 records outside your programmes are counted but not listed." in text
    assert "Exchange in B" not in text


def test_the_value_form_offers_only_the_users_workshops(client, manager_of_a, programmes):
    a, b = programmes
    agreement = AgreementFactory(programme=a)
    parties = [AgreementPartyFactory(agreement=agreement).organisation for _ in range(2)]
    for programme, title in ((a, "Exchange in A"), (b, "Exchange in B")):
        workshop = WorkshopFactory(
            title=title, programme=programme, kind="bilateral", start_date=datetime.date(2022, 5, 4)
        )
        WorkshopOrganisationFactory(workshop=workshop, organisation=parties[0])
        WorkshopOrganisationFactory(workshop=workshop, organisation=parties[1], role="participant")
    target = TargetFactory(indicator=IndicatorFactory(agreement=agreement, rule="bilateral_workshops"))

    response = client.get(reverse("results:value-create", args=[target.pk]))

    choices = response.context["form"].fields["source_workshop"].queryset
    assert [workshop.title for workshop in choices] == ["Exchange in A"]


def test_the_admin_lists_and_opens_only_the_users_programmes(client, programmes, indicators):
    client.force_login(UserFactory(username="admin-of-a", role="Admin", role__programme=programmes[0], is_staff=True))

    response = client.get(reverse("admin:results_indicator_changelist"))

    assert sorted(str(indicator) for indicator in response.context["cl"].result_list) == A_NAMES
    assert client.get(reverse("admin:results_indicator_change", args=[indicators["b"].pk])).status_code == 302
    values = client.get(reverse("admin:results_enteredvalue_changelist")).context["cl"].result_list
    assert len(values) == 3
