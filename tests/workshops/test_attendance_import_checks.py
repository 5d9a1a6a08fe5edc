"""What the attendance import knows of what it reads: rows that are no person, a file of another meeting, e-mail
addresses, meeting roles and times attended, and organisations given to new people on the preview."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from institutes.models import Organisation
from participants.models import Person
from tests.factories import WorkshopFactory
from workshops import services
from workshops.attendance_files import Table, parse_minutes, parse_time
from workshops.attendance_matching import meeting_warning, not_a_person
from workshops.models import Attendance

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "attendance"
ZOOM = FIXTURES / "zoom_participants_other_meeting.csv"
TEAMS = FIXTURES / "teams_attendance_other_meeting.csv"

PEOPLE = [
    "Ny Sophal",
    "Li Na",
    "Bopha",
    "Dr. Kim",
    "Gong Li",
    "Sok Dara",
    "Mr. Chen",
    "李振云",
    "សុខ ចាន់",
    "Phone Myint",
    "Bot Sophea",
    "Mac Ly",
    "Dell Smith",
    "Max Pro",
    "Robert Botha",
    "Anna-Maria Lee",
    "Samath Bou (PCCFPI)",
    "Sophal's iPhone",
    "Vivian Roomi",
    "H.E. Pich Sophoan",
    "Nokia Sam",
    "Phan Note",
]
NOT_PEOPLE = [
    ("+855 12 345 678", "phone"),
    ("012345678", "phone"),
    ("+1 (206) 555-0100", "phone"),
    ("+855****678", "phone"),
    ("Call-in User_1", "phone"),
    ("Dial-in user", "phone"),
    ("Phone (+855 12 345 678)", "phone"),
    ("Telephone", "phone"),
    ("Conference Room 3B", "room"),
    ("Polycom", "room"),
    ("Zoom Room", "room"),
    ("Meeting Room", "room"),
    ("会议室A", "room"),
    ("Otter.ai", "recorder"),
    ("Fireflies.ai Notetaker", "recorder"),
    ("Read.ai meeting notes", "recorder"),
    ("tl;dv recorder", "recorder"),
    ("Zoom AI Companion", "recorder"),
    ("iPhone", "device"),
    ("Samsung Galaxy S21", "device"),
    ("iPad", "device"),
    ("iPhone 12 Pro Max", "device"),
    ("Redmi Note 10", "device"),
    ("DESKTOP-4F2K9", "device"),
    ("LAPTOP-XYZ", "device"),
]


@pytest.mark.parametrize("name", PEOPLE)
def test_a_name_of_a_person_stays_a_person(name):
    assert not_a_person(name) == ""


@pytest.mark.parametrize("name, reason", NOT_PEOPLE)
def test_phones_rooms_recorders_and_devices_are_no_person(name, reason):
    assert not_a_person(name) == reason


@pytest.mark.parametrize(
    "text, expected",
    [
        ("03/03/2022 08:55:00 AM", "2022-03-03 08:55+07:00"),
        ("3/3/22, 1:05:00 PM", "2022-03-03 13:05+07:00"),
        ("2022-03-03 09:00:00", "2022-03-03 09:00+07:00"),
        ("14/01/2022 09:00", "2022-01-14 09:00+07:00"),
        ("2022-03-02T18:30:00Z", "2022-03-02 18:30+00:00"),
        ("3/3/2022 9:00 AM GMT+8", "2022-03-03 09:00+08:00"),
        ("soon", None),
    ],
)
def test_a_report_time_without_a_zone_is_in_the_workshop_s(text, expected):
    parsed = parse_time(text, datetime.timezone(datetime.timedelta(hours=7)))
    assert (parsed.isoformat(sep=" ", timespec="minutes") if parsed else None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("95", 95),
        ("1h 30m", 90),
        ("1h 5m 30s", 66),
        ("45s", 1),
        ("01:05:30", 66),
        ("2小时10分钟", 130),
        ("a while", None),
    ],
)
def test_durations_are_read_as_whole_minutes(text, expected):
    assert parse_minutes(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "zone, start, expected",
    [
        # 18:30 UTC on the 13th is 02:30 on the 14th in Shanghai: the workshop's day.
        ("Asia/Shanghai", "2022-01-13T18:30:00Z", ""),
        (
            "UTC",
            "2022-01-13T18:30:00Z",
            "This file is of a meeting on Jan. 13, 2022; this workshop is on Jan. 14, 2022.",
        ),
        ("Asia/Shanghai", "1/14/22, 9:00:00 AM", ""),
        (
            "Asia/Shanghai",
            "1/15/22, 9:00:00 AM",
            "This file is of a meeting on Jan. 15, 2022; this workshop is on Jan. 14, 2022.",
        ),
    ],
)
def test_the_file_s_day_is_compared_in_the_workshop_s_time_zone(zone, start, expected):
    workshop = WorkshopFactory(title="Workshop", start_date=datetime.date(2022, 1, 14), timezone=zone)
    assert meeting_warning(Table(["Name"], [], "UTF-8", {"start": start}), workshop) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "title, expected",
    [
        ("WIT and PCCFPI", ""),
        ("Technical-level follow up: WIT and PCCFPI", ""),
        ("wit & pccfpi technical level follow-up", ""),
        (
            "Hainan study visit",
            "This file is of the meeting “Hainan study visit”; "
            "this workshop is “WIT and PCCFPI: technical-level follow-up”.",
        ),
    ],
)
def test_the_file_s_title_is_compared_with_the_workshop_s_titles(title, expected):
    workshop = WorkshopFactory(title="WIT and PCCFPI: technical-level follow-up", start_date=datetime.date(2022, 1, 14))
    assert meeting_warning(Table(["Name"], [], "UTF-8", {"title": title}), workshop) == expected


@pytest.fixture
def workshop(reference_workshop):
    """Another meeting of the same partners, with the reference record's people on record."""
    return WorkshopFactory(title="WIT and PCCFPI: technical-level follow-up", start_date=reference_workshop.start_date)


def _url(workshop):
    return reverse("workshops:attendance-import", args=[workshop.pk])


def _upload(client, workshop, path):
    return client.post(_url(workshop), {"step": "upload", "file": SimpleUploadedFile(path.name, path.read_bytes())})


def _confirm(client, workshop, preview, **fields):
    """The preview sent back as the page would: the choices and fields as shown, changed by `fields`."""
    data = {"step": "confirm", "payload": preview.context["payload"], "preview-shown": "1"}
    data.update({field.html_name: field.value() or "" for field in preview.context["mapping_form"]})
    for row in preview.context["rows"]:
        if row.offers_email and row.add_email:
            data[f"email-{row.key}"] = "1"
        if row.status in ("new", "ambiguous", "nonperson"):
            data[f"organisation-{row.key}"] = row.organisation_shown
    data.update({key.replace("_", "-"): value for key, value in fields.items() if value is not None})
    for key in [k for k, v in fields.items() if v is None]:
        data.pop(key.replace("_", "-"), None)
    return client.post(_url(workshop), data)


def _rows(response):
    return [
        (row.number_label, row.name, row.status, row.not_a_person, str(row.person or ""), row.offers_email)
        for row in response.context["rows"]
    ]


def _attendances(workshop):
    tz = workshop.tzinfo
    return [
        (
            str(a.person),
            a.role,
            a.meeting_role,
            a.joined_at.astimezone(tz).strftime("%H:%M") if a.joined_at else None,
            a.left_at.astimezone(tz).strftime("%H:%M") if a.left_at else None,
            a.minutes_attended,
            a.organisation.label if a.organisation else None,
        )
        for a in Attendance.objects.filter(workshop=workshop).select_related("person", "organisation").order_by("order")
    ]


@pytest.mark.django_db
def test_a_zoom_file_of_another_meeting_is_flagged_and_its_phones_rooms_and_bots_are_unnamed_attendance(
    coordinator_client, workshop
):
    Person.objects.filter(given_name="Samath", family_name="Bou").update(email="bou.samath@pccfpi.edu.kh")
    response = _upload(coordinator_client, workshop, ZOOM)
    assert response.context["meeting_warning"] == (
        "This file is of the meeting “Hainan study visit: follow-up” on March 3, 2022; this workshop is "
        "“WIT and PCCFPI: technical-level follow-up” on Jan. 14, 2022."
    )
    assert _rows(response) == [
        ("5", "Yutong Liu", "matched", "", "Yutong Liu", True),
        ("6, 7", "Ting Shen", "matched", "", "Ting Shen", True),
        ("8", "Samath Bou (PCCFPI)", "matched", "", "Samath Bou", False),
        ("9", "+855 12 345 678", "nonperson", "phone", "", False),
        ("10", "Otter.ai", "nonperson", "recorder", "", False),
        ("11", "Conference Room 3B", "nonperson", "room", "", False),
        ("12", "Sok Dara", "new", "", "", False),
        ("13", "iPhone", "nonperson", "device", "", False),
    ]
    rows = response.context["rows"]
    assert [str(row.not_a_person_label) for row in rows[3:6]] == [
        "Telephone dial-in",
        "Recorder or note-taker",
        "Meeting-room system",
    ]
    assert rows[2].notes == [
        "The record keeps the e-mail address bou.samath@pccfpi.edu.kh; the file gives samath@pccfpi.edu.kh."
    ]
    page = response.content.decode()
    summary = " ".join(re.search(r'<p id="import-summary">(.*?)</p>', page, re.S)[1].split())
    assert summary == (
        "4 people in the file: 3 on record, 1 new, 0 to choose, 0 already listed, 0 with errors. 4 rows are no "
        "person (phones, rooms, recorders or devices): skipped and counted as unnamed attendance unless you include "
        "them. 1 repeated row merged."
    )
    assert 'id="other-meeting-warning"' in page and 'id="import-row-9" ' not in page
    assert '<tr class="import-row import-not-person table-secondary" data-status="nonperson" id="import-row-9">' in page

    # Not ticked: nothing is written, the box says why.
    refused = _confirm(coordinator_client, workshop, response, email_6=None, organisation_all="PCCFPI")
    assert refused.status_code == 200
    assert refused.context["other_meeting_error"] == "Tick this box to import a file of another meeting."
    assert "Tick this box to import a file of another meeting." in refused.content.decode()
    assert Attendance.objects.filter(workshop=workshop).count() == 0
    assert Person.objects.filter(email__in=["liu@ilo.org", "sok.dara@example.org"]).count() == 0
    assert refused.context["organisation_all"] == "PCCFPI"

    liu_version = Person.objects.get(given_name="Yutong", family_name="Liu").updated_at
    done = _confirm(coordinator_client, workshop, response, email_6=None, organisation_all="PCCFPI", other_meeting="1")
    assert done.status_code == 302
    assert _attendances(workshop) == [
        ("Yutong Liu", "organiser", "Host", "08:55", "10:30", 95, "ILO"),
        ("Ting Shen", "participant", "", "09:00", "10:30", 85, "Wuxi HRSS Bureau"),
        ("Samath Bou", "participant", "", "09:02", "10:30", 88, "PCCFPI"),
        ("Sok Dara", "participant", "", "09:00", "10:15", 75, "PCCFPI"),
    ]
    emails = dict(
        Person.objects.filter(attendances__workshop=workshop).values_list("family_name", "email").order_by("pk")
    )
    assert emails == {
        "Liu": "liu@ilo.org",
        "Shen": "",
        "Bou": "bou.samath@pccfpi.edu.kh",
        "Sok": "sok.dara@example.org",
    }
    workshop.refresh_from_db()
    assert workshop.reported_attendance == 8  # 4 named, 4 rows that are no person
    messages = [str(m) for m in coordinator_client.get(workshop.get_absolute_url()).context["messages"]]
    assert messages == [
        "Attendance imported: 4 added (1 of them new people), 0 already listed, 0 skipped. 4 rows that are no person "
        "counted as unnamed attendance. 1 e-mail address added to the records."
    ]
    liu = Person.objects.get(email="liu@ilo.org")
    assert liu.updated_at > liu_version
    assert (liu.history.first().history_user.username, liu.history.first().history_change_reason) == (
        "coordinator",
        "attendance import",
    )


@pytest.mark.django_db
def test_a_teams_file_keeps_roles_and_minutes_and_gives_new_people_an_organisation(
    coordinator_client, reference_workshop
):
    workshop = WorkshopFactory(
        title="Hainan study visit: follow-up", start_date=datetime.date(2022, 3, 3), reported_attendance=5
    )
    response = _upload(coordinator_client, workshop, TEAMS)
    assert response.context["meeting_warning"] == ""
    assert _rows(response) == [
        ("10", "Yutong Liu", "matched", "", "Yutong Liu", True),
        ("11", "Ting Shen", "matched", "", "Ting Shen", True),
        ("12", "Chan Sophea", "new", "", "", False),
        ("13", "Call-in User_1", "nonperson", "phone", "", False),
        ("14", "Fireflies.ai Notetaker", "nonperson", "recorder", "", False),
        ("15", "Polycom", "nonperson", "room", "", False),
        ("16", "DESKTOP-4F2K9", "nonperson", "device", "", False),
    ]
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    wrong = _confirm(coordinator_client, workshop, response, organisation_12="Nowhere Institute")
    assert wrong.status_code == 200
    assert wrong.context["rows"][2].organisation_error == (
        "No organisation on record is called “Nowhere Institute”: choose one from the list, or leave it empty."
    )
    assert 'value="Nowhere Institute"' in wrong.content.decode()
    assert Attendance.objects.filter(workshop=workshop).count() == 0

    # The desktop is someone after all: included as a new person, with the organisation chosen from the list.
    done = _confirm(
        coordinator_client,
        workshop,
        response,
        organisation_12="WIT",
        choice_16="new",
        organisation_16=str(pccfpi),
        organisation_16_id=str(pccfpi.pk),
        organisation_all="ILO",
    )
    assert done.status_code == 302
    assert _attendances(workshop) == [
        ("Yutong Liu", "organiser", "Organizer", "08:50", "10:30", 100, "ILO"),
        ("Ting Shen", "speaker", "Presenter", "09:00", "10:30", 90, "Wuxi HRSS Bureau"),
        ("Chan Sophea", "participant", "Attendee", "09:00", "10:00", 60, "WIT"),
        ("DESKTOP-4F2K9", "participant", "Attendee", "09:20", "09:50", 30, "PCCFPI"),
    ]
    assert Person.objects.get(given_name="Sophea", family_name="Chan").email == "sophea.chan@example.org"
    workshop.refresh_from_db()
    assert workshop.reported_attendance == 7  # 4 named and 3 rows that are no person, more than the 5 reported


@pytest.mark.django_db
def test_the_attendance_page_and_export_show_role_and_times(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, ZOOM)
    _confirm(coordinator_client, workshop, response, other_meeting="1")
    page = coordinator_client.get(workshop.get_absolute_url()).content.decode()
    assert "Host · 08:55–10:30 · 95 minutes" in page
    export = coordinator_client.get(reverse("workshops:attendance-export", args=[workshop.pk, "csv"]))
    lines = export.content.decode("utf-8-sig").splitlines()
    assert lines[0].endswith("Role in the online meeting,Joined,Left,Minutes attended")
    assert lines[1].endswith("Host,2022-03-03T08:55:00,2022-03-03T10:30:00,95")


@pytest.mark.django_db
def test_an_import_with_a_row_left_undecided_writes_nothing(workshop, coordinator):
    from workshops.attendance_files import read_table
    from workshops.attendance_matching import build_preview

    table = read_table(ZOOM.name, ZOOM.read_bytes())
    rows = build_preview(table, {"name": 0, "email": 1, "joined": 2, "left": 3, "duration": 4}, workshop)
    rows[-2].organisation_error = "No organisation on record is called “Nowhere”."
    with pytest.raises(ValidationError):
        services.attendance_import(workshop=workshop, rows=rows, user=coordinator)
    assert (Attendance.objects.filter(workshop=workshop).count(), workshop.reported_attendance) == (0, None)
