"""E-mail addresses and phone numbers reach coordinators and admins only (accounts.roles.may_see_contacts), at every
door: every page of the URL catalogue, searches and type-ahead answers, exports, the API, history, the meeting
record's send page, the attendance import's preview and the admin."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from accounts.roles import ADMIN, COORDINATOR, MANAGER, may_see_contacts
from participants.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.urls_catalogue import project_routes, url_for

pytestmark = pytest.mark.django_db

EMAIL = "samath.private@pccfpi.example"
OLD_EMAIL = "samath.old@pccfpi.example"
PHONE = "+855 12 777 4321"
OLD_PHONE = "+855 12 000 1111"
SECRETS = [EMAIL, OLD_EMAIL, PHONE, OLD_PHONE, "samath.private", "777 4321"]

# Pages that change something on GET, or sign out: left out of the crawl (their GET is refused anyway).
NOT_CRAWLED = {"logout", "calendar:reset", "set_language"}
# Searches and type-ahead boxes, with words that find the person, and the API's list.
SEARCHES = [
    ("participants:list", {"q": "Samath"}),
    ("participants:match", {"q": "Samath"}),
    ("search", {"q": "Samath"}),
    ("workshops:list", {"q": "Samath"}),
    ("api:person-list", {"q": "Samath"}),
    ("api:person-list", {}),
    ("participants:duplicates", {}),
]


@pytest.fixture
def samath(reference_workshop):
    """Samath Bou of the reference workshop, his address and phone changed once (so the history holds both)."""
    person = Person.objects.get(given_name="Samath")
    person.email, person.phone = OLD_EMAIL, OLD_PHONE
    person.save()
    person.email, person.phone = EMAIL, PHONE
    person.save()
    # A look-alike, so the possible-duplicates page shows him with his address.
    PersonFactory(honorific="Mr.", given_name="Samat", family_name="Bou", email="other@example.org")
    return person


def _pages(client, demo_ids):
    """Every page a GET reaches (the URL catalogue's routes), then the searches: (url, body as text)."""
    for route in project_routes():
        if route.name in NOT_CRAWLED:
            continue
        url = url_for(route, demo_ids)
        yield url, client.get(url)
    for name, params in SEARCHES:
        yield name, client.get(reverse(name), params)
    yield "csv", client.get(reverse("participants:export", args=["csv"]), {"q": "Samath"})
    yield "xlsx", client.get(reverse("participants:export", args=["xlsx"]))


def _text(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(response.content)).active
        return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    return response.content.decode("utf-8", errors="replace")


def test_the_roles_table_gives_contact_details_to_coordinators_and_admins_only(db):
    assert {
        role: may_see_contacts(UserFactory(username=role.lower(), role=role)) for role in (COORDINATOR, MANAGER, ADMIN)
    } == {COORDINATOR: True, MANAGER: False, ADMIN: True}
    assert may_see_contacts(UserFactory(username="superuser", is_superuser=True)) is True
    assert may_see_contacts(UserFactory(username="norole")) is False


def test_the_data_migration_granted_the_permission_to_the_coordinators(db):
    permission = Permission.objects.get(content_type__app_label="participants", codename="see_contact_details")
    assert sorted(Group.objects.filter(permissions=permission).values_list("name", flat=True)) == [ADMIN, COORDINATOR]


@pytest.mark.parametrize("role", [MANAGER, "norole"])
def test_a_role_without_access_finds_no_address_or_phone_at_any_door(client, samath, demo_ids, role):
    user = UserFactory(username="reader", role=role if role != "norole" else None)
    client.force_login(user)
    seen = {}
    for url, response in _pages(client, demo_ids):
        text = _text(response)
        found = [secret for secret in SECRETS if secret in text]
        if found:
            seen[url] = found
    assert seen == {}


def test_a_coordinator_finds_them_where_they_belong(client, samath, demo_ids):
    client.force_login(UserFactory(username="coordinator", role=COORDINATOR))
    seen = {url for url, response in _pages(client, demo_ids) if EMAIL in _text(response)}
    assert seen == {
        reverse("participants:list"),
        reverse("participants:duplicates"),
        reverse("api:person-list"),
        reverse("participants:edit", args=[samath.pk]),
        reverse("participants:detail", args=[samath.pk]),
        reverse("participants:history", args=[samath.pk]),
        reverse("participants:export", args=["csv"]),
        reverse("api:person-detail", args=[samath.pk]),
        reverse("workshops:send", args=[demo_ids["workshops"]]),
        "participants:list",
        "api:person-list",
        "participants:duplicates",
        "csv",
        "xlsx",
    }


def test_the_api_neither_answers_nor_writes_contact_details_for_a_manager(samath, manager):
    api = APIClient()
    api.force_authenticate(manager)
    url = reverse("api:person-detail", args=[samath.pk])
    body = api.get(url).json()
    assert ("email" in body, "phone" in body, body["basis"], body["may_be_named"]) == (False, False, "", True)
    response = api.patch(url, {"email": "changed@example.org", "updated_at": body["updated_at"]}, format="json")
    assert response.status_code == 200
    samath.refresh_from_db()
    assert (samath.email, samath.phone) == (EMAIL, PHONE)


def test_a_manager_edits_a_person_without_seeing_or_wiping_the_contact_details(client, samath, manager):
    client.force_login(manager)
    url = reverse("participants:edit", args=[samath.pk])
    form = client.get(url).context["form"]
    assert ("email" in form.fields, "phone" in form.fields) == (False, False)
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data |= {"given_name": "Samath", "family_name": "Bou", "name_order": "given_first", "may_be_named": ""}
    data |= {"basis": "contract", "basis_source": "Staff contract", "basis_date": "2026-11-30", "country": ""}
    data["version"] = form.fields["version"].initial
    response = client.post(url, data)
    assert response.status_code == 302
    samath.refresh_from_db()
    assert (samath.email, samath.phone, samath.basis, samath.may_be_named) == (EMAIL, PHONE, "contract", False)


def test_the_history_hides_the_address_change_from_a_manager_and_shows_it_to_a_coordinator(
    client, samath, manager, coordinator
):
    url = reverse("participants:history", args=[samath.pk])
    client.force_login(manager)
    fields = [[change.field for change in version.changes] for version in client.get(url).context["versions"]]
    assert fields[:2] == [[], []]
    client.force_login(coordinator)
    fields = [[change.field for change in version.changes] for version in client.get(url).context["versions"]]
    assert [sorted(f) for f in fields[:2]] == [["email", "phone"], ["email", "phone"]]


def test_the_send_page_names_the_recipients_without_their_addresses_for_a_manager(client, samath, manager):
    client.force_login(manager)
    url = reverse("workshops:send", args=[samath.attendances.get().workshop_id])
    labels = [label for _value, label in client.get(url).context["form"].fields["recipients"].choices]
    changed = samath.history.first().history_date.date()
    assert labels == [f"Mr. Samath Bou — address changed on {changed} by system"]


def test_the_admin_leaves_contact_details_out_for_a_staff_manager(client, samath):
    manager = UserFactory(username="staffmanager", role=MANAGER, is_staff=True)
    client.force_login(manager)
    changelist = client.get(reverse("admin:participants_person_changelist"), {"q": "Samath"})
    change = client.get(reverse("admin:participants_person_change", args=[samath.pk]))
    by_email = client.get(reverse("admin:participants_person_changelist"), {"q": EMAIL})
    assert (changelist.status_code, change.status_code) == (200, 200)
    assert [secret for secret in SECRETS if secret in changelist.content.decode() + change.content.decode()] == []
    assert by_email.context["cl"].result_count == 0


@pytest.mark.parametrize(
    ("role", "note"),
    [
        (COORDINATOR, f"The record keeps the e-mail address {EMAIL}; the file gives samath@gmail.example."),
        (MANAGER, "The record keeps another e-mail address; the file gives samath@gmail.example."),
    ],
)
def test_the_import_preview_quotes_the_address_on_record_only_to_who_may_see_it(client, samath, role, note):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(UserFactory(username="importer", role=role))
    workshop = samath.attendances.get().workshop
    upload = SimpleUploadedFile("list.csv", b"Name,Email\nSamath Bou,samath@gmail.example\n")
    url = reverse("workshops:attendance-import", args=[workshop.pk])
    preview = client.post(url, {"step": "upload", "file": upload})
    if preview.context["rows"] is None:  # any other list: its columns mapped first
        mapping = {f"map-{name}": str(index) for name, index in (("name", 0), ("email", 1))}
        preview = client.post(url, {"step": "map", "payload": preview.context["payload"], **mapping})
    row = preview.context["rows"][0]
    assert (row.person, row.notes) == (samath, [note])


@pytest.mark.parametrize(("role", "found"), [(COORDINATOR, ["Samath Bou"]), (MANAGER, [])])
def test_quick_add_tells_whose_address_one_is_only_to_who_may_see_it(client, samath, role, found):
    client.force_login(UserFactory(username="adder", role=role))
    response = client.post(reverse("participants:quick-add"), {"name": "Sophea Keo", "email": EMAIL})
    matches = response.json().get("matches", [])
    assert [match["name"] for match in matches] == found
