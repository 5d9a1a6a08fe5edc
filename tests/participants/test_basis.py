"""The basis on which a person is recorded (consent, legitimate interest of the programme, contract), its source and
date, and whether shared records may name them: on the person's page and form, set for many people at once on the
people list, in the admin, by the API and for the people an attendance import creates (participants.services.
person_basis_set)."""

import codecs
import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from participants.models import Person
from participants.services import BASIS_SET_MAX, person_basis_set
from tests.factories import PersonFactory, UserFactory, WorkshopFactory
from tests.workshops.test_attendance_import import ZOOM, _upload
from workshops.models import Attendance

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture
def frozen():
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def _basis(person):
    person.refresh_from_db()
    return (person.basis, person.basis_source, person.basis_date, person.may_be_named)


def test_a_person_has_no_basis_recorded_and_may_be_named_until_one_is_set(db):
    assert _basis(PersonFactory()) == ("", "", None, True)


def test_the_person_page_shows_the_basis_with_its_source_and_date(coordinator_client):
    person = PersonFactory(
        basis="consent", basis_source="Signed attendance form", basis_date=datetime.date(2026, 11, 30)
    )
    html = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert (
        '<dd class="col-sm-9 person-basis">Consent <span class="text-body-secondary">(Signed attendance form, '
        "2026-11-30)</span>\n</dd>" in html
    )
    assert '<dd class="col-sm-9 person-named">Named</dd>' in html


def test_the_person_page_says_when_no_basis_is_recorded_and_when_they_are_not_named(coordinator_client):
    person = PersonFactory(may_be_named=False)
    html = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert '<dd class="col-sm-9 person-basis"><span class="text-body-secondary">Not recorded</span>\n</dd>' in html
    assert '<dd class="col-sm-9 person-named">Not named: shared records say “Participant (organisation)”</dd>' in html


def test_the_bulk_service_sets_each_person_with_one_history_version(frozen, coordinator):
    people = [PersonFactory(), PersonFactory()]
    untouched = PersonFactory()
    count = person_basis_set(
        people=[p.pk for p in people], basis="legitimate_interest", source="Programme list", user=coordinator
    )
    assert count == 2
    assert [_basis(p) for p in people] == [("legitimate_interest", "Programme list", TODAY, True)] * 2
    assert _basis(untouched) == ("", "", None, True)
    latest = people[0].history.order_by("-history_date", "-history_id").first()
    assert (latest.history_user, latest.history_change_reason, latest.basis) == (
        coordinator,
        "basis set",
        "legitimate_interest",
    )


def test_the_bulk_service_refuses_no_basis_and_more_than_its_limit(coordinator):
    person = PersonFactory()
    with pytest.raises(ValidationError) as no_basis:
        person_basis_set(people=[person.pk], basis="", user=coordinator)
    assert no_basis.value.message_dict == {"basis": ["Choose the basis on which these people are recorded."]}
    with pytest.raises(ValidationError) as too_many:
        person_basis_set(people=range(1, BASIS_SET_MAX + 2), basis="consent", user=coordinator)
    assert too_many.value.messages == [f"At most {BASIS_SET_MAX} people at once: {BASIS_SET_MAX + 1} were chosen."]
    assert _basis(person) == ("", "", None, True)


def test_the_people_list_sets_the_basis_of_the_people_ticked_and_returns_to_the_same_list(frozen, coordinator_client):
    chosen = [PersonFactory(family_name="Aa"), PersonFactory(family_name="Ab")]
    other = PersonFactory(family_name="Zz")
    url = reverse("participants:basis") + "?q=A"
    response = coordinator_client.post(
        url,
        {
            "person": [p.pk for p in chosen],
            "basis-basis": "consent",
            "basis-source": "Registration form, ILO workshop",
            "basis-on": "2026-12-01",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/people/?q=A")
    assert [_basis(p) for p in chosen] == [
        ("consent", "Registration form, ILO workshop", datetime.date(2026, 12, 1), False)
    ] * 2
    assert _basis(other) == ("", "", None, True)
    assert [str(m) for m in coordinator_client.get(response["Location"]).context["messages"]] == [
        "Basis recorded for 2 people."
    ]


def test_the_people_list_refuses_a_basis_without_people_or_without_a_basis_next_to_the_fields(coordinator_client):
    person = PersonFactory()
    response = coordinator_client.post(reverse("participants:basis"), {"basis-basis": "", "basis-may_be_named": "on"})
    form = response.context["basis_form"]
    assert response.status_code == 200
    assert form.errors == {"__all__": ["Tick the people to set the basis for."], "basis": ["This field is required."]}
    response = coordinator_client.post(reverse("participants:basis"), {"person": [person.pk], "basis-basis": "gift"})
    assert response.context["basis_form"].errors == {
        "basis": ["Select a valid choice. gift is not one of the available choices."]
    }
    assert response.context["chosen"] == {str(person.pk)}
    assert _basis(person) == ("", "", None, True)


def test_the_people_list_offers_the_bulk_basis_only_to_who_may_change_people(client, reference_workshop):
    client.force_login(UserFactory(username="reader", role="Coordinator"))
    assert client.get(reverse("participants:list")).context["basis_form"] is not None
    user = UserFactory(username="viewer")
    user.user_permissions.add(Permission.objects.get(codename="view_person"))
    client.force_login(user)
    response = client.get(reverse("participants:list"))
    assert (response.context["basis_form"], 'form="person-basis"' in response.content.decode()) == (None, False)
    assert client.post(reverse("participants:basis"), {}).status_code == 403


def test_the_person_form_edits_the_basis(frozen, coordinator_client):
    person = PersonFactory(given_name="Dara", family_name="Sok")
    url = reverse("participants:edit", args=[person.pk])
    form = coordinator_client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
    data |= {"version": form.fields["version"].initial, "basis": "contract", "basis_source": "Consultancy contract"}
    data |= {"basis_date": "2026-10-01", "is_active": "on"}
    data.pop("may_be_named")
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert _basis(person) == ("contract", "Consultancy contract", datetime.date(2026, 10, 1), False)


def test_the_api_reads_and_writes_the_basis_and_sets_it_for_many(frozen, coordinator):
    people = [PersonFactory(), PersonFactory()]
    api = APIClient()
    api.force_authenticate(coordinator)
    detail = api.get(reverse("api:person-detail", args=[people[0].pk])).json()
    assert {k: detail[k] for k in ("basis", "basis_source", "basis_date", "may_be_named")} == {
        "basis": "",
        "basis_source": "",
        "basis_date": None,
        "may_be_named": True,
    }
    patched = api.patch(
        reverse("api:person-detail", args=[people[0].pk]),
        {"basis": "consent", "basis_date": "2026-12-02", "updated_at": detail["updated_at"]},
        format="json",
    )
    assert (patched.status_code, patched.json()["basis"], patched.json()["basis_date"]) == (
        200,
        "consent",
        "2026-12-02",
    )
    bulk = api.post(
        reverse("api:person-basis"),
        {"people": [p.pk for p in people], "basis": "contract", "may_be_named": False},
        format="json",
    )
    assert (bulk.status_code, bulk.json()) == (200, {"changed": 2})
    assert [_basis(p) for p in people] == [("contract", "", TODAY, False)] * 2
    refused = api.post(reverse("api:person-basis"), {"people": [], "basis": "gift"}, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"people": ["This list may not be empty."], "basis": ['"gift" is not a valid choice.']},
    )


def test_the_admin_action_asks_the_basis_once_then_sets_it_for_the_selected_people(frozen, client):
    admin = UserFactory(username="admin", role="Admin", is_staff=True)
    client.force_login(admin)
    people = [PersonFactory(), PersonFactory()]
    url = reverse("admin:participants_person_changelist")
    selected = {"action": "set_basis", "_selected_action": [p.pk for p in people]}
    page = client.post(url, selected)
    assert (page.status_code, page.template_name) == (200, "admin/participants/person_basis.html")
    done = client.post(
        url, selected | {"apply": "1", "basis": "consent", "source": "E-mail of 2 Dec", "may_be_named": "on"}
    )
    assert done.status_code == 302
    assert [_basis(p) for p in people] == [("consent", "E-mail of 2 Dec", TODAY, True)] * 2


def test_an_import_records_the_basis_chosen_for_the_people_it_creates_only(
    frozen, coordinator_client, reference_workshop
):
    workshop = WorkshopFactory(
        title="WIT and PCCFPI: technical-level follow-up", start_date=reference_workshop.start_date
    )
    preview = _upload(coordinator_client, workshop, "participants.csv", codecs.BOM_UTF8 + ZOOM.encode())
    assert preview.context["basis_form"].fields["basis"].required is False
    basis = {"basis-basis": "legitimate_interest", "basis-source": "Zoom report of 14 Jan", "basis-may_be_named": ""}
    response = _confirm_with(coordinator_client, workshop, preview, basis, **{"11": "skip"})
    assert response.status_code == 302
    created = Person.objects.filter(attendances__workshop=workshop).exclude(attendances__workshop=reference_workshop)
    assert sorted(_basis(p) for p in created) == [("legitimate_interest", "Zoom report of 14 Jan", TODAY, False)] * 3
    samath = Person.objects.get(given_name="Samath")
    assert _basis(samath) == ("", "", None, True)
    assert Attendance.objects.filter(workshop=workshop).count() == 7


def _confirm_with(client, workshop, preview, extra, **choices):
    data = {"step": "confirm", "payload": preview.context["payload"], "preview-shown": "1"}
    data.update({field.html_name: field.value() or "" for field in preview.context["mapping_form"]})
    data.update({f"choice-{key}": value for key, value in choices.items()})
    data.update(extra)
    return client.post(reverse("workshops:attendance-import", args=[workshop.pk]), data)


def test_a_merge_keeps_the_stricter_naming_and_the_basis_recorded_on_either_record(db):
    from participants.services import person_merge

    admin = UserFactory(username="admin", role="Admin", is_staff=True)
    keep = PersonFactory(given_name="Dara", family_name="Sok")
    duplicate = PersonFactory(
        given_name="Dara",
        family_name="Sok",
        basis="consent",
        basis_source="Signed form",
        basis_date=datetime.date(2026, 1, 5),
        may_be_named=False,
    )
    person_merge(keep=keep, duplicate=duplicate, user=admin)
    assert _basis(keep) == ("consent", "Signed form", datetime.date(2026, 1, 5), False)
