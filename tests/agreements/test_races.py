"""Two people acting on one agreement at the same moment: one transition wins, the other is told the true status;
a POST that starts an agreement, sent twice, starts one."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import MANAGER
from agreements import services
from agreements.models import Agreement, AgreementStatusChange
from agreements.services import TransitionRefused
from tests.agreements.test_views import _from_decision_data
from tests.factories import AgreementFactory, AgreementPartyFactory, PersonFactory, UserFactory
from tests.threads import at_once

TODAY = datetime.date(2026, 11, 26)
S = Agreement.Status

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and one writer at a time: the race needs PostgreSQL (set DATABASE_URL)",
)


def _ready_to_sign():
    agreement = AgreementFactory(status=S.NEGOTIATION)
    for _ in range(2):
        AgreementPartyFactory(agreement=agreement, signatory=PersonFactory(), signed_on=TODAY)
    return agreement


def _sign(pk, user):
    # Each thread reads its own copy before the race, as a page opened earlier would hold it.
    agreement = Agreement.objects.get(pk=pk)
    return lambda: services.agreement_sign(agreement=agreement, user=user, today=TODAY)


def _abandon(pk, user):
    agreement = Agreement.objects.get(pk=pk)
    return lambda: services.agreement_abandon(agreement=agreement, user=user, comment="Funding withdrawn")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_sign_and_abandon_at_once_one_wins_and_the_other_is_told_the_true_status():
    agreement = _ready_to_sign()
    user = UserFactory()
    signed, abandoned = at_once(_sign(agreement.pk, user), _abandon(agreement.pk, user))
    agreement.refresh_from_db()
    changes = list(AgreementStatusChange.objects.filter(agreement=agreement).values_list("to_status", flat=True))
    if isinstance(signed, TransitionRefused):
        assert (agreement.status, changes) == (S.ABANDONED, [S.ABANDONED])
        assert signed.message == "“Mark as signed” is not possible while the agreement is abandoned."
        assert isinstance(abandoned, Agreement) and abandoned.status == S.ABANDONED
    else:
        assert (agreement.status, changes) == (S.SIGNED, [S.SIGNED])
        assert isinstance(abandoned, TransitionRefused)
        assert abandoned.message == "“Abandon” is not possible while the agreement is signed."
        assert signed.status == S.SIGNED


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_signs_at_once_record_one_status_change():
    agreement = _ready_to_sign()
    user = UserFactory()
    outcomes = at_once(_sign(agreement.pk, user), _sign(agreement.pk, user))
    refused = [o for o in outcomes if isinstance(o, TransitionRefused)]
    assert [o.message for o in refused] == ["“Mark as signed” is not possible while the agreement is signed."]
    assert list(AgreementStatusChange.objects.filter(agreement=agreement).values_list("to_status", flat=True)) == [
        S.SIGNED
    ]


@pytest.mark.django_db
def test_a_transition_on_a_stale_copy_checks_the_stored_status_and_updates_the_copy():
    agreement = _ready_to_sign()
    stale = Agreement.objects.get(pk=agreement.pk)
    services.agreement_sign(agreement=agreement, user=None, today=TODAY)
    with pytest.raises(TransitionRefused) as refused:
        services.agreement_abandon(agreement=stale, user=None, comment="Funding withdrawn")
    assert refused.value.message == "“Abandon” is not possible while the agreement is signed."
    assert stale.status == S.SIGNED
    assert AgreementStatusChange.objects.filter(agreement=agreement).count() == 1


@pytest.mark.django_db
def test_the_page_tells_the_loser_the_status_now(client):
    manager = UserFactory(role=MANAGER)
    agreement = _ready_to_sign()
    services.agreement_abandon(agreement=Agreement.objects.get(pk=agreement.pk), user=None, comment="Gone")
    client.force_login(manager)
    response = client.post(reverse("agreements:transition", args=[agreement.pk, "sign"]), {"comment": ""})
    assert response.status_code == 409
    assert response.context["refusal"] == "“Mark as signed” is not possible while the agreement is abandoned."


@pytest.mark.django_db
def test_renewing_twice_starts_one_renewal_and_leads_to_it(client):
    client.force_login(UserFactory(role=MANAGER))
    agreement = AgreementFactory(status=S.ACTIVE, title="MoU")
    AgreementPartyFactory(agreement=agreement, signatory=PersonFactory(), signed_on=datetime.date(2020, 1, 1))
    url = reverse("agreements:renew", args=[agreement.pk])
    first = client.post(url)
    second = client.post(url, follow=True)
    renewal = Agreement.objects.get(renews=agreement)
    assert first["Location"] == reverse("agreements:edit", args=[renewal.pk])
    assert second.redirect_chain == [(renewal.get_absolute_url(), 302)]
    assert [str(m) for m in second.context["messages"]] == [
        "Renewal started: complete its dates and parties.",
        "This agreement's renewal is already started: “MoU (renewal)”.",
    ]


@pytest.mark.django_db
def test_an_abandoned_renewal_does_not_block_a_new_one(client):
    client.force_login(UserFactory(role=MANAGER))
    agreement = AgreementFactory(status=S.ACTIVE, title="MoU")
    AgreementFactory(status=S.ABANDONED, renews=agreement)
    client.post(reverse("agreements:renew", args=[agreement.pk]))
    assert sorted(Agreement.objects.filter(renews=agreement).values_list("status", flat=True)) == [
        S.ABANDONED,
        S.DRAFTING,
    ]


@pytest.mark.django_db
def test_the_same_start_from_a_decision_sent_twice_starts_one_agreement_and_leads_to_it(client, reference_workshop):
    client.force_login(UserFactory(role=MANAGER))
    decision = reference_workshop.outcomes.get(kind="decision")
    before = list(Agreement.objects.filter(origin_outcomes=decision).values_list("pk", flat=True))
    url = reverse("agreements:from-decision", args=[decision.pk])
    page = client.get(url)
    data = {**_from_decision_data(page, confirm_another="on"), "key": page.context["key"]}
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    agreement = Agreement.objects.filter(origin_outcomes=decision).exclude(pk__in=before).get()
    assert agreement.title == "Framework agreement between WIT, PCCFPI and SSEZ"
    assert first["Location"] == agreement.get_absolute_url()
    assert second.redirect_chain == [(agreement.get_absolute_url(), 302)]
    assert [str(m) for m in second.context["messages"]] == [
        "Agreement started from the workshop's decision.",
        "This decision already started the agreement “Framework agreement between WIT, PCCFPI and SSEZ”.",
    ]
    # The page opened again carries a new key: a second agreement from one decision is still possible.
    page = client.get(url)
    client.post(url, {**_from_decision_data(page, confirm_another="on"), "key": page.context["key"]})
    assert Agreement.objects.filter(origin_outcomes=decision).count() == len(before) + 2


@pytest.mark.django_db
def test_a_start_from_a_decision_key_sent_by_another_user_starts_their_own_agreement(client, reference_workshop):
    first, second = UserFactory(role=MANAGER), UserFactory(role=MANAGER)
    decision = reference_workshop.outcomes.get(kind="decision")
    url = reverse("agreements:from-decision", args=[decision.pk])
    client.force_login(first)
    page = client.get(url)
    data = {**_from_decision_data(page, confirm_another="on"), "key": page.context["key"]}
    mine = client.post(url, data)
    client.force_login(second)
    theirs = client.post(url, data)
    made = {a.created_by: a for a in Agreement.objects.filter(origin_outcomes=decision).exclude(created_by=None)}
    assert sorted(made, key=lambda user: user.pk) == [first, second]
    assert (mine["Location"], theirs["Location"]) == (
        made[first].get_absolute_url(),
        made[second].get_absolute_url(),
    )
