import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from lxml import etree
from rest_framework.test import APIClient

from agreements.iati import programme_xml
from tests.exports import csv_rows, xlsx_rows
from tests.factories import OrganisationFactory, ProgrammeFactory, WorkshopFactory
from workshops.forms import WorkshopForm, parse_partial_date
from workshops.models import Workshop

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "iati" / "iati-activities-schema.xsd"
TODAY = datetime.date(2026, 12, 2)
DAY, MONTH, YEAR = Workshop.DatePrecision.DAY, Workshop.DatePrecision.MONTH, Workshop.DatePrecision.YEAR


def _workshop(start, precision=DAY, end=None, status=""):
    return Workshop(title="W", start_date=start, date_precision=precision, end_date=end, status=status)


def test_the_status_follows_the_dates_unless_chosen():
    statuses = [
        _workshop(datetime.date(2026, 12, 1)).status_from_dates(TODAY),
        _workshop(TODAY).status_from_dates(TODAY),
        _workshop(datetime.date(2026, 11, 30), end=TODAY).status_from_dates(TODAY),
        _workshop(datetime.date(2026, 12, 1), MONTH).status_from_dates(TODAY),
        _workshop(datetime.date(2026, 11, 1), MONTH).status_from_dates(TODAY),
        _workshop(datetime.date(2026, 1, 1), YEAR).status_from_dates(TODAY),
        _workshop(datetime.date(2025, 1, 1), YEAR).status_from_dates(TODAY),
    ]
    assert statuses == ["held", "planned", "planned", "planned", "held", "planned", "held"]


def test_the_status_filter_in_sql_agrees_with_the_model(db):
    rows = [
        ("past day", datetime.date(2026, 12, 1), DAY, None, ""),
        ("today", TODAY, DAY, None, ""),
        ("ends today", datetime.date(2026, 11, 30), DAY, TODAY, ""),
        ("this month", datetime.date(2026, 12, 1), MONTH, None, ""),
        ("last month", datetime.date(2026, 11, 1), MONTH, None, ""),
        ("this year", datetime.date(2026, 1, 1), YEAR, None, ""),
        ("past, postponed", datetime.date(2022, 1, 14), DAY, None, "postponed"),
        ("future, chosen held", datetime.date(2030, 1, 1), DAY, None, "held"),
    ]
    for title, start, precision, end, status in rows:
        Workshop.objects.create(title=title, start_date=start, date_precision=precision, end_date=end, status=status)

    def titles(status):
        return sorted(Workshop.objects.with_status(status, TODAY).values_list("title", flat=True))

    assert titles("held") == ["future, chosen held", "last month", "past day"]
    assert titles("planned") == ["ends today", "this month", "this year", "today"]
    assert titles("postponed") == ["past, postponed"]
    for workshop in Workshop.objects.all():
        assert (workshop.title, workshop.status or workshop.status_from_dates(TODAY)) in [
            (t, s) for s in Workshop.Status.values for t in titles(s)
        ]


@pytest.fixture
def past_and_future(db):
    return (
        WorkshopFactory(title="Past", start_date=datetime.date(2022, 1, 14), status=""),
        WorkshopFactory(title="Future", start_date=datetime.date(2099, 3, 1), status=""),
        WorkshopFactory(title="Postponed", start_date=datetime.date(2022, 11, 1), status="postponed"),
    )


def test_the_record_page_and_the_list_show_the_status_the_dates_give(coordinator_client, past_and_future):
    past, future, postponed = past_and_future
    for workshop, label in [(past, "Held"), (future, "Planned"), (postponed, "Postponed")]:
        page = coordinator_client.get(workshop.get_absolute_url()).content.decode()
        assert f'<dd class="col-sm-9">{label}</dd>' in page
    held = coordinator_client.get(reverse("workshops:list"), {"status": "held"})
    assert [w.title for w in held.context["page"].object_list] == ["Past"]
    planned = coordinator_client.get(reverse("workshops:list"), {"status": "planned"})
    assert [w.title for w in planned.context["page"].object_list] == ["Future"]


def test_the_api_gives_the_status_of_today_and_takes_blank_to_follow_the_dates(coordinator, past_and_future):
    past, future, postponed = past_and_future
    api = APIClient()
    api.force_authenticate(coordinator)
    rows = api.get("/api/workshops/", {"ordering": "date"}).json()["results"]
    assert [(r["title"], r["status"], r["status_follows_dates"]) for r in rows] == [
        ("Past", "held", True),
        ("Postponed", "postponed", False),
        ("Future", "planned", True),
    ]
    assert [r["title"] for r in api.get("/api/workshops/", {"status": "held"}).json()["results"]] == ["Past"]

    seen = api.get(f"/api/workshops/{postponed.pk}/").json()["updated_at"]
    response = api.patch(f"/api/workshops/{postponed.pk}/", {"status": "", "updated_at": seen}, format="json")
    assert (response.status_code, response.json()["status"], response.json()["status_follows_dates"]) == (
        200,
        "held",
        True,
    )


def test_a_new_workshop_in_the_past_is_held_without_choosing(coordinator_client):
    response = coordinator_client.post(reverse("workshops:create"), _entry_post(start_date="2022-11-21"))
    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert (workshop.status, workshop.get_status_display()) == ("", "Held")


def _entry_post(**fields):
    data = {
        "title": "Technical exchange",
        "kind": "bilateral",
        "format": "online",
        "status": "",
        "date_precision": "day",
        "timezone": "Asia/Shanghai",
    }
    data.update(fields)
    return data


def test_the_entry_form_reads_a_day_a_month_or_a_year():
    assert [parse_partial_date(text) for text in ["2022-11-21", "2022-11", "November 2022", "2022年11月", "2022"]] == [
        (datetime.date(2022, 11, 21), DAY),
        (datetime.date(2022, 11, 1), MONTH),
        (datetime.date(2022, 11, 1), MONTH),
        (datetime.date(2022, 11, 1), MONTH),
        (datetime.date(2022, 1, 1), YEAR),
    ]
    assert [parse_partial_date(text) for text in ["2022-13", "Novembre", "soon"]] == [
        (None, MONTH),
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("typed", "chosen", "stored"),
    [
        ("November 2022", "day", ("2022-11-01", "month")),
        ("2022-11", "", ("2022-11-01", "month")),
        ("2022-11-21", "month", ("2022-11-01", "month")),
        ("2022-11-21", "year", ("2022-01-01", "year")),
        ("2022-11-21", "day", ("2022-11-21", "day")),
    ],
)
def test_the_precision_is_the_coarser_of_the_typed_and_the_chosen(coordinator_client, typed, chosen, stored):
    response = coordinator_client.post(
        reverse("workshops:create"), _entry_post(start_date=typed, date_precision=chosen)
    )
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert (workshop.start_date.isoformat(), workshop.date_precision) == stored


def test_a_month_precision_date_refuses_an_end_date_and_a_bad_date_gets_a_message(coordinator_client):
    response = coordinator_client.post(
        reverse("workshops:create"), _entry_post(start_date="2022-11", end_date="2022-11-22", start_time="09:00")
    )
    form = response.context["form"]
    assert form.errors == {
        "end_date": ["Leave this empty for a workshop dated only to the month or year."],
        "start_time": ["Leave this empty for a workshop dated only to the month or year."],
    }
    response = coordinator_client.post(reverse("workshops:create"), _entry_post(start_date="2022-13"))
    assert response.context["form"].errors == {
        "start_date": ["Give a date such as 2022-11-21, a month such as 2022-11 or November 2022, or a year."]
    }
    assert Workshop.objects.count() == 0


@pytest.fixture
def november(db):
    programme = ProgrammeFactory(name="Skills programme", coordinating_organisation=OrganisationFactory())
    return WorkshopFactory(
        title="Exchange on apprenticeships",
        start_date=datetime.date(2022, 11, 1),
        date_precision=MONTH,
        status="",
        programme=programme,
    )


def test_a_month_precision_date_on_the_list_and_the_record(coordinator_client, november):
    WorkshopFactory(title="Later in November", start_date=datetime.date(2022, 11, 21))
    WorkshopFactory(title="October", start_date=datetime.date(2022, 10, 31))
    listing = coordinator_client.get(reverse("workshops:list"))
    assert [(w.title, w.date_iso) for w in listing.context["page"].object_list] == [
        ("Later in November", "2022-11-21"),
        ("Exchange on apprenticeships", "2022-11"),
        ("October", "2022-10-31"),
    ]
    assert '<td class="text-nowrap">2022-11</td>' in listing.content.decode()

    page = coordinator_client.get(november.get_absolute_url()).content.decode()
    assert '<dd class="col-sm-9">\n    November 2022\n  </dd>' in page
    with translation.override("zh-hans"):
        assert november.date_display == "2022年11月"
    assert str(november) == "Exchange on apprenticeships (2022-11)"


def test_a_month_precision_date_in_the_exports(coordinator_client, november):
    rows = csv_rows(coordinator_client.get("/workshops/export.csv"))
    assert rows[1][1:4] == ["Exchange on apprenticeships", "2022-11", ""]
    assert xlsx_rows(coordinator_client.get("/workshops/export.xlsx"))[1][1:4] == [
        "Exchange on apprenticeships",
        "2022-11",
        "",
    ]


def test_a_month_precision_date_in_the_api(coordinator, november):
    api = APIClient()
    api.force_authenticate(coordinator)
    row = api.get(f"/api/workshops/{november.pk}/").json()
    assert (row["date"], row["start_date"], row["date_precision"], row["end_date"], row["status"]) == (
        "2022-11",
        "2022-11-01",
        "month",
        None,
        "held",
    )
    created = api.post(
        "/api/workshops/",
        {"title": "Visit", "start_date": "2023-05-17", "date_precision": "year", "timezone": "UTC"},
        format="json",
    )
    assert (created.status_code, created.json()["start_date"], created.json()["date"]) == (201, "2023-01-01", "2023")


def test_a_month_precision_date_in_iati_stays_valid(november):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    root = etree.fromstring(programme_xml(november.programme, base_url="https://partnership.example/"))
    schema.assertValid(root)
    workshop = root.xpath(f"iati-activity[iati-identifier='XM-DAC-41302-W{november.pk}']")[0]
    dates = [(d.get("type"), d.get("iso-date"), d.xpath("narrative/text()")) for d in workshop.xpath("activity-date")]
    assert dates == [("2", "2022-11-01", ["2022-11"]), ("4", "2022-11-30", ["2022-11"])]
    assert workshop.xpath("activity-status/@code") == ["4"]  # post-completion: held


def test_a_month_precision_date_in_the_calendar(coordinator, client, november):
    november.start_date = datetime.date(2099, 3, 1)
    november.save()
    url = reverse("calendar:feed", args=[coordinator.calendar_token, "workshops"])
    body = client.get(url).content.decode().replace("\r\n ", "")
    assert "SUMMARY:Exchange on apprenticeships (March 2099)" in body
    assert "DTSTART;VALUE=DATE:20990301" in body
    assert "DESCRIPTION:Date known only as March 2099." in body


def test_the_edit_form_shows_the_date_as_known(november):
    assert WorkshopForm(instance=november)["start_date"].value() == "2022-11"


def test_existing_statuses_follow_the_dates_only_where_nothing_changes(db):
    rows = {
        "past held": (datetime.date(2022, 1, 14), "held"),
        "past planned": (datetime.date(2022, 1, 14), "planned"),
        "future planned": (datetime.date(2099, 1, 1), "planned"),
        "future held": (datetime.date(2099, 1, 1), "held"),
        "cancelled": (datetime.date(2022, 1, 14), "cancelled"),
    }
    for title, (start, status) in rows.items():
        Workshop.objects.create(title=title, start_date=start, status=status)
    migration = importlib.import_module("workshops.migrations.0004_partial_dates_status_from_dates_paraphrase")

    migration.let_statuses_follow_the_dates(apps, None)

    assert dict(Workshop.objects.values_list("title", "status")) == {
        "past held": "",
        "past planned": "planned",
        "future planned": "",
        "future held": "held",
        "cancelled": "cancelled",
    }
    assert [w.get_status_display() for w in Workshop.objects.order_by("id")] == [
        "Held",
        "Planned",
        "Planned",
        "Held",
        "Cancelled",
    ]
