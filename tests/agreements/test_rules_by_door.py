"""Every rule the pages keep holds at every door: the page, the API and the admin all go through the same service,
and each refuses the same change with the same answer, leaving the database as it was."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from agreements.models import Agreement, AgreementParty, AgreementStatusChange, Amendment
from agreements.services import TransitionRefused, agreement_renew, agreement_sign, agreement_update
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    OrganisationFactory,
    PersonFactory,
    stored_version,
)
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)
SETTLED = "Settled at signing; change it with an amendment."
PARTIES_SETTLED = "The parties of a signed agreement are settled; record changes as an amendment."


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def signed():
    agreement = AgreementFactory(
        title="Skills MoU", status=Agreement.Status.SIGNED, signed_on=datetime.date(2026, 3, 1), summary="Old"
    )
    for short_name in ("WIT", "PCC"):
        AgreementPartyFactory(
            agreement=agreement,
            organisation=OrganisationFactory(short_name=short_name),
            signatory=PersonFactory(),
            signed_on=datetime.date(2026, 3, 1),
        )
    return agreement


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def api(manager):
    client = APIClient()
    client.force_authenticate(manager)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _snapshot(agreement):
    agreement = Agreement.objects.get(pk=agreement.pk)
    parties = list(AgreementParty.objects.filter(agreement=agreement).order_by("id").values())
    return (agreement.title, agreement.status, agreement.signed_on, agreement.expires_on, parties)


def _value(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, QuerySet)):
        return [getattr(item, "pk", item) for item in value]
    if isinstance(value, Model):
        return value.pk
    return value


def _admin_post_data(response, **changes):
    """What the admin's change form posts back unchanged (its form and every inline), with `changes` applied."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else _value(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.initial_forms:
            add(form)
    data.update(changes)
    return data


def _messages(response):
    return [str(m) for m in response.context["messages"]]


# Rule: a signed agreement's settled fields (title, dates, parties' terms...) change only through an amendment.


def test_the_page_keeps_settled_fields_of_a_signed_agreement(manager_client, signed):
    before = _snapshot(signed)
    url = reverse("agreements:edit", args=[signed.pk])
    form = manager_client.get(url).context["form"]
    # The focal points stay editable: people come and go after signing.
    assert [name for name, field in form.fields.items() if not field.disabled] == [
        "summary",
        "responsible_users",
        "contact_people",
        "version",
    ]
    response = manager_client.post(
        url,
        {"title": "Changed", "signed_on": "2026-01-01", "summary": "New", "version": form["version"].value()},
    )
    assert response.status_code == 302
    assert _snapshot(signed) == before
    assert Agreement.objects.get(pk=signed.pk).summary == "New"


def test_the_api_refuses_settled_fields_of_a_signed_agreement(api, signed):
    before = _snapshot(signed)
    response = api.patch(
        f"/api/agreements/{signed.pk}/",
        {"title": "Changed", "signed_on": "2026-01-01", "updated_at": stored_version(signed)},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"title": [SETTLED], "signed_on": [SETTLED]}
    assert _snapshot(signed) == before


def test_the_api_still_edits_a_signed_agreements_summary(api, signed):
    response = api.patch(
        f"/api/agreements/{signed.pk}/",
        {"summary": "New", "title": "Skills MoU", "updated_at": stored_version(signed)},
        format="json",
    )
    assert response.status_code == 200
    assert Agreement.objects.get(pk=signed.pk).summary == "New"


def test_the_admin_shows_settled_fields_of_a_signed_agreement_read_only(admin_client, signed):
    before = _snapshot(signed)
    url = reverse("admin:agreements_agreement_change", args=[signed.pk])
    response = admin_client.get(url)
    form = response.context["adminform"].form
    assert sorted(form.fields) == [
        "contact_people",
        "created_by",
        "origin_outcomes",
        "origin_workshops",
        "responsible_users",
        "summary",
    ]
    data = _admin_post_data(response, title="Changed", signed_on="2026-01-01", status="active", summary="New")
    assert admin_client.post(url, data).status_code == 302
    assert _snapshot(signed) == before
    assert Agreement.objects.get(pk=signed.pk).summary == "New"


def test_the_service_names_each_settled_field_it_refuses(signed, manager):
    with pytest.raises(ValidationError) as refused:
        agreement_update(agreement=signed, user=manager, data={"title": "Changed", "summary": "New"})
    assert refused.value.message_dict == {"title": [SETTLED]}
    assert Agreement.objects.get(pk=signed.pk).summary == "Old"


def test_a_drafts_fields_stay_editable_at_every_door(api, admin_client):
    draft = AgreementFactory(title="Draft MoU")
    response = api.patch(
        f"/api/agreements/{draft.pk}/",
        {"title": "  Draft   MoU v2 ", "updated_at": stored_version(draft)},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Draft MoU v2"
    url = reverse("admin:agreements_agreement_change", args=[draft.pk])
    response = admin_client.get(url)
    assert admin_client.post(url, _admin_post_data(response, title="Draft MoU v3")).status_code == 302
    assert Agreement.objects.get(pk=draft.pk).title == "Draft MoU v3"


# Rule: a signed agreement's parties are settled.


def test_the_page_refuses_to_change_a_signed_agreements_parties(manager_client, signed):
    before = _snapshot(signed)
    response = manager_client.post(
        reverse("agreements:parties", args=[signed.pk]),
        {"parties-TOTAL_FORMS": 0, "parties-INITIAL_FORMS": 0},
    )
    assert response.status_code == 403
    assert _snapshot(signed) == before


def test_the_api_refuses_to_delete_a_party_of_a_signed_agreement(api, signed):
    before = _snapshot(signed)
    party = signed.parties.first()
    response = api.delete(f"/api/agreement-parties/{party.pk}/")
    assert response.status_code == 403
    assert response.json() == {"detail": PARTIES_SETTLED}
    assert _snapshot(signed) == before


def test_the_api_refuses_to_add_or_change_a_party_of_a_signed_agreement(api, signed):
    before = _snapshot(signed)
    party = signed.parties.first()
    added = api.post(
        "/api/agreement-parties/",
        {"agreement": signed.pk, "organisation": OrganisationFactory().pk, "role": "witness"},
        format="json",
    )
    changed = api.patch(
        f"/api/agreement-parties/{party.pk}/",
        {"signatory_title": "Dean", "updated_at": stored_version(party)},
        format="json",
    )
    assert (added.status_code, added.json()) == (403, {"detail": PARTIES_SETTLED})
    assert (changed.status_code, changed.json()) == (403, {"detail": PARTIES_SETTLED})
    assert _snapshot(signed) == before


def test_the_api_refuses_to_move_a_party_onto_a_signed_agreement(api, signed):
    party = AgreementPartyFactory(agreement=AgreementFactory())
    response = api.patch(
        f"/api/agreement-parties/{party.pk}/",
        {"agreement": signed.pk, "updated_at": stored_version(party)},
        format="json",
    )
    assert (response.status_code, response.json()) == (403, {"detail": PARTIES_SETTLED})
    assert AgreementParty.objects.get(pk=party.pk).agreement_id != signed.pk


def test_the_api_still_changes_a_drafts_parties(api):
    party = AgreementPartyFactory(agreement=AgreementFactory())
    changed = api.patch(
        f"/api/agreement-parties/{party.pk}/",
        {"signatory_title": "Dean", "updated_at": stored_version(party)},
        format="json",
    )
    assert changed.status_code == 200
    assert api.delete(f"/api/agreement-parties/{party.pk}/").status_code == 204


def test_the_admin_refuses_to_change_a_signed_agreements_parties(admin_client, signed):
    before = _snapshot(signed)
    party = signed.parties.first()
    response = admin_client.get(reverse("admin:agreements_agreement_change", args=[signed.pk]))
    inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is AgreementParty)
    assert (inline.has_add_permission, inline.has_change_permission, inline.has_delete_permission) == (
        False,
        False,
        False,
    )
    assert admin_client.post(reverse("admin:agreements_agreementparty_delete", args=[party.pk])).status_code == 403
    change = reverse("admin:agreements_agreementparty_change", args=[party.pk])
    assert admin_client.post(change, {"signatory_title": "Dean"}).status_code == 403
    assert _snapshot(signed) == before


# Rule: the status changes only through a transition, which records who, when and why.


def test_the_api_moves_an_agreement_through_a_transition(api, manager):
    draft = AgreementFactory(title="Draft MoU")
    response = api.post(
        f"/api/agreements/{draft.pk}/transitions/start_negotiation/", {"comment": "Circulated"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "negotiation"
    change = AgreementStatusChange.objects.get(agreement=draft)
    assert (change.from_status, change.to_status, change.changed_by, change.comment) == (
        "drafting",
        "negotiation",
        manager,
        "Circulated",
    )


def test_the_api_refuses_a_transition_as_the_page_does(api, manager_client):
    draft = AgreementFactory(title="Draft MoU")
    page = manager_client.post(reverse("agreements:transition", args=[draft.pk, "sign"]), {"comment": ""})
    response = api.post(f"/api/agreements/{draft.pk}/transitions/sign/", {}, format="json")
    message = "An agreement needs at least two parties before it can be signed."
    assert (page.status_code, page.context["refusal"]) == (409, message)
    assert (response.status_code, response.json()) == (409, {"detail": message})
    assert Agreement.objects.get(pk=draft.pk).status == "drafting"
    assert not AgreementStatusChange.objects.exists()


def test_the_api_asks_a_reason_to_terminate(api, signed):
    response = api.post(f"/api/agreements/{signed.pk}/transitions/terminate/", {}, format="json")
    assert (response.status_code, response.json()) == (409, {"detail": "Give a reason to terminate."})
    assert Agreement.objects.get(pk=signed.pk).status == "signed"


def test_the_api_brings_an_agreement_into_force_from_a_date(api, signed):
    response = api.post(
        f"/api/agreements/{signed.pk}/transitions/activate/", {"effective_from": "2026-04-01"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["effective_from"]) == ("active", "2026-04-01")


def test_the_transition_endpoint_needs_the_pages_permission(client, coordinator):
    draft = AgreementFactory()
    api = APIClient()
    api.force_authenticate(coordinator)
    assert api.post(f"/api/agreements/{draft.pk}/transitions/start_negotiation/", {}).status_code == 403
    client.force_login(coordinator)
    assert client.post(reverse("agreements:transition", args=[draft.pk, "start_negotiation"])).status_code == 403
    assert Agreement.objects.get(pk=draft.pk).status == "drafting"


def test_an_unknown_transition_is_404_at_the_api(api):
    draft = AgreementFactory()
    assert api.post(f"/api/agreements/{draft.pk}/transitions/teleport/", {}).status_code == 404
    assert api.post("/api/agreements/0/transitions/sign/", {}).status_code == 404


def _admin_action(admin_client, name, agreements, **extra):
    return admin_client.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": f"transition_{name}", "_selected_action": [a.pk for a in agreements], "index": 0, **extra},
        follow=True,
    )


def test_an_admin_action_applies_a_transition_and_records_it(admin_client, admin_user):
    drafts = [AgreementFactory(title="A"), AgreementFactory(title="B")]
    response = _admin_action(admin_client, "start_negotiation", drafts)
    assert response.templates[0].name == "admin/agreements/transition_comment.html"
    response = _admin_action(admin_client, "start_negotiation", drafts, apply="yes")
    assert _messages(response) == ["Start negotiation: 2 agreement(s) done."]
    changes = AgreementStatusChange.objects.order_by("agreement_id")
    assert [(c.agreement.title, c.to_status, c.changed_by) for c in changes] == [
        ("A", "negotiation", admin_user),
        ("B", "negotiation", admin_user),
    ]


def test_an_admin_action_reports_each_refusal(admin_client):
    agreement = AgreementFactory(title="Proposed MoU", status=Agreement.Status.PROPOSED)
    response = _admin_action(admin_client, "start_negotiation", [agreement], apply="yes")
    assert _messages(response) == ["Proposed MoU: “Start negotiation” is not possible while the agreement is proposed."]
    assert Agreement.objects.get(pk=agreement.pk).status == "proposed"
    assert not AgreementStatusChange.objects.exists()


def test_an_admin_action_that_needs_a_reason_asks_for_it(admin_client, admin_user, signed):
    response = _admin_action(admin_client, "terminate", [signed])
    assert response.templates[0].name == "admin/agreements/transition_comment.html"
    assert Agreement.objects.get(pk=signed.pk).status == "signed"
    response = admin_client.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "transition_terminate", "_selected_action": [signed.pk], "apply": "yes", "comment": "Funding ended"},
        follow=True,
    )
    assert _messages(response) == ["Terminate: 1 agreement(s) done."]
    change = AgreementStatusChange.objects.get(agreement=signed)
    assert (change.to_status, change.changed_by, change.comment) == ("terminated", admin_user, "Funding ended")


# Rule: an amendment is recorded only on a signed agreement that is not over; only a signed one is renewed.


def test_a_draft_is_not_amended_at_any_door(manager_client, admin_client):
    draft = AgreementFactory(title="Draft MoU")
    response = manager_client.post(reverse("agreements:amend", args=[draft.pk]), {"title": "Extension"}, follow=True)
    assert _messages(response) == ["Only a signed agreement is amended; edit a draft directly."]
    response = admin_client.get(reverse("admin:agreements_agreement_change", args=[draft.pk]))
    inline = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is Amendment)
    assert inline.has_add_permission is False
    with pytest.raises(ValidationError) as refused:
        Amendment(agreement=draft, title="Extension").full_clean()
    assert refused.value.messages == ["Only a signed agreement is amended; edit a draft directly."]
    assert not Amendment.objects.exists()


def test_a_draft_is_not_renewed(manager_client):
    draft = AgreementFactory(title="Draft MoU")
    response = manager_client.post(reverse("agreements:renew", args=[draft.pk]), follow=True)
    assert _messages(response) == ["Only a signed agreement is renewed or extended; edit a draft directly."]
    assert Agreement.objects.count() == 1


# Rule: an action marked done records the day; reopening it clears that day.


def test_done_records_the_day_at_the_page(client, coordinator):
    action = ActionItemFactory(title="Send the draft")
    client.force_login(coordinator)
    client.post(reverse("actions:status", args=[action.pk]), {"status": "done"})
    assert ActionItem.objects.get(pk=action.pk).completed_on == TODAY


def test_done_records_the_day_and_reopening_clears_it_at_the_api(coordinator):
    action = ActionItemFactory(title="Send the draft")
    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.patch(
        f"/api/action-items/{action.pk}/", {"status": "done", "updated_at": stored_version(action)}, format="json"
    )
    assert (response.status_code, response.json()["completed_on"]) == (200, "2026-11-26")
    response = api.patch(
        f"/api/action-items/{action.pk}/", {"status": "open", "updated_at": stored_version(action)}, format="json"
    )
    assert (response.status_code, response.json()["completed_on"]) == (200, None)
    assert ActionItem.objects.get(pk=action.pk).completed_on is None


def test_a_given_completion_day_is_kept_at_the_api(api):
    action = ActionItemFactory(title="Send the draft")
    response = api.patch(
        f"/api/action-items/{action.pk}/",
        {"status": "done", "completed_on": "2026-11-20", "updated_at": stored_version(action)},
        format="json",
    )
    assert response.json()["completed_on"] == "2026-11-20"


def test_done_records_the_day_and_reopening_clears_it_at_the_admin(admin_client):
    action = ActionItemFactory(title="Send the draft")
    url = reverse("admin:workshops_actionitem_change", args=[action.pk])
    assert admin_client.post(url, _admin_post_data(admin_client.get(url), status="done")).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).completed_on == TODAY
    assert admin_client.post(url, _admin_post_data(admin_client.get(url), status="open")).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).completed_on is None


def test_done_records_the_day_in_the_workshop_admins_action_rows(admin_client):
    action = ActionItemFactory(title="Send the draft")
    url = reverse("admin:workshops_workshop_change", args=[action.workshop_id])
    response = admin_client.get(url)
    prefix = next(i.formset.prefix for i in response.context["inline_admin_formsets"] if i.formset.model is ActionItem)
    assert admin_client.post(url, _admin_post_data(response, **{f"{prefix}-0-status": "done"})).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).completed_on == TODAY


# Rule: a step is dated on the day it happened, which is never in the future and never before the previous step.

BACKDATING = [
    ("2026-11-27", "The date it happened, 2026-11-27, is in the future: record a step once it has happened."),
    ("2026-04-30", "The date it happened, 2026-04-30, is before the previous step, on 2026-05-01."),
]


@pytest.fixture
def drafted():
    agreement = AgreementFactory(title="Drafted MoU", status=Agreement.Status.DRAFTING)
    AgreementStatusChange.objects.create(
        agreement=agreement, to_status=Agreement.Status.DRAFTING, occurred_on=datetime.date(2026, 5, 1)
    )
    return agreement


@pytest.mark.parametrize("occurred_on, refusal", BACKDATING)
def test_every_door_refuses_a_step_dated_in_the_future_or_before_the_previous_one(
    manager_client, api, admin_client, drafted, occurred_on, refusal
):
    url = reverse("agreements:transition", args=[drafted.pk, "start_negotiation"])
    page = manager_client.post(url, {"occurred_on": occurred_on})
    assert (page.status_code, page.context["refusal"]) == (409, refusal)
    response = api.post(
        f"/api/agreements/{drafted.pk}/transitions/start_negotiation/", {"occurred_on": occurred_on}, format="json"
    )
    assert (response.status_code, response.json()) == (409, {"detail": refusal})
    response = _admin_action(admin_client, "start_negotiation", [drafted], apply="yes", occurred_on=occurred_on)
    assert _messages(response) == [f"Drafted MoU: {refusal}"]
    assert Agreement.objects.get(pk=drafted.pk).status == "drafting"
    assert drafted.status_changes.count() == 1


def test_every_door_records_the_day_a_step_happened(manager, api, admin_client, drafted):
    manager_client = Client()
    manager_client.force_login(manager)
    manager_client.post(
        reverse("agreements:transition", args=[drafted.pk, "start_negotiation"]), {"occurred_on": "2026-06-02"}
    )
    response = api.post(
        f"/api/agreements/{drafted.pk}/transitions/return_to_drafting/", {"occurred_on": "2026-07-03"}, format="json"
    )
    assert (response.status_code, response.json()["status_since"]) == (200, "2026-07-03")
    _admin_action(admin_client, "start_negotiation", [drafted], apply="yes", occurred_on="2026-08-04")
    changes = drafted.status_changes.order_by("id")
    assert [(c.to_status, c.occurred_on.isoformat(), c.changed_by.username) for c in changes[1:]] == [
        ("negotiation", "2026-06-02", "manager"),
        ("drafting", "2026-07-03", "manager"),
        ("negotiation", "2026-08-04", "admin"),
    ]
    assert {c.changed_at for c in changes[1:]} == {datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)}
    assert Agreement.objects.get(pk=drafted.pk).status_since == datetime.date(2026, 8, 4)


def test_the_api_says_which_parties_a_signing_waits_for(api, drafted):
    waiting = [AgreementPartyFactory(agreement=drafted) for _ in range(2)]
    response = api.post(f"/api/agreements/{drafted.pk}/transitions/sign/", {}, format="json")
    assert response.status_code == 409
    assert response.json()["missing_parties"] == [party.pk for party in waiting]


# Rule: a renewal takes its real dates. Its first step is the day it was proposed, so it is signed on the day its
# parties really signed, even long before it was recorded; and it is proposed neither in the future nor before the
# agreement it renews was signed.


def _sign_parties(agreement, day):
    for party in agreement.parties.filter(role=AgreementParty.Role.PARTY):
        party.signatory = PersonFactory()
        party.signed_on = day
        party.save()


def test_a_renewal_recorded_late_is_proposed_and_signed_on_its_real_dates_at_the_page(manager_client, signed):
    response = manager_client.post(reverse("agreements:renew", args=[signed.pk]), {"proposed_on": "2026-05-04"})
    renewal = Agreement.objects.get(renews=signed)
    assert response["Location"] == reverse("agreements:edit", args=[renewal.pk])
    assert (renewal.proposed_on, renewal.status, renewal.status_since) == (
        datetime.date(2026, 5, 4),
        "drafting",
        datetime.date(2026, 5, 4),
    )
    _sign_parties(renewal, datetime.date(2026, 6, 10))
    response = manager_client.post(
        reverse("agreements:transition", args=[renewal.pk, "sign"]), {"occurred_on": "2026-06-10"}
    )
    assert response.status_code == 302
    renewal.refresh_from_db()
    assert (renewal.status, renewal.signed_on) == ("signed", datetime.date(2026, 6, 10))
    assert list(renewal.status_changes.values_list("occurred_on", "to_status")) == [
        (datetime.date(2026, 5, 4), "drafting"),
        (datetime.date(2026, 6, 10), "signed"),
    ]


def test_the_renew_page_offers_today_and_refuses_a_date_before_the_signing_next_to_the_field(manager_client, signed):
    url = reverse("agreements:renew", args=[signed.pk])
    assert manager_client.get(url).context["form"]["proposed_on"].value() == TODAY
    response = manager_client.post(url, {"proposed_on": "2026-02-28"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "proposed_on": ["A renewal cannot be proposed before the agreement it renews was signed, on 2026-03-01."]
    }
    assert Agreement.objects.count() == 1


def test_the_api_renews_on_a_real_date_and_refuses_one_in_the_future(api, signed):
    future = api.post(f"/api/agreements/{signed.pk}/renew/", {"proposed_on": "2026-11-27"}, format="json")
    assert (future.status_code, future.json()) == (
        400,
        {"proposed_on": ["The renewal was proposed on 2026-11-27, which is in the future."]},
    )
    response = api.post(f"/api/agreements/{signed.pk}/renew/", {"proposed_on": "2026-09-01"}, format="json")
    assert response.status_code == 201
    assert (response.json()["renews"], response.json()["proposed_on"], response.json()["status"]) == (
        signed.pk,
        "2026-09-01",
        "drafting",
    )
    again = api.post(f"/api/agreements/{signed.pk}/renew/", {}, format="json")
    assert (again.status_code, again.json()["agreement"]) == (409, response.json()["id"])


def test_a_renewal_is_not_signed_before_the_day_it_was_proposed(signed, manager):
    renewal = agreement_renew(agreement=signed, user=manager, proposed_on=datetime.date(2026, 5, 4))
    _sign_parties(renewal, datetime.date(2026, 5, 1))
    with pytest.raises(TransitionRefused) as refused:
        agreement_sign(agreement=renewal, user=manager)
    assert refused.value.message == "The date it happened, 2026-05-01, is before the previous step, on 2026-05-04."


# Rule: a decision that already led to an agreement leads to another only when the user confirms it; until then
# nothing is made and the workshop's open actions stay where they are.


def _actions_by_agreement(workshop):
    return list(workshop.action_items.order_by("id").values_list("agreement_id", flat=True))


def test_starting_again_from_a_decision_shows_its_agreement_and_asks(manager_client, reference_workshop):
    decision = reference_workshop.outcomes.get(kind="decision")
    existing = Agreement.objects.get(origin_outcomes=decision)
    url = reverse("agreements:from-decision", args=[decision.pk])
    page = manager_client.get(url)
    assert f'<a href="{existing.get_absolute_url()}">{existing.title}</a> (Drafting)' in page.content.decode()
    actions = _actions_by_agreement(reference_workshop)
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, False)}
    response = manager_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "confirm_another": ["Tick this box to make another agreement from this decision."]
    }
    assert list(Agreement.objects.values_list("pk", flat=True)) == [existing.pk]
    assert _actions_by_agreement(reference_workshop) == actions
    response = manager_client.post(url, {**data, "confirm_another": "on"})
    made = Agreement.objects.exclude(pk=existing.pk).get()
    assert response["Location"] == made.get_absolute_url()
    assert _actions_by_agreement(reference_workshop) == [existing.pk, made.pk, made.pk]


def test_the_api_answers_409_for_a_decision_that_led_to_an_agreement_unless_confirmed(api, reference_workshop):
    decision = reference_workshop.outcomes.get(kind="decision")
    existing = Agreement.objects.get(origin_outcomes=decision)
    actions = _actions_by_agreement(reference_workshop)
    response = api.post("/api/agreements/from-decision/", {"outcome": decision.pk}, format="json")
    assert (response.status_code, response.json()) == (
        409,
        {
            "detail": f"This decision already led to “{existing.title}”. Confirm that another agreement is to be "
            "made from it.",
            "agreements": [existing.pk],
        },
    )
    assert Agreement.objects.count() == 1
    assert _actions_by_agreement(reference_workshop) == actions
    response = api.post(
        "/api/agreements/from-decision/", {"outcome": decision.pk, "confirm_another": True}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["title"], response.json()["status"]) == (
        "Framework agreement between WIT, PCCFPI and SSEZ",
        "proposed",
    )
    assert _actions_by_agreement(reference_workshop) == [existing.pk, response.json()["id"], response.json()["id"]]


def test_the_api_starts_an_agreement_from_a_new_decision_without_asking(api, reference_workshop):
    decision = reference_workshop.outcomes.create(order=9, kind="decision", text="WIT and PCCFPI will sign an MoU.")
    response = api.post("/api/agreements/from-decision/", {"outcome": decision.pk}, format="json")
    assert response.status_code == 201
    assert list(Agreement.objects.filter(origin_outcomes=decision).values_list("pk", flat=True)) == [
        response.json()["id"]
    ]
