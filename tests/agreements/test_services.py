"""Every allowed and every refused transition of an agreement, with the message a manager sees."""

import datetime

import pytest

from agreements import services
from agreements.models import Agreement, AgreementParty
from agreements.services import TransitionRefused
from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)
S = Agreement.Status

# name → (statuses it may start from, status it leads to)
TABLE = {
    "start_drafting": ({S.PROPOSED}, S.DRAFTING),
    "start_negotiation": ({S.DRAFTING}, S.NEGOTIATION),
    "return_to_drafting": ({S.NEGOTIATION}, S.DRAFTING),
    "sign": ({S.DRAFTING, S.NEGOTIATION}, S.SIGNED),
    "activate": ({S.SIGNED}, S.ACTIVE),
    "suspend": ({S.ACTIVE}, S.SUSPENDED),
    "resume": ({S.SUSPENDED}, S.ACTIVE),
    "terminate": ({S.SIGNED, S.ACTIVE, S.SUSPENDED}, S.TERMINATED),
    "abandon": ({S.PROPOSED, S.DRAFTING, S.NEGOTIATION}, S.ABANDONED),
}


def ready_agreement(status):
    """An agreement that meets every guard, so only the status decides."""
    agreement = AgreementFactory(status=status, effective_from=TODAY, expires_on=TODAY + datetime.timedelta(days=365))
    for _ in range(2):
        AgreementPartyFactory(agreement=agreement, signatory=PersonFactory(), signed_on=TODAY)
    return agreement


def call(name, agreement, user, comment="Because the parties asked"):
    _transition, function = services.TRANSITIONS[name]
    kwargs = {"agreement": agreement, "user": user, "comment": comment}
    if name in {"sign", "activate", "resume"}:
        kwargs["today"] = TODAY
    return function(**kwargs)


def test_the_table_as_built_matches_the_documented_one():
    built = {name: (set(t.sources), t.target) for name, (t, _f) in services.TRANSITIONS.items()}
    assert built == TABLE


ALLOWED = [(name, source) for name, (sources, _target) in TABLE.items() for source in sorted(sources)]
REFUSED = [(name, source) for name, (sources, _t) in TABLE.items() for source in S.values if source not in sources]


@pytest.mark.parametrize("name, source", ALLOWED)
def test_allowed_transition_moves_and_records_who_when_why(name, source):
    manager = UserFactory(username="manager")
    agreement = ready_agreement(source)
    call(name, agreement, manager)
    agreement.refresh_from_db()
    assert agreement.status == TABLE[name][1]
    change = agreement.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        source,
        TABLE[name][1],
        manager,
        "Because the parties asked",
    )
    assert agreement.history.latest().history_user == manager


@pytest.mark.parametrize("name, source", REFUSED)
def test_refused_transition_says_why_and_changes_nothing(name, source):
    agreement = ready_agreement(source)
    with pytest.raises(TransitionRefused) as excinfo:
        call(name, agreement, UserFactory())
    label = str(services.TRANSITIONS[name][0].label)
    status = dict(S.choices)[source].lower()
    assert excinfo.value.message == f"“{label}” is not possible while the agreement is {status}."
    assert Agreement.objects.get(pk=agreement.pk).status == source
    assert agreement.status_changes.count() == 0


@pytest.mark.parametrize("name", ["suspend", "terminate", "abandon"])
def test_a_reason_is_required(name):
    source = sorted(TABLE[name][0])[0]
    agreement = ready_agreement(source)
    with pytest.raises(TransitionRefused) as excinfo:
        call(name, agreement, UserFactory(), comment="  ")
    assert excinfo.value.message == f"Give a reason to {str(services.TRANSITIONS[name][0].label).lower()}."


def test_signing_needs_two_parties():
    agreement = AgreementFactory(status=S.NEGOTIATION)
    AgreementPartyFactory(agreement=agreement, signatory=PersonFactory(), signed_on=TODAY)
    with pytest.raises(TransitionRefused) as excinfo:
        call("sign", agreement, UserFactory())
    assert excinfo.value.message == "An agreement needs at least two parties before it can be signed."


def test_signing_needs_every_partys_signatory_and_date():
    agreement = AgreementFactory(status=S.NEGOTIATION)
    AgreementPartyFactory(
        agreement=agreement, organisation__short_name="WIT", signatory=PersonFactory(), signed_on=TODAY
    )
    AgreementPartyFactory(agreement=agreement, organisation__short_name="PCCFPI")
    AgreementPartyFactory(agreement=agreement, organisation__short_name="SSEZ", signatory=PersonFactory())
    AgreementPartyFactory(agreement=agreement, organisation__short_name="ILO", role=AgreementParty.Role.FACILITATOR)
    with pytest.raises(TransitionRefused) as excinfo:
        call("sign", agreement, UserFactory())
    assert excinfo.value.message == "Record the signatory and signing date of: PCCFPI, SSEZ."


def test_signing_dates_may_not_be_in_the_future():
    agreement = ready_agreement(S.NEGOTIATION)
    agreement.parties.update(signed_on=TODAY + datetime.timedelta(days=1))
    with pytest.raises(TransitionRefused) as excinfo:
        call("sign", agreement, UserFactory())
    labels = ", ".join(agreement.parties.order_by("id").values_list("organisation__short_name", flat=True))
    assert excinfo.value.message == f"A signing date is in the future for: {labels}."


def test_signing_records_the_last_signature_as_the_signing_date():
    agreement = ready_agreement(S.NEGOTIATION)
    first = agreement.parties.order_by("id").first()
    first.signed_on = TODAY - datetime.timedelta(days=10)
    first.save()
    call("sign", agreement, UserFactory())
    agreement.refresh_from_db()
    assert agreement.signed_on == TODAY


def test_activating_needs_an_effective_date():
    agreement = ready_agreement(S.SIGNED)
    agreement.effective_from = None
    agreement.save()
    with pytest.raises(TransitionRefused) as excinfo:
        call("activate", agreement, UserFactory())
    assert excinfo.value.message == "Give the date the agreement comes into force."


def test_activating_waits_for_the_effective_date():
    agreement = ready_agreement(S.SIGNED)
    agreement.effective_from = TODAY + datetime.timedelta(days=5)
    agreement.save()
    with pytest.raises(TransitionRefused) as excinfo:
        call("activate", agreement, UserFactory())
    assert excinfo.value.message == "The agreement comes into force on 2026-12-01; it can be made active from that day."


def test_activating_an_agreement_past_its_expiry_is_refused():
    agreement = ready_agreement(S.SIGNED)
    agreement.effective_from = TODAY - datetime.timedelta(days=30)
    agreement.expires_on = TODAY - datetime.timedelta(days=1)
    agreement.save()
    with pytest.raises(TransitionRefused) as excinfo:
        call("activate", agreement, UserFactory())
    assert excinfo.value.message == "The agreement expired on 2026-11-25."


def test_expire_applies_only_after_the_expiry_date():
    agreement = ready_agreement(S.ACTIVE)
    agreement.expires_on = TODAY
    agreement.save()
    with pytest.raises(TransitionRefused) as excinfo:
        services.agreement_expire(agreement=agreement, today=TODAY)
    assert excinfo.value.message == "The agreement has not passed its expiry date."
    services.agreement_expire(agreement=agreement, today=TODAY + datetime.timedelta(days=1))
    assert Agreement.objects.get(pk=agreement.pk).status == S.EXPIRED
    assert agreement.status_changes.get().comment == "Expiry date 2026-11-26 passed."


def test_expire_due_agreements_takes_signed_active_and_suspended_only():
    past = TODAY - datetime.timedelta(days=1)
    expected = {AgreementFactory(status=s, expires_on=past).pk for s in [S.SIGNED, S.ACTIVE, S.SUSPENDED]}
    AgreementFactory(status=S.TERMINATED, expires_on=past)
    AgreementFactory(status=S.DRAFTING, expires_on=past)
    AgreementFactory(status=S.ACTIVE, expires_on=TODAY)
    expired = services.expire_due_agreements(today=TODAY)
    assert {a.pk for a in expired} == expected
    assert services.expire_due_agreements(today=TODAY) == []


def test_the_reference_agreement_can_be_carried_to_active(reference_workshop):
    manager = UserFactory(username="manager")
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    for party in agreement.parties.filter(role=AgreementParty.Role.PARTY):
        party.signatory = PersonFactory()
        party.signed_on = datetime.date(2022, 9, 1)
        party.save()
    services.agreement_start_negotiation(agreement=agreement, user=manager, occurred_on=datetime.date(2022, 6, 1))
    services.agreement_sign(agreement=agreement, user=manager, today=TODAY)
    services.agreement_activate(
        agreement=agreement, user=manager, effective_from=datetime.date(2022, 10, 1), today=TODAY
    )
    assert list(agreement.status_changes.order_by("id").values_list("to_status", "occurred_on")) == [
        ("drafting", datetime.date(2022, 1, 14)),
        ("negotiation", datetime.date(2022, 6, 1)),
        ("signed", datetime.date(2022, 9, 1)),
        ("active", datetime.date(2022, 10, 1)),
    ]
    assert agreement.status_since == datetime.date(2022, 10, 1)
    assert (agreement.signed_on, agreement.effective_from) == (datetime.date(2022, 9, 1), datetime.date(2022, 10, 1))


def test_a_title_names_the_kind_and_the_parties_short_names():
    wit, pccfpi, ssez = (OrganisationFactory(short_name=s) for s in ("WIT", "PCCFPI", "SSEZ"))
    ilo = OrganisationFactory(name="International Labour Organization", short_name="")
    assert [
        services.agreement_title(kind=Agreement.Kind.MOU, organisations=[wit, pccfpi]),
        services.agreement_title(kind=Agreement.Kind.FRAMEWORK, organisations=[wit, pccfpi, ssez]),
        services.agreement_title(kind=Agreement.Kind.EXCHANGE, organisations=[wit, ilo]),
        services.agreement_title(kind=Agreement.Kind.OTHER, organisations=[]),
    ] == [
        "Memorandum of understanding between WIT and PCCFPI",
        "Framework agreement between WIT, PCCFPI and SSEZ",
        "Exchange agreement between WIT and International Labour Organization",
        "Agreement",
    ]


def test_an_agreement_noticed_late_expired_the_day_after_its_last_day():
    agreement = AgreementFactory(status=S.ACTIVE, expires_on=datetime.date(2026, 10, 31))
    services.agreement_expire(agreement=agreement, today=TODAY)
    change = agreement.status_changes.get()
    assert (change.occurred_on, agreement.status_since) == (datetime.date(2026, 11, 1), datetime.date(2026, 11, 1))
