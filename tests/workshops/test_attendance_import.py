"""The attendance import page: Zoom and Teams reports and any CSV/XLSX, uploaded, mapped, previewed, confirmed."""

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from participants.models import Person
from participants.services import person_from_name
from tests.factories import WorkshopFactory
from workshops.models import Attendance

pytestmark = pytest.mark.django_db

ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,WIT and PCCFPI,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,liu@ilo.org,120,19

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
Yutong Liu,liu@ilo.org,01/14/2022 08:55:12 AM,01/14/2022 11:00:00 AM,125,No,
Mr. Samath Bou (PCCFPI),,01/14/2022 09:01:00 AM,01/14/2022 10:00:00 AM,59,Yes,
Samath Bou (PCCFPI),,01/14/2022 10:02:00 AM,01/14/2022 11:00:00 AM,58,Yes,
李振云,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
Kouy Kimroeun,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
Sok Dara,sok.dara@example.org,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
Mr. Chen,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
សុខ ចាន់,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
José Núñez,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes,
"""

TEAMS = (
    "1. Summary\nMeeting title\tWIT and PCCFPI\nAttended participants\t4\n\n2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Ting Shen\t1/14/22, 9:00:00 AM\t1/14/22, 11:00:00 AM\t2h\tshen@wuxi.gov.cn\tshen@wuxi.gov.cn\tPresenter\n"
    "Jianbin Chen\t1/14/22, 9:00:00 AM\t1/14/22, 11:00:00 AM\t2h\t\t\tAttendee\n"
    "Jiangang Chen\t1/14/22, 9:00:00 AM\t1/14/22, 11:00:00 AM\t2h\t\t\tAttendee\n"
    "Yutong Liu\t1/14/22, 8:50:00 AM\t1/14/22, 11:00:00 AM\t2h 10m\tliu@ilo.org\tliu@ilo.org\tOrganizer\n"
    "\n3. In-Meeting Activities\nName\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    "Ting Shen\t1/14/22, 9:00:00 AM\t1/14/22, 11:00:00 AM\t2h\tshen@wuxi.gov.cn\tPresenter\n"
)


@pytest.fixture
def workshop(reference_workshop):
    """A second workshop, with the reference record's people and organisations on record."""
    return WorkshopFactory(title="WIT and PCCFPI: technical-level follow-up", start_date=reference_workshop.start_date)


def _url(workshop):
    return reverse("workshops:attendance-import", args=[workshop.pk])


def _upload(client, workshop, name, content):
    return client.post(_url(workshop), {"step": "upload", "file": SimpleUploadedFile(name, content)})


def _confirm(client, workshop, preview, **choices):
    data = {"step": "confirm", "payload": preview.context["payload"]}
    data.update({field.html_name: field.value() or "" for field in preview.context["mapping_form"]})
    data.update({f"choice-{key}": value for key, value in choices.items()})
    return client.post(_url(workshop), data)


def _preview(response):
    return [
        (row.number_label, row.name, row.status, str(row.person or ""), getattr(row.organisation, "short_name", None))
        for row in response.context["rows"]
    ]


def _attendees(workshop):
    return list(
        Attendance.objects.filter(workshop=workshop)
        .order_by("order")
        .values_list(
            "person__given_name", "person__family_name", "person__name_local", "role", "organisation__short_name"
        )
    )


def test_a_zoom_report_is_recognised_previewed_and_imported_once(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, "participants_81234567890.csv", codecs.BOM_UTF8 + ZOOM.encode())
    assert response.context["kind_label"] == "Zoom participant report"
    assert response.context["table"].encoding == "UTF-8 (BOM)"
    assert _preview(response) == [
        ("5", "Yutong Liu", "matched", "Yutong Liu", "ILO"),
        ("6, 7", "Mr. Samath Bou (PCCFPI)", "matched", "Samath Bou", "PCCFPI"),
        ("8", "李振云", "matched", "Zhenyun Li", "WIT"),
        ("9", "Kouy Kimroeun", "matched", "Kimroeun Kouy", "ILO"),
        ("10", "Sok Dara", "new", "", None),
        ("11", "Mr. Chen", "ambiguous", "", None),
        ("12", "", "error", "", None),
        ("13", "សុខ ចាន់", "new", "", None),
        ("14", "José Núñez", "new", "", None),
    ]
    rows = response.context["rows"]
    assert [str(m.record) for m in rows[5].candidates] == ["Jianbin Chen", "Jiangang Chen"]
    assert rows[6].errors == ["Row 12 has no name."]
    assert rows[1].notes == ["Listed 2 times (rows 6, 7): counted once."]
    assert Attendance.objects.filter(workshop=workshop).count() == 0  # nothing written by the preview

    people_before = Person.objects.count()
    done = _confirm(coordinator_client, workshop, response, **{"11": "skip"})
    assert done.status_code == 302
    assert _attendees(workshop) == [
        ("Yutong", "Liu", "", "participant", "ILO"),
        ("Samath", "Bou", "", "participant", "PCCFPI"),
        ("Zhenyun", "Li", "", "participant", "WIT"),
        ("Kimroeun", "Kouy", "", "participant", "ILO"),
        ("Dara", "Sok", "", "participant", None),
        ("", "", "សុខ ចាន់", "participant", None),
        ("José", "Núñez", "", "participant", None),
    ]
    assert Person.objects.count() == people_before + 3
    assert Person.objects.get(email="sok.dara@example.org").history.get().history_user.username == "coordinator"

    again = _upload(coordinator_client, workshop, "participants_81234567890.csv", codecs.BOM_UTF8 + ZOOM.encode())
    assert [status for _n, _name, status, _p, _o in _preview(again)] == [
        "listed",
        "listed",
        "listed",
        "listed",
        "listed",
        "ambiguous",
        "error",
        "listed",
        "listed",
    ]
    _confirm(coordinator_client, workshop, again, **{"11": "skip"})
    assert (Attendance.objects.filter(workshop=workshop).count(), Person.objects.count()) == (7, people_before + 3)


def test_a_teams_report_in_utf16_with_its_sections_is_read_and_roles_kept(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, "meetingAttendanceReport.csv", TEAMS.encode("utf-16"))
    assert response.context["kind_label"] == "Microsoft Teams attendance report"
    assert response.context["table"].encoding == "UTF-16"
    assert _preview(response) == [
        ("7", "Ting Shen", "matched", "Ting Shen", "Wuxi HRSS Bureau"),
        ("8", "Jianbin Chen", "matched", "Jianbin Chen", "WIT"),
        ("9", "Jiangang Chen", "matched", "Jiangang Chen", "SSEZ"),
        ("10", "Yutong Liu", "matched", "Yutong Liu", "ILO"),
    ]
    _confirm(coordinator_client, workshop, response)
    assert _attendees(workshop) == [
        ("Ting", "Shen", "", "speaker", "Wuxi HRSS Bureau"),
        ("Jianbin", "Chen", "", "participant", "WIT"),
        ("Jiangang", "Chen", "", "participant", "SSEZ"),
        ("Yutong", "Liu", "", "organiser", "ILO"),
    ]


def test_the_old_teams_format_lists_a_person_once_per_join_and_leave(coordinator_client, workshop):
    report = (
        "Full Name\tUser Action\tTimestamp\n"
        "Ting Shen\tJoined\t1/14/2022, 9:00:00 AM\n"
        "Ting Shen\tLeft\t1/14/2022, 10:00:00 AM\n"
        "Ting Shen\tJoined\t1/14/2022, 10:05:00 AM\n"
        "Kimroeun Kouy\tJoined\t1/14/2022, 9:00:00 AM\n"
    )
    response = _upload(coordinator_client, workshop, "attendance.csv", codecs.BOM_UTF16_LE + report.encode("utf-16-le"))
    assert response.context["kind_label"] == "Microsoft Teams attendance report"
    assert _preview(response) == [
        ("2, 3, 4", "Ting Shen", "matched", "Ting Shen", "Wuxi HRSS Bureau"),
        ("5", "Kimroeun Kouy", "matched", "Kimroeun Kouy", "ILO"),
    ]
    assert response.context["merged"] == 2


def test_any_other_file_is_mapped_by_the_user_and_aliases_find_the_organisation(coordinator_client, workshop):
    sheet = "Participant;Institute;Job\nSamath Bou;SCCFPI;Principal\nSrey Mom;SSES;Engineer\nAnna Koch;Nowhere GmbH;\n"
    response = _upload(coordinator_client, workshop, "list.csv", sheet.encode())
    assert response.context["kind_label"] == ""
    assert response.context["rows"] is None
    form = response.context["mapping_form"]
    assert (form["name"].value(), form["organisation"].value(), form["title"].value()) == ("0", "1", "")

    data = {"step": "map", "payload": response.context["payload"], "map-name": "0", "map-organisation": "1"}
    data["map-title"] = "2"
    preview = coordinator_client.post(_url(workshop), data)
    assert _preview(preview) == [
        ("2", "Samath Bou", "matched", "Samath Bou", "PCCFPI"),
        ("3", "Srey Mom", "new", "", "SSEZ"),
        ("4", "Anna Koch", "new", "", None),
    ]
    assert preview.context["rows"][2].notes == [
        "No organisation on record is called “Nowhere GmbH”: the attendance is saved without one."
    ]
    _confirm(coordinator_client, workshop, preview)
    assert list(Attendance.objects.filter(workshop=workshop).values_list("title", "organisation__short_name")) == [
        ("Principal", "PCCFPI"),
        ("Engineer", "SSEZ"),
        ("", None),
    ]


def test_a_file_without_a_name_column_must_be_mapped_before_a_preview(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, "list.csv", b"a,b\nSamath Bou,x\n")
    data = {"step": "map", "payload": response.context["payload"], "map-name": ""}
    again = coordinator_client.post(_url(workshop), data)
    assert again.context["mapping_form"].errors == {"name": ["This field is required."]}
    assert again.context["rows"] is None


def test_an_excel_file_keeps_chinese_khmer_and_accented_names_intact(coordinator_client, workshop):
    book = Workbook()
    book.active.append(["Name", "Email", "Organisation", "Title"])
    book.active.append(["沈婷", "", "Wuxi HRSS Bureau", "副局长"])
    book.active.append(["ចាន់ សុភា", "", "PCCFPI", "គ្រូ"])
    book.active.append(["Zoë Ngô", "zoe@example.org", "", ""])
    content = io.BytesIO()
    book.save(content)
    response = _upload(coordinator_client, workshop, "attendance.xlsx", content.getvalue())
    assert response.context["table"].encoding == "XLSX"
    response = coordinator_client.post(
        _url(workshop),
        {"step": "map", "payload": response.context["payload"], "map-name": "0", "map-email": "1"}
        | {"map-organisation": "2", "map-title": "3"},
    )
    assert _preview(response) == [
        ("2", "沈婷", "matched", "Ting Shen", "Wuxi HRSS Bureau"),
        ("3", "ចាន់ សុភា", "new", "", "PCCFPI"),
        ("4", "Zoë Ngô", "new", "", None),
    ]
    _confirm(coordinator_client, workshop, response)
    assert _attendees(workshop) == [
        ("Ting", "Shen", "", "participant", "Wuxi HRSS Bureau"),
        ("", "", "ចាន់ សុភា", "participant", "PCCFPI"),
        ("Zoë", "Ngô", "", "participant", None),
    ]
    assert list(Attendance.objects.filter(workshop=workshop).values_list("title", flat=True)) == ["副局长", "គ្រូ", ""]


def test_a_row_that_is_not_utf8_is_reported_with_its_number_and_the_rest_imported(coordinator_client, workshop):
    content = b"Name,Email\nSamath Bou,\n" + "Jos\xe9 Garc\xeda,\n".encode("latin-1") + b"Sok Dara,\n"
    response = _upload(coordinator_client, workshop, "zoom.csv", content)
    assert response.context["table"].encoding == "UTF-8"
    rows = (
        response.context["rows"]
        or coordinator_client.post(
            _url(workshop), {"step": "map", "payload": response.context["payload"], "map-name": "0", "map-email": "1"}
        ).context["rows"]
    )
    assert [(row.number_label, row.status, row.errors) for row in rows] == [
        ("2", "matched", []),
        (
            "3",
            "error",
            ["Row 3 is not valid text: save the file as UTF-8 (“CSV UTF-8” in Excel) and upload it again."],
        ),
        ("4", "new", []),
    ]


def test_an_undecided_or_forged_choice_writes_nothing_and_says_why(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, "zoom.csv", ZOOM.encode())
    for choice in ("", "999999", "drop table"):
        again = _confirm(coordinator_client, workshop, response, **{"11": choice})
        assert again.status_code == 200
        row = next(r for r in again.context["rows"] if r.key == "11")
        assert row.errors == ["Choose who this is, “a new person” or “skip”."]
    assert Attendance.objects.filter(workshop=workshop).count() == 0
    chen = response.context["rows"][5].candidates[1].record
    _confirm(coordinator_client, workshop, response, **{"11": str(chen.pk), "5": "skip"})
    assert [a.person for a in Attendance.objects.filter(workshop=workshop, person__family_name="Chen")] == [chen]
    assert not Attendance.objects.filter(workshop=workshop, person__given_name="Yutong").exists()


def test_a_tampered_file_field_is_refused_with_a_message(coordinator_client, workshop):
    response = _upload(coordinator_client, workshop, "zoom.csv", ZOOM.encode())
    forged = coordinator_client.post(
        _url(workshop), {"step": "confirm", "payload": response.context["payload"] + "x", "map-name": "0"}
    )
    assert forged.status_code == 200
    refused = ["The uploaded file could not be read back. Upload it again."]
    assert [str(m) for m in forged.context["messages"]] == refused
    other = WorkshopFactory()
    moved = coordinator_client.post(
        _url(other), {"step": "confirm", "payload": response.context["payload"], "map-name": "0"}
    )
    assert [str(m) for m in moved.context["messages"]] == refused
    assert Attendance.objects.filter(workshop__in=[workshop, other]).count() == 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", b"%PDF-1.7", "Upload a .csv or .xlsx file."),
        ("report.csv", b"", "The submitted file is empty."),
        ("report.xlsx", b"PK\x03\x04not a workbook", "The file is not an Excel workbook this page can read"),
        ("report.csv", b"Name\n", "The file has no rows below its header."),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_message_next_to_the_field(
    coordinator_client, workshop, name, content, message
):
    response = _upload(coordinator_client, workshop, name, content)
    assert response.status_code == 200
    errors = response.context["upload_form"].errors["file"]
    assert len(errors) == 1 and errors[0].startswith(message)


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Mr. Samath Bou", ("Mr.", "Samath", "Bou", "")),
        ("李振云", ("", "Zhenyun", "Li", "李振云")),
        ("សុខ ចាន់", ("", "", "", "សុខ ចាន់")),
        ("Mr. Chen", ("Mr.", "", "Chen", "")),
        ("Madonna", ("", "Madonna", "", "")),
        ("Maria de la Cruz", ("", "Maria", "de la Cruz", "")),
    ],
)
def test_a_new_person_is_made_from_the_name_as_written(typed, expected):
    person = person_from_name(typed)
    assert (person.honorific, person.given_name, person.family_name, person.name_local) == expected


def test_the_import_page_needs_the_right_to_change_workshops(client, workshop):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader"))
    assert client.get(_url(workshop)).status_code == 403


def test_the_preview_and_the_import_take_the_same_number_of_queries_for_3_and_20_rows(coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationFactory, PersonFactory

    organisation = OrganisationFactory(short_name="NPIC")
    counts = []
    # The first request fills one-off caches. 2 × 20 rows: SQLite takes at most 999 values a statement, and 40
    # history rows of attendance stay within one insert.
    for size, newcomer in ((1, "Warmup"), (3, "Alpha"), (20, "Omega")):
        workshop = WorkshopFactory()
        known = [PersonFactory(given_name=f"Known{size}x{n}", family_name="Person") for n in range(size)]
        lines = ["Name,Email,Organisation,Title"]
        lines += [f"{p.given_name} Person,,NPIC,Trainer" for p in known]
        lines += [f"{newcomer}{n} Newcomer,,Nowhere,Trainee" for n in range(size)]
        content = ("\n".join(lines) + "\n").encode()
        with CaptureQueriesContext(connection) as preview_queries:
            response = _upload(coordinator_client, workshop, "list.csv", content)
            data = {"step": "map", "payload": response.context["payload"], "map-name": "0", "map-email": "1"}
            preview = coordinator_client.post(_url(workshop), data | {"map-organisation": "2", "map-title": "3"})
        assert [r.status for r in preview.context["rows"]] == ["matched"] * size + ["new"] * size
        with CaptureQueriesContext(connection) as import_queries:
            assert _confirm(coordinator_client, workshop, preview).status_code == 302
        assert workshop.attendances.filter(organisation=organisation).count() == size
        counts.append((len(preview_queries), len(import_queries)))
    assert counts[1] == counts[2]


HOST_ACCOUNT_ZOOM = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,WIT and PCCFPI,01/14/2022 08:50:00 AM,01/14/2022 11:07:00 AM,ilo.china.project@ilo.org,137,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
ILO China Project (Yutong Liu) (Host),ilo.china.project@ilo.org,01/14/2022 08:50:00 AM,01/14/2022 11:05:00 AM,135,No,
李振云,,01/14/2022 09:00:00 AM,01/14/2022 10:10:00 AM,70,Yes,
李振云,,01/14/2022 10:15:00 AM,01/14/2022 11:07:00 AM,52,Yes,
"""


def _times(workshop, family_name):
    attendance = Attendance.objects.get(workshop=workshop, person__family_name=family_name)
    local = workshop.tzinfo
    return (
        attendance.role,
        attendance.meeting_role,
        attendance.joined_at.astimezone(local).strftime("%H:%M"),
        attendance.left_at.astimezone(local).strftime("%H:%M"),
        attendance.minutes_attended,
    )


def test_people_already_on_the_workshop_get_the_files_times_and_summed_minutes(coordinator_client, reference_workshop):
    assert Attendance.objects.get(workshop=reference_workshop, person__family_name="Li").minutes_attended is None
    preview = _upload(coordinator_client, reference_workshop, "participants.csv", HOST_ACCOUNT_ZOOM.encode())
    assert [(r.number_label, r.status, str(r.person), r.minutes) for r in preview.context["rows"]] == [
        ("5", "listed", "Yutong Liu", 135),
        ("6, 7", "listed", "Zhenyun Li", 122),
    ]
    done = _confirm(coordinator_client, reference_workshop, preview)
    assert done.status_code == 302
    assert _times(reference_workshop, "Li") == ("speaker", "", "09:00", "11:07", 122)
    assert _times(reference_workshop, "Liu") == ("organiser", "Host", "08:50", "11:05", 135)
    assert Attendance.objects.filter(workshop=reference_workshop).count() == 8
    message = [str(m) for m in done.wsgi_request._messages]
    assert message[-1].endswith("2 listed attendances given the file's times and role.")


def test_a_host_accounts_mailbox_is_offered_unticked_and_the_own_address_is_taken_later(
    coordinator_client, reference_workshop
):
    liu = Person.objects.get(given_name="Yutong", family_name="Liu")
    assert liu.email == ""
    preview = _upload(coordinator_client, reference_workshop, "participants.csv", HOST_ACCOUNT_ZOOM.encode())
    host_row = preview.context["rows"][0]
    assert (host_row.person, host_row.offers_email, host_row.add_email) == (liu, True, False)
    assert host_row.notes == [
        "“ILO China Project” is not this person's own name: ilo.china.project@ilo.org may be a shared account's, "
        "so it is not ticked."
    ]
    assert 'id="email-5" checked' not in preview.content.decode()
    _confirm(coordinator_client, reference_workshop, preview)
    liu.refresh_from_db()
    assert liu.email == ""

    teams = _upload(coordinator_client, reference_workshop, "meetingAttendanceReport.csv", TEAMS.encode("utf-16"))
    own_row = next(row for row in teams.context["rows"] if row.person == liu)
    assert (own_row.email, own_row.offers_email, own_row.add_email, own_row.notes) == ("liu@ilo.org", True, True, [])
    _confirm(coordinator_client, reference_workshop, teams)
    liu.refresh_from_db()
    assert liu.email == "liu@ilo.org"
