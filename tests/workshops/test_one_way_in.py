"""One way in for a workshop record: every door writes through services.workshop_write, so every door keeps the
same rules — a change to approved minutes opens the next revision, approval happens once, approved minutes are not
deleted, lists are bounded — and the same input gives the same rows."""

import pytest
from django.contrib.admin.sites import AdminSite
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import ADMIN
from tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    WorkshopFactory,
    stored_version,
)
from tests.threads import at_once
from tests.workshops.test_races import _confirmation, _page_data
from tests.workshops.test_views import _entry, _management
from workshops import forms as entry_forms
from workshops.admin import AttendanceAdmin
from workshops.models import ActionItem, Attendance, Workshop
from workshops.services import workshop_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.fixture
def approved(coordinator):
    """An approved record with one attendance and one action."""
    attendance = AttendanceFactory(title="Lecturer")
    workshop = attendance.workshop
    ActionItemFactory(workshop=workshop, title="Send the curricula")
    workshop_approve(workshop=workshop, user=coordinator)
    workshop.refresh_from_db()
    return workshop


def _assert_revision_two(workshop):
    workshop.refresh_from_db()
    assert (workshop.revision, workshop.approved_at) == (2, None)
    approved = workshop.previous_approval()
    assert approved is not None and approved.revision == 1 and approved.approved_at is not None


def _through_the_page(client, workshop):
    data = _page_data(client.get(reverse("workshops:edit", args=[workshop.pk])))
    data["title"] = "Exchange, revised"
    assert client.post(reverse("workshops:edit", args=[workshop.pk]), data).status_code == 302


def _through_the_workshop_api(api, workshop):
    body = {"title": "Exchange, revised", "updated_at": stored_version(workshop)}
    assert api.patch(f"/api/workshops/{workshop.pk}/", body, format="json").status_code == 200


def _attendance_changed(api, workshop):
    attendance = workshop.attendances.get()
    body = {"title": "Dean", "updated_at": stored_version(attendance)}
    assert api.patch(f"/api/attendances/{attendance.pk}/", body, format="json").status_code == 200


def _attendance_added(api, workshop):
    body = {"workshop": workshop.pk, "person": PersonFactory().pk}
    assert api.post("/api/attendances/", body, format="json").status_code == 201


def _attendance_removed(api, workshop):
    assert api.delete(f"/api/attendances/{workshop.attendances.get().pk}/").status_code == 204


def _action_changed(api, workshop):
    action = workshop.action_items.get()
    body = {"title": "Send the curricula by e-mail", "updated_at": stored_version(action)}
    assert api.patch(f"/api/action-items/{action.pk}/", body, format="json").status_code == 200


def _action_added(api, workshop):
    body = {"workshop": workshop.pk, "title": "Plan the visit", "status": "open"}
    assert api.post("/api/action-items/", body, format="json").status_code == 201


def _through_the_admin(api, workshop):
    attendance = workshop.attendances.get()
    request = RequestFactory().post("/admin/")
    request.user = UserFactory(username="admin-door", role=ADMIN)
    model_admin = AttendanceAdmin(Attendance, AdminSite())
    form_class = model_admin.get_form(request, attendance, change=True)
    data = {
        "workshop": workshop.pk,
        "person": attendance.person_id,
        "title": "Dean",
        "role": attendance.role,
        "presence": attendance.presence,
        "order": 0,
    }
    form = form_class(data, instance=attendance)
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)


@pytest.mark.parametrize(
    "door",
    [
        _through_the_workshop_api,
        _attendance_changed,
        _attendance_added,
        _attendance_removed,
        _action_changed,
        _action_added,
        _through_the_admin,
    ],
)
def test_a_change_at_any_door_opens_the_next_revision(api, approved, door):
    door(api, approved)
    _assert_revision_two(approved)


def test_a_change_on_the_page_opens_the_next_revision(coordinator_client, approved):
    _through_the_page(coordinator_client, approved)
    _assert_revision_two(approved)


def test_an_import_opens_the_next_revision(coordinator_client, approved):
    response = coordinator_client.post(
        reverse("workshops:attendance-import", args=[approved.pk]), _confirmation(coordinator_client, approved)
    )
    assert response.status_code == 302
    assert approved.attendances.count() == 4
    _assert_revision_two(approved)


def test_following_an_action_up_is_not_a_change_of_the_minutes(api, approved):
    action = approved.action_items.get()
    body = {"status": "done", "updated_at": stored_version(action)}
    assert api.patch(f"/api/action-items/{action.pk}/", body, format="json").status_code == 200
    approved.refresh_from_db()
    assert (approved.revision, approved.approved_at is not None) == (1, True)
    assert ActionItem.objects.get(pk=action.pk).completed_on is not None


def test_approved_minutes_are_not_deleted_at_any_door(api, approved, admin_client):
    refused = api.delete(f"/api/workshops/{approved.pk}/")
    assert (refused.status_code, refused.json()) == (409, {"detail": "Approved minutes cannot be deleted."})
    assert (
        admin_client.post(reverse("admin:workshops_workshop_delete", args=[approved.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert Workshop.objects.filter(pk=approved.pk).exists()
    draft = WorkshopFactory()
    assert api.delete(f"/api/workshops/{draft.pk}/").status_code == 204


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL (set DATABASE_URL)")
@pytest.mark.django_db(transaction=True)
def test_approvals_sent_at_once_approve_once():
    workshop = WorkshopFactory()
    clients = []
    for number in range(3):
        client = Client()
        client.force_login(UserFactory(username=f"manager{number}", role=ADMIN))
        clients.append(client)
    url = f"/api/workshops/{workshop.pk}/approve/"
    answers = at_once(*[lambda c=c: c.post(url).status_code for c in clients])
    assert sorted(answers) == [200, 409, 409]
    reasons = list(workshop.history.values_list("history_change_reason", flat=True))
    assert reasons.count("Minutes approved (revision 1)") == 1


def test_a_tampered_row_count_is_a_message_and_builds_no_row(coordinator_client, monkeypatch):
    built = []
    original = entry_forms.EntryRowForm.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(entry_forms.EntryRowForm, "__init__", counting)
    data = _entry(**_management("attendance", 100000), **_management("hosts", 2000))
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    assert built == [] or all(form.prefix.endswith("__prefix__") for form in built)  # the empty rows' templates
    assert [text for text, _anchor in response.context["error_summary"]] == [
        "Host and coordinating organisations — At most 50 rows here; remove some, or split the record.",
        "Who attended — At most 500 rows here; remove some, or split the record.",
    ]
    assert Workshop.objects.count() == 0  # the time it takes: bench/entry_rows.py


def test_the_same_workshop_through_the_page_and_the_api_gives_the_same_rows(coordinator_client, api):
    wit, npic = OrganisationFactory(short_name="WIT"), OrganisationFactory(short_name="NPIC")
    shi, sok = PersonFactory(), PersonFactory()
    rows = [(shi, wit, "Principal", "chair"), (sok, npic, "Trainer", "speaker")]
    page = _entry(
        **_management("attendance", 2),
        **{
            f"attendance-{i}-{name}": value
            for i, (person, organisation, title, role) in enumerate(rows)
            for name, value in [
                ("person", str(person.pk)),
                ("organisation", str(organisation.pk)),
                ("title", title),
                ("role", role),
                ("presence", "present"),
            ]
        },
        **_management("actions", 1),
        **{"actions-0-title": "Send the curricula", "actions-0-owner": str(sok.pk), "actions-0-status": "open"},
        new_topics="",
    )
    assert coordinator_client.post(reverse("workshops:create"), page).status_code == 302
    by_page = Workshop.objects.get()
    body = {name: page[name] for name in ["title", "kind", "format", "status", "start_date", "timezone"]}
    body["reported_attendance"] = 19
    body["allow_duplicate"] = True  # the same workshop again, on purpose: without it the API refuses it (409)
    created = api.post("/api/workshops/", body, format="json")
    assert created.status_code == 201, created.json()
    by_api = Workshop.objects.get(pk=created.json()["id"])
    for person, organisation, title, role in rows:
        row = {"workshop": by_api.pk, "person": person.pk, "organisation": organisation.pk, "title": title}
        assert api.post("/api/attendances/", row | {"role": role}, format="json").status_code == 201
    action = {"workshop": by_api.pk, "title": "Send the curricula", "owner": sok.pk, "status": "open"}
    assert api.post("/api/action-items/", action, format="json").status_code == 201

    def rows_of(workshop):
        fields = ["person", "organisation", "title", "role", "presence", "order"]
        return (
            [getattr(workshop, name) for name in ["title", "kind", "format", "status", "start_date", "timezone"]],
            list(workshop.attendances.order_by("order").values_list(*fields)),
            list(workshop.action_items.values_list("title", "owner", "status", "due_date")),
            sorted(workshop.attendances.values_list("person__positions__title", flat=True)),
        )

    assert rows_of(by_page) == rows_of(by_api)
    assert rows_of(by_page)[1] == [
        (shi.pk, wit.pk, "Principal", "chair", "present", 0),
        (sok.pk, npic.pk, "Trainer", "speaker", "present", 1),
    ]


def test_a_merge_of_a_person_who_attended_opens_the_next_revision(approved):
    from participants.services import person_merge

    attendee = approved.attendances.get().person
    keep = PersonFactory()
    person_merge(keep=keep, duplicate=attendee, user=UserFactory(username="merging-admin", role=ADMIN))
    _assert_revision_two(approved)
    assert list(approved.attendances.values_list("person", flat=True)) == [keep.pk]


def test_the_services_messages_show_next_to_their_rows_fields(coordinator_client):
    sok = PersonFactory()
    rows = {
        **_management("attendance", 3),
        **{f"attendance-{i}-person": str(sok.pk) for i in (0, 2)},
        "attendance-0-presence": "present",
        "attendance-0-role": "participant",
        # Row 2 is left as added and not filled in: it is no row, and the messages still go to the page's rows.
        "attendance-1-presence": "present",
        "attendance-1-role": "participant",
        "attendance-2-presence": "present",
        "attendance-2-role": "speaker",
    }
    response = coordinator_client.post(reverse("workshops:create"), _entry(**rows))
    assert response.status_code == 200
    attendance = response.context["formsets"][1]
    assert [form.errors for form in attendance.forms] == [
        {},
        {},
        {"person": ["This person is already listed as attending this workshop."]},
    ]
    assert [text for text, _anchor in response.context["error_summary"]] == [
        "Who attended, row 3: Person — This person is already listed as attending this workshop."
    ]
    assert Workshop.objects.count() == 0


def test_a_workshops_action_on_an_agreement_gives_the_agreement_a_new_version(api):
    from tests.factories import AgreementFactory

    agreement = AgreementFactory()
    action = ActionItemFactory(workshop=WorkshopFactory(), agreement=agreement, title="Draft the agreement")
    before = stored_version(agreement)
    body = {"title": "Draft the framework agreement", "updated_at": stored_version(action)}
    assert api.patch(f"/api/action-items/{action.pk}/", body, format="json").status_code == 200
    assert stored_version(agreement) != before
    assert agreement.history.latest().history_change_reason == "A follow-up action was changed."
