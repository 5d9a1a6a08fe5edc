"""Two confirmations of one attendance import at the same moment, the same one sent twice, and rows changed on their
own while the workshop page is open: nothing is written twice and nothing is silently reverted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import COORDINATOR
from agreements.models import Agreement
from participants.models import Person
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    PersonFactory,
    UserFactory,
    WorkshopFactory,
    stored_version,
)
from tests.threads import at_once
from workshops.models import Attendance, Workshop

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Follow-up,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,liu@ilo.org,120,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Sok Dara,sok.dara@example.org,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
Vanna Keo,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
Chenda Lim,chenda@example.org,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
"""
IMPORTED = "Attendance imported: 3 added (3 of them new people), 0 already listed, 0 skipped."
REPEATED = "This preview was imported already: nothing was added."

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and one writer at a time: the race needs PostgreSQL (set DATABASE_URL)",
)


def _url(workshop):
    return reverse("workshops:attendance-import", args=[workshop.pk])


def _confirmation(client, workshop):
    """Upload the report and return the confirmation the preview page would send."""
    preview = client.post(_url(workshop), {"step": "upload", "file": SimpleUploadedFile("zoom.csv", ZOOM.encode())})
    # The report is of another meeting than these factory workshops: the box that imports it anyway is ticked.
    data = {"step": "confirm", "payload": preview.context["payload"], "other-meeting": "1"}
    data.update({field.html_name: field.value() or "" for field in preview.context["mapping_form"]})
    return data


def _messages(client, workshop):
    return [str(m) for m in client.get(workshop.get_absolute_url()).context["messages"]]


def _people(workshop):
    return sorted(Attendance.objects.filter(workshop=workshop).values_list("person__given_name", flat=True))


def _signed_in_clients(count):
    clients = []
    for number in range(count):
        client = Client()
        client.force_login(UserFactory(username=f"coordinator{number}", role=COORDINATOR))
        clients.append(client)
    return clients


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_confirming_the_same_preview_at_once_import_it_once():
    workshop = WorkshopFactory()
    first, second = _signed_in_clients(2)
    data = _confirmation(first, workshop)
    responses = at_once(lambda: first.post(_url(workshop), data), lambda: second.post(_url(workshop), data))
    assert [r.status_code for r in responses] == [302, 302]
    # The preview's key is the first user's own: the second user's confirmation runs after it and adds nobody.
    assert sorted([*_messages(first, workshop), *_messages(second, workshop)]) == [
        "Attendance imported: 0 added (0 of them new people), 3 already listed, 0 skipped.",
        IMPORTED,
    ]
    assert _people(workshop) == ["Chenda", "Dara", "Vanna"]
    assert Person.objects.count() == 3


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_one_report_confirmed_at_once_create_each_person_once():
    workshop = WorkshopFactory()
    first, second = _signed_in_clients(2)
    mine, theirs = _confirmation(first, workshop), _confirmation(second, workshop)
    responses = at_once(lambda: first.post(_url(workshop), mine), lambda: second.post(_url(workshop), theirs))
    assert [r.status_code for r in responses] == [302, 302]
    assert sorted([*_messages(first, workshop), *_messages(second, workshop)]) == [
        "Attendance imported: 0 added (0 of them new people), 3 already listed, 0 skipped.",
        IMPORTED,
    ]
    assert _people(workshop) == ["Chenda", "Dara", "Vanna"]
    assert Person.objects.count() == 3


@pytest.mark.django_db
def test_the_same_confirmation_sent_again_adds_nothing_and_says_so(coordinator_client):
    workshop = WorkshopFactory()
    data = _confirmation(coordinator_client, workshop)
    assert coordinator_client.post(_url(workshop), data).status_code == 302
    assert _messages(coordinator_client, workshop) == [IMPORTED]
    assert coordinator_client.post(_url(workshop), data).status_code == 302
    assert _messages(coordinator_client, workshop) == [REPEATED]
    assert (_people(workshop), Person.objects.count()) == (["Chenda", "Dara", "Vanna"], 3)


# Rows changed on their own give their parent a new version.


def _page_data(response):
    """Everything the workshop page shows, its rows included, as a browser would submit it."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context["formsets"]:
        management = formset.management_form
        data.update({management[name].html_name: management[name].value() for name in management.fields})
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(value, (list, tuple)):
                data[form[name].html_name] = [str(v) for v in value]
            elif value is True:
                data[form[name].html_name] = "on"
            else:
                formatted = field.widget.format_value(value)
                data[form[name].html_name] = "" if formatted is None else formatted
    return data


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


def test_an_attendance_changed_through_the_api_is_not_reverted_by_a_page_opened_before(
    coordinator_client, api, coordinator
):
    attendance = AttendanceFactory(title="Lecturer")
    workshop = attendance.workshop
    url = reverse("workshops:edit", args=[workshop.pk])
    opened = _page_data(coordinator_client.get(url))

    response = api.patch(
        f"/api/attendances/{attendance.pk}/",
        {"title": "Dean", "updated_at": stored_version(attendance)},
        format="json",
    )
    assert response.status_code == 200

    response = coordinator_client.post(url, opened)
    assert response.status_code == 409
    assert response.context["conflict"].changes == []
    assert response.context["conflict"].changed_by == coordinator
    assert Attendance.objects.get(pk=attendance.pk).title == "Dean"
    assert workshop.history.latest().history_change_reason == "An attendance row was changed."


def test_an_attendance_added_or_removed_through_the_api_gives_the_workshop_a_new_version(api):
    workshop = WorkshopFactory()
    before = stored_version(workshop)
    added = api.post("/api/attendances/", {"workshop": workshop.pk, "person": PersonFactory().pk})
    assert added.status_code == 201
    after_add = stored_version(workshop)
    assert api.delete(f"/api/attendances/{added.json()['id']}/").status_code == 204
    assert len({before, after_add, stored_version(workshop)}) == 3
    assert list(workshop.history.values_list("history_change_reason", flat=True)[:2]) == [
        "An attendance row was removed.",
        "An attendance row was changed.",
    ]


def test_an_action_status_set_on_the_actions_page_refuses_a_workshop_page_opened_before(coordinator_client):
    action = ActionItemFactory(title="Send the draft")
    workshop = action.workshop
    url = reverse("workshops:edit", args=[workshop.pk])
    opened = _page_data(coordinator_client.get(url))
    coordinator_client.post(reverse("actions:status", args=[action.pk]), {"status": "done"})
    assert coordinator_client.post(url, opened).status_code == 409
    assert Workshop.objects.get(pk=workshop.pk).action_items.get().status == "done"


def test_a_party_changed_through_the_api_gives_its_agreement_a_new_version(manager):
    agreement = AgreementFactory()
    party = AgreementPartyFactory(agreement=agreement)
    before = stored_version(agreement)
    api = APIClient()
    api.force_authenticate(manager)
    response = api.patch(
        f"/api/agreement-parties/{party.pk}/", {"signatory_title": "Dean", "updated_at": stored_version(party)}
    )
    assert response.status_code == 200
    assert stored_version(agreement) != before
    assert Agreement.objects.get(pk=agreement.pk).history.latest().history_change_reason == "A party was changed."
    stale = api.patch(f"/api/agreements/{agreement.pk}/", {"summary": "Old page", "updated_at": before})
    assert stale.status_code == 409


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_one_report_confirmed_at_once_into_two_workshops_creates_each_person_once():
    mornings, afternoons = WorkshopFactory(), WorkshopFactory()
    first, second = _signed_in_clients(2)
    mine, theirs = _confirmation(first, mornings), _confirmation(second, afternoons)
    responses = at_once(lambda: first.post(_url(mornings), mine), lambda: second.post(_url(afternoons), theirs))
    assert [r.status_code for r in responses] == [302, 302]
    assert (_people(mornings), _people(afternoons)) == (["Chenda", "Dara", "Vanna"], ["Chenda", "Dara", "Vanna"])
    assert Person.objects.count() == 3


@pytest.mark.django_db
def test_a_new_person_chosen_on_a_preview_made_before_someone_imported_them_is_not_created_twice(
    coordinator_client,
):
    mornings, afternoons = WorkshopFactory(), WorkshopFactory()
    mine, theirs = _confirmation(coordinator_client, mornings), _confirmation(coordinator_client, afternoons)
    # Both previews were made while nobody was on record; the second says "a new person" outright.
    theirs.update({"choice-2": "new", "choice-3": "new", "choice-4": "new"})
    assert coordinator_client.post(_url(mornings), mine).status_code == 302
    assert coordinator_client.post(_url(afternoons), theirs).status_code == 302
    assert (_people(mornings), _people(afternoons)) == (["Chenda", "Dara", "Vanna"], ["Chenda", "Dara", "Vanna"])
    assert Person.objects.count() == 3
