"""The entry page with the keyboard only, and new records that wait for the save."""

import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from institutes.models import Organisation
from participants.models import Person, Position
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, PersonFactory
from workshops.models import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("PARTNERSHIP_SCREENSHOTS")


def _shot(page, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def _type_into(page, label, text):
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def _add_row(page, prefix):
    page.locator(f"#formset-{prefix} .workshop-add-row").focus()
    page.keyboard.press("Enter")


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for app in ("institutes", "participants", "workshops", "agreements")
        for model in apps.get_app_config(app).get_models()
    }


def test_a_workshop_is_logged_with_the_keyboard_only(page, coordinator):
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    bou = PersonFactory(honorific="Mr.", given_name="Samath", family_name="Bou")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    _shot(page, "entry-1280")
    _type_into(page, "Title*", "Digitalisation of training courses")
    _type_into(page, "Start date*", "2022-01-14")

    # The time zone: "UTC+8" finds China's zone; Enter picks it.
    zone = page.get_by_role("combobox", name="Time zone*")
    zone.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("UTC+8 china")
    expect(zone).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_timezone-list [aria-selected=true]")).to_have_text("China — Asia/Shanghai (UTC+8)")
    page.keyboard.press("Enter")
    expect(zone).to_have_value("Asia/Shanghai")

    # Row 1: someone on record, found by part of the name.
    _add_row(page, "attendance")
    search = page.locator("#id_attendance-0-person-search")
    expect(search).to_be_focused()
    page.keyboard.type("Samath")
    expect(search).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_attendance-0-person-search-list").locator("..").get_by_role("status")).to_have_text(
        "1 result. Use the up and down arrows to choose."
    )
    page.keyboard.press("ArrowDown")
    expect(search).to_have_attribute("aria-activedescendant", "id_attendance-0-person-search-list-0")
    page.keyboard.press("Enter")
    expect(page.locator("#id_attendance-0-person")).to_have_value(str(bou.pk))
    expect(search).to_have_attribute("aria-expanded", "false")
    expect(search).to_be_focused()

    # Row 2: the organisation first, then a new person, whose dialog takes the row's title and organisation.
    _add_row(page, "attendance")
    expect(page.locator("#id_attendance-1-person-search")).to_be_focused()
    page.locator("#id_attendance-1-organisation-search").focus()
    page.keyboard.type("WIT")
    expect(page.locator("#id_attendance-1-organisation-search")).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_attendance-1-organisation")).to_have_value(str(wit.pk))
    page.locator("#id_attendance-1-title").focus()
    page.keyboard.type("Professor")
    search = page.locator("#id_attendance-1-person-search")
    search.focus()
    page.keyboard.type("Prof. Shi Lei")
    new = page.locator("#id_attendance-1-person-search-list .workshop-new-record")
    expect(new).to_have_text("New person: Prof. Shi Lei")
    page.keyboard.press("ArrowUp")  # from the top, up goes round to the last option: "New person: …"
    expect(new).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="New person")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".name-preview")).to_have_text("Family name: Shi · Given name: Lei · Written: Prof. Shi Lei")
    expect(dialog.get_by_label("Honorific")).to_have_value("Prof.")
    expect(dialog.get_by_label("Family name first (Li Zhenyun)")).to_be_checked()
    expect(dialog.get_by_label("Job title")).to_have_value("Professor")
    expect(dialog.locator(".person-organisation")).to_have_text(
        "Organisation (from the row): Wuxi Institute of Technician (WIT)"
    )
    _shot(page, "new-person-dialog")
    # Focus stays in the dialog: Tab from its last button comes back round, never to the page behind.
    dialog.get_by_role("button", name="Cancel").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    dialog.get_by_label("Email").focus()
    page.keyboard.type("shi.lei@example.org")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(search).to_be_focused()
    expect(page.locator("#id_attendance-1-person option:checked")).to_have_text("Shi Lei (new)")
    assert Person.objects.count() == 1  # nothing written yet

    # A follow-up action owned by the new person.
    _add_row(page, "actions")
    expect(page.locator("#id_actions-0-title")).to_be_focused()
    page.keyboard.type("Send the digital course catalogue")
    page.locator("#id_actions-0-status").focus()
    page.keyboard.press("Tab")

    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/workshops/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalisation of training courses")

    workshop = Workshop.objects.get()
    shi = Person.objects.get(family_name="Shi")
    assert (shi.honorific, shi.given_name, shi.name_order, shi.email) == (
        "Prof.",
        "Lei",
        "family_first",
        "shi.lei@example.org",
    )
    assert workshop.timezone == "Asia/Shanghai"
    assert list(workshop.attendances.order_by("order").values_list("person__family_name", "organisation", "title")) == [
        ("Bou", None, ""),
        ("Shi", wit.pk, "Professor"),
    ]
    assert list(Position.objects.values_list("person", "organisation", "title")) == [(shi.pk, wit.pk, "Professor")]
    assert list(workshop.action_items.values_list("title", flat=True)) == ["Send the digital course catalogue"]
    assert page.console_errors == []


def test_an_abandoned_entry_leaves_no_new_rows(page, coordinator):
    OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    sign_in(page, "coordinator")
    before = _row_counts()
    page.goto("/workshops/new/")
    page.get_by_label("Title*", exact=True).fill("Exchange with Baoshan")

    _add_row(page, "hosts")
    page.keyboard.type("Baoshan Technician College")
    page.locator("#id_hosts-0-organisation-search-list .workshop-new-record").click()
    dialog = page.get_by_role("dialog", name="New organisation")
    expect(dialog.get_by_label("Name", exact=True)).to_have_value("Baoshan Technician College")
    expect(dialog.get_by_label("Kind")).to_have_value("tvet")
    dialog.get_by_label("Country").select_option("CN")
    dialog.get_by_role("button", name="Add to this entry").click()
    expect(page.locator("#id_hosts-0-organisation option:checked")).to_have_text("Baoshan Technician College (new)")

    _add_row(page, "attendance")
    page.keyboard.type("Xiang Jinlin")
    page.locator("#id_attendance-0-person-search-list .workshop-new-record").click()
    dialog = page.get_by_role("dialog", name="New person")
    expect(dialog.locator(".name-preview")).to_have_text(
        "Family name: Xiang · Given name: Jinlin · Written: Xiang Jinlin"
    )
    dialog.get_by_role("button", name="Add to this entry").click()
    expect(page.locator("#id_attendance-0-person option:checked")).to_have_text("Xiang Jinlin (new)")
    records = page.locator("input[name=new_records]").input_value()
    assert '"family_name":"Xiang"' in records and '"name":"Baoshan Technician College"' in records

    page.goto("/workshops/")  # left without saving
    page.wait_for_load_state()
    assert _row_counts() == before
    assert not Organisation.objects.filter(name__icontains="Baoshan").exists()
    assert page.console_errors == []


def test_the_entry_page_at_360_px(page, coordinator):
    sign_in(page, "coordinator")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/workshops/new/")
    _add_row(page, "attendance")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _shot(page, "entry-360")
