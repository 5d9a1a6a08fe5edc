"""A title and organisation typed on an attendance row become the person's position from the workshop's date, unless
they hold it already; a different title starts a new position and ends the old one. Every door gets it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from participants.models import Person, Position
from participants.services import position_from_attendance, positions_from_attendance, same_post
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory, WorkshopFactory
from tests.workshops.test_races import _page_data
from workshops.models import Attendance, Workshop

pytestmark = pytest.mark.django_db

DAY = datetime.date(2022, 1, 14)


def _positions(person):
    return list(
        Position.objects.filter(person=person)
        .order_by("start_date", "pk")
        .values_list("title", "organisation__short_name", "start_date", "end_date")
    )


@pytest.fixture
def wit():
    return OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")


def test_the_same_title_written_otherwise_adds_no_position(wit):
    person = PersonFactory()
    held = PositionFactory(person=person, organisation=wit, title="Vice-Principal", start_date=None, end_date=None)
    assert position_from_attendance(person, wit, "  vice-principal ", DAY) == held
    assert _positions(person) == [("Vice-Principal", "WIT", None, None)]


def test_a_new_title_at_the_same_organisation_starts_a_position_and_ends_the_old_one(wit):
    person = PersonFactory()
    ilo = OrganisationFactory(short_name="ILO")
    PositionFactory(person=person, organisation=wit, title="Vice-Principal", start_date=datetime.date(2019, 9, 1))
    PositionFactory(person=person, organisation=ilo, title="Adviser", start_date=datetime.date(2020, 1, 1))
    user = UserFactory()
    made = position_from_attendance(person, wit, "Principal", DAY, user=user)
    assert _positions(person) == [
        ("Vice-Principal", "WIT", datetime.date(2019, 9, 1), datetime.date(2022, 1, 13)),
        ("Adviser", "ILO", datetime.date(2020, 1, 1), None),  # another organisation: left alone
        ("Principal", "WIT", DAY, None),
    ]
    assert made.history.get().history_user == user
    ended = Position.objects.get(title="Vice-Principal")
    assert [(h.history_type, h.end_date) for h in ended.history.order_by("history_date", "history_id")] == [
        ("+", None),
        ("~", datetime.date(2022, 1, 13)),
    ]


def test_an_earlier_workshop_moves_the_start_back_or_fits_its_title_before_the_later_one(wit):
    person = PersonFactory()
    PositionFactory(person=person, organisation=wit, title="Principal", start_date=datetime.date(2023, 3, 1))
    position_from_attendance(person, wit, "Principal", datetime.date(2022, 6, 1))
    assert _positions(person) == [("Principal", "WIT", datetime.date(2022, 6, 1), None)]
    position_from_attendance(person, wit, "Vice-Principal", DAY)
    assert _positions(person) == [
        ("Vice-Principal", "WIT", DAY, datetime.date(2022, 5, 31)),
        ("Principal", "WIT", datetime.date(2022, 6, 1), None),
    ]


def test_rows_without_a_title_organisation_or_date_add_nothing(wit):
    person = PersonFactory()
    assert positions_from_attendance([(person, wit, "  "), (person, None, "Dean")], on_date=DAY) == []
    assert positions_from_attendance([(person, wit, "Dean")], on_date=None) == []
    assert Position.objects.count() == 0


def _management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def test_a_title_typed_on_the_entry_page_shows_on_the_person_and_organisation_pages(coordinator_client, wit):
    li = PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li")
    PositionFactory(person=li, organisation=wit, title="Vice-Principal", start_date=datetime.date(2019, 9, 1))
    data = {
        "title": "Exchange between two institutes",
        "kind": Workshop.Kind.BILATERAL,
        "format": Workshop.Format.ONLINE,
        "status": Workshop.Status.HELD,
        "start_date": "2022-01-14",
        "date_precision": Workshop.DatePrecision.DAY,
        "timezone": "Asia/Shanghai",
        **_management("hosts", 0),
        **_management("attendance", 1),
        "attendance-0-person": str(li.pk),
        "attendance-0-organisation": str(wit.pk),
        "attendance-0-title": "Principal",
        "attendance-0-role": Attendance.Role.PARTICIPANT,
        "attendance-0-presence": Attendance.Presence.PRESENT,
        **_management("statements", 0),
        **_management("outcomes", 0),
        **_management("actions", 0),
    }
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 302
    assert _positions(li) == [
        ("Vice-Principal", "WIT", datetime.date(2019, 9, 1), DAY - datetime.timedelta(days=1)),
        ("Principal", "WIT", DAY, None),
    ]
    organisation_page = coordinator_client.get(wit.get_absolute_url())
    assert [(p.person.full_name, p.title, p.end_date) for p in organisation_page.context["positions"]] == [
        ("Zhenyun Li", "Principal", None),
        ("Zhenyun Li", "Vice-Principal", datetime.date(2022, 1, 13)),
    ]
    assert "Mr. Zhenyun Li</a> — Principal</li>" in organisation_page.content.decode()
    people = coordinator_client.get(reverse("participants:list")).content.decode()
    assert "<td>Principal, <span" in people
    person_page = coordinator_client.get(li.get_absolute_url()).content.decode()
    assert "<li>Principal, " in person_page

    # Saving the page again without touching the row adds nothing.
    workshop = Workshop.objects.get()
    edit = reverse("workshops:edit", args=[workshop.pk])
    assert coordinator_client.post(edit, _page_data(coordinator_client.get(edit))).status_code == 302
    assert Position.objects.filter(person=li).count() == 2


def test_the_api_and_the_import_give_positions_too(coordinator, coordinator_client, wit):
    workshop = WorkshopFactory(start_date=DAY)
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    api = APIClient()
    api.force_authenticate(coordinator)
    added = api.post(
        "/api/attendances/",
        {"workshop": workshop.pk, "person": bou.pk, "organisation": wit.pk, "title": "Lecturer"},
        format="json",
    )
    assert added.status_code == 201
    assert _positions(bou) == [("Lecturer", "WIT", DAY, None)]

    url = reverse("workshops:attendance-import", args=[workshop.pk])
    sheet = "Participant;Institute;Job\nSrey Mom;Wuxi Institute of Technician;Engineer\n"
    upload = coordinator_client.post(url, {"step": "upload", "file": SimpleUploadedFile("list.csv", sheet.encode())})
    mapping = {"step": "map", "payload": upload.context["payload"], "map-name": "0", "map-organisation": "1"}
    preview = coordinator_client.post(url, {**mapping, "map-title": "2"})
    data = {"step": "confirm", "payload": preview.context["payload"]}
    data.update({field.html_name: field.value() or "" for field in preview.context["mapping_form"]})
    assert coordinator_client.post(url, data).status_code == 302
    mom = Person.objects.get(family_name="Srey", given_name="Mom")
    assert _positions(mom) == [("Engineer", "WIT", DAY, None)]


@pytest.mark.parametrize(
    "held, typed, same",
    [
        ("Project Manager", "Project Manager, ILO-China Partnership Project", True),
        ("Project Manager, ILO-China Partnership Project", "project manager", True),
        ("Lecturer", "Lecturer (Mechatronics)", True),
        ("Director", "Director of TVET", True),
        ("Programme Officer", "Program Officer", True),
        ("Vice-Principal", "vice principal", True),
        ("Director", "Deputy Director", False),
        ("Director", "Director General", False),
        ("Vice-Principal", "Principal", False),
        ("Project Manager", "Project Assistant", False),
        ("副校长", "校长", False),
    ],
)
def test_same_post_tells_a_reworded_title_from_another_post(held, typed, same):
    assert same_post(held, typed) is same


def test_a_reworded_title_updates_the_open_position_instead_of_opening_another():
    liu = PersonFactory(given_name="Yutong", family_name="Liu")
    ilo = OrganisationFactory(short_name="ILO")
    PositionFactory(person=liu, organisation=ilo, title="Project Manager", start_date=DAY)
    made = positions_from_attendance(
        [(liu, ilo, "Project Manager, ILO-China Partnership Project"), (liu, ilo, "Project Manager")], on_date=DAY
    )
    assert made[0] == made[1]
    assert _positions(liu) == [("Project Manager, ILO-China Partnership Project", "ILO", DAY, None)]
    assert [(h.history_type, h.title) for h in made[0].history.order_by("history_date", "history_id")] == [
        ("+", "Project Manager"),
        ("~", "Project Manager, ILO-China Partnership Project"),
    ]
    position_from_attendance(liu, ilo, "Programme Manager, ILO-China Partnership Project", datetime.date(2023, 3, 1))
    assert _positions(liu) == [("Programme Manager, ILO-China Partnership Project", "ILO", DAY, None)]


def test_another_post_typed_on_the_day_an_open_position_starts_retitles_it(wit):
    person = PersonFactory()
    PositionFactory(person=person, organisation=wit, title="Lecturer", start_date=DAY)
    position_from_attendance(person, wit, "Head of Department", DAY)
    assert _positions(person) == [("Head of Department", "WIT", DAY, None)]
