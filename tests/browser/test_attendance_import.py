"""A coordinator imports the attendance of a meeting from a Zoom report and a Teams report written here."""

import codecs

import pytest

from tests.browser.conftest import sign_in
from tests.factories import WorkshopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZOOM = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Samath Bou (PCCFPI),,01/14/2022 09:01:00 AM,01/14/2022 10:00:00 AM,59,Yes\n"
    "李振云,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes\n"
    "Samath Bou (PCCFPI),,01/14/2022 10:02:00 AM,01/14/2022 11:00:00 AM,58,Yes\n"
    "Mr. Chen,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes\n"
    "សុខ ចាន់,,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes\n"
)
TEAMS = (
    "1. Summary\nMeeting title\tTechnical-level discussion\n\n2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
    "Yutong Liu\t2/20/22, 8:50:00 AM\t2/20/22, 11:00:00 AM\t2h 10m\tliu@ilo.org\tliu@ilo.org\tOrganizer\n"
    "Samath Bou\t2/20/22, 9:00:00 AM\t2/20/22, 11:00:00 AM\t2h\t\t\tAttendee\n"
    "Zoë Ngô\t2/20/22, 9:00:00 AM\t2/20/22, 11:00:00 AM\t2h\tzoe@example.org\t\tPresenter\n"
)


def _import(page, path):
    page.get_by_role("link", name="Import a Zoom or Teams attendance report").click()
    page.get_by_label("Attendance report*").set_input_files(path)
    page.get_by_role("button", name="Read the file").click()
    page.locator("#import-summary").wait_for()


def test_a_zoom_report_then_a_teams_report_become_attendance_rows(page, reference_workshop, coordinator, tmp_path):
    workshop = WorkshopFactory(title="Technical-level discussion", start_date=reference_workshop.start_date)
    zoom = tmp_path / "participants_81234567890.csv"
    zoom.write_bytes(codecs.BOM_UTF8 + ZOOM.encode())
    teams = tmp_path / "meetingAttendanceReport(Technical-level discussion).csv"
    teams.write_bytes(TEAMS.encode("utf-16"))
    sign_in(page, "coordinator")

    page.goto(workshop.get_absolute_url())
    _import(page, zoom)
    assert page.locator(".badge.text-bg-info").inner_text() == "Zoom participant report"
    assert " ".join(page.locator("#import-summary").inner_text().split()) == (
        "4 people in the file: 2 on record, 1 new, 1 to choose, 0 already listed, 0 with errors. 1 repeated row merged."
    )
    page.get_by_role("button", name="Import these attendees").click()
    assert page.locator("#import-row-5 .import-error").inner_text() == "Choose who this is, “a new person” or “skip”."
    page.get_by_label("Import row 5 as").select_option(label="Jianbin Chen")
    page.get_by_role("button", name="Import these attendees").click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")
    assert (
        page.get_by_role("alert")
        .filter(has_text="Attendance imported")
        .inner_text()
        .startswith("Attendance imported: 4 added (1 of them new people), 0 already listed, 0 skipped.")
    )
    assert page.get_by_text("4 named of — reported").is_visible()
    assert page.get_by_role("link", name="សុខ ចាន់").is_visible()

    _import(page, teams)
    assert page.locator(".badge.text-bg-info").inner_text() == "Microsoft Teams attendance report"
    statuses = page.locator(".import-row").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses == ["matched", "listed", "new"]
    page.get_by_role("button", name="Import these attendees").click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")
    assert page.get_by_text("6 named of — reported").is_visible()
    names = page.locator("section[aria-labelledby=attendance-heading] tbody td:first-child a").all_inner_texts()
    assert sorted(names) == sorted(
        ["Mr. Samath Bou", "Mr. Zhenyun Li", "Mr. Jianbin Chen", "សុខ ចាន់", "Mr. Yutong Liu", "Zoë Ngô"]
    )
    assert page.console_errors == []


def test_a_file_of_another_meeting_with_a_phone_a_bot_and_a_room_is_checked_before_it_is_imported(
    page, reference_workshop, coordinator, tmp_path
):
    from pathlib import Path

    from institutes.models import Organisation

    workshop = WorkshopFactory(
        title="WIT and PCCFPI: technical-level follow-up", start_date=reference_workshop.start_date
    )
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    zoom = Path(__file__).resolve().parent.parent / "fixtures" / "attendance" / "zoom_participants_other_meeting.csv"
    sign_in(page, "coordinator")
    page.goto(workshop.get_absolute_url())
    _import(page, zoom)
    assert page.locator("#other-meeting-warning p").inner_text() == (
        "This file is of the meeting “Hainan study visit: follow-up” on March 3, 2022; this workshop is "
        "“WIT and PCCFPI: technical-level follow-up” on Jan. 14, 2022."
    )
    greyed = page.locator("tr.import-not-person")
    assert greyed.locator(".import-reason").all_inner_texts() == [
        "Telephone dial-in",
        "Recorder or note-taker",
        "Meeting-room system",
        "Device name",
    ]
    assert page.get_by_label("Import row 9 as").input_value() == "skip"
    assert not page.get_by_label("Organisation of row 9").is_visible()
    page.get_by_label("Import row 9 as").select_option("new")
    assert page.get_by_label("Organisation of row 9").is_visible()
    page.get_by_label("Import row 9 as").select_option("skip")
    assert page.get_by_label("Add e-mail to the record (liu@ilo.org)").is_checked()
    page.get_by_label("Add e-mail to the record (shen@wuxi.gov.cn)").uncheck()
    # The organisation of all new people, chosen from what the type-ahead offers.
    everyone = page.get_by_label("Organisation of all new people")
    everyone.press_sequentially("Sihanouk", delay=20)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#import-organisations option')].some(o => o.value.includes('PCCFPI'))"
    )
    everyone.fill(str(pccfpi))
    assert page.locator("#organisation-all-id").input_value() == str(pccfpi.pk)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(tmp_path / "preview-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(tmp_path / "preview-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Import these attendees").click()
    assert page.locator("#other-meeting-error").inner_text() == "Tick this box to import a file of another meeting."
    assert page.get_by_label("Organisation of all new people").input_value() == str(pccfpi)
    assert not page.get_by_label("Add e-mail to the record (shen@wuxi.gov.cn)").is_checked()
    page.get_by_label("I have checked: import this file into this workshop anyway.").check()
    page.get_by_role("button", name="Import these attendees").click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")
    assert (
        page.get_by_role("alert")
        .filter(has_text="Attendance imported")
        .inner_text()
        .startswith(
            "Attendance imported: 4 added (1 of them new people), 0 already listed, 0 skipped. "
            "4 rows that are no person counted as unnamed attendance. 2 e-mail addresses added to the records."
        )
    )
    assert page.get_by_text("4 named of 8 reported").is_visible()
    assert sorted(page.locator(".attendance-times").all_inner_texts()) == [
        "09:00–10:15 · 75 minutes",
        "09:00–10:30 · 85 minutes",
        "09:02–10:30 · 88 minutes",
        "Host · 08:55–10:30 · 95 minutes",
    ]
    assert page.console_errors == []
