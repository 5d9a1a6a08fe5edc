"""The entry page offers the records added on it to every row, and warns of a workshop logged twice."""

import datetime
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from institutes.models import Organisation
from participants.models import Person
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, TopicFactory, WorkshopFactory
from tests.factories import WorkshopOrganisationFactory as LinkFactory
from workshops.models import Workshop, WorkshopOrganisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("PARTNERSHIP_SCREENSHOTS")


def _shots(page, name, locator=None):
    """The page (or one part of it) at 1280 and at 360 px wide."""
    if not SCREENSHOTS:
        return
    Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        if locator is None:
            page.screenshot(path=f"{SCREENSHOTS}/entry-{name}-{width}.png", full_page=True)
        else:
            locator.screenshot(path=f"{SCREENSHOTS}/entry-{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def _add_row(page, prefix):
    page.locator(f"#formset-{prefix} .workshop-add-row").click()


def _options(page, box):
    return page.locator(f"#id_{box}-search-list [role=option]")


def test_an_organisation_added_in_the_hosts_is_offered_to_every_row_and_saved_once(page, coordinator):
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    OrganisationFactory(name="International Labour Organization", short_name="ILO")
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    PositionFactory(person=bou, organisation=wit, title="Principal")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Start date*").fill("2022-01-14")

    # The hosts: one on record in China, and a new one, whose dialog does not take China from the first.
    _add_row(page, "hosts")
    page.locator("#id_hosts-0-organisation-search").fill("WIT")
    _options(page, "hosts-0-organisation").first.click()
    _add_row(page, "hosts")
    page.locator("#id_hosts-1-organisation-search").fill("Baoshan Technician College")
    page.locator("#id_hosts-1-organisation-search-list .workshop-new-record").click()
    dialog = page.get_by_role("dialog", name="New organisation")
    expect(dialog.get_by_label("Country")).to_have_value("")
    dialog.get_by_role("button", name="Add to this entry").click()
    expect(page.locator("#id_hosts-1-organisation option:checked")).to_have_text("Baoshan Technician College (new)")

    # A suggestion found by the short name does not repeat it.
    _add_row(page, "hosts")
    page.locator("#id_hosts-2-organisation-search").fill("ILO")
    expect(_options(page, "hosts-2-organisation").first).to_have_text("International Labour Organization (ILO)")
    page.locator("#id_hosts-2-organisation-search").fill("")
    page.locator("#formset-hosts .workshop-row").nth(2).get_by_label("Delete").check()

    # An attendance row: the person picked brings their organisation; the next row finds the new organisation.
    _add_row(page, "attendance")
    page.locator("#id_attendance-0-person-search").fill("Samath")
    _options(page, "attendance-0-person").first.click()
    expect(page.locator("#id_attendance-0-organisation option:checked")).to_have_text(
        "Wuxi Institute of Technician (WIT)"
    )
    _add_row(page, "attendance")
    page.locator("#id_attendance-1-organisation-search").fill("baoshan")
    offered = _options(page, "attendance-1-organisation")
    expect(offered.first).to_have_text("Baoshan Technician College (new)")
    expect(offered.last).to_have_text("New organisation: baoshan")
    _shots(page, "offered", page.locator("#formset-attendance"))
    offered.first.click()
    expect(page.locator("#id_attendance-1-organisation")).to_have_value("new:n1")
    page.locator("#id_attendance-1-person-search").fill("Xiang Jinlin")
    page.locator("#id_attendance-1-person-search-list .workshop-new-record").click()
    page.get_by_role("dialog", name="New person").get_by_role("button", name="Add to this entry").click()

    # Saved without a title: refused, and the page made again still offers what was added on it.
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.get_by_label("Title*").fill("Exchange with Baoshan")
    _add_row(page, "actions")
    page.locator("#id_actions-0-title").fill("Send the course catalogue")
    # "New person" from an action row: the action's title is not the person's job title.
    page.locator("#id_actions-0-owner-search").fill("Shi Lei")
    page.locator("#id_actions-0-owner-search-list .workshop-new-record").click()
    dialog = page.get_by_role("dialog", name="New person")
    expect(dialog.get_by_label("Job title")).to_have_value("")
    dialog.get_by_role("button", name="Cancel").click()
    page.locator("#id_actions-0-owner-search").fill("xiang")
    expect(_options(page, "actions-0-owner").first).to_have_text("Xiang Jinlin (new)")
    _options(page, "actions-0-owner").first.click()
    page.locator("#id_actions-0-owner_organisation-search").fill("Baoshan")
    expect(_options(page, "actions-0-owner_organisation").first).to_have_text("Baoshan Technician College (new)")
    _options(page, "actions-0-owner_organisation").first.click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")

    baoshan = Organisation.objects.get(name="Baoshan Technician College")
    assert Organisation.objects.filter(name__icontains="Baoshan").count() == 1
    assert Person.objects.filter(family_name="Xiang").count() == 1
    workshop = Workshop.objects.get()
    assert list(workshop.organisation_links.order_by("id").values_list("organisation", flat=True)) == [
        wit.pk,
        baoshan.pk,
    ]
    assert list(workshop.attendances.order_by("order").values_list("person__family_name", "organisation")) == [
        ("Bou", wit.pk),
        ("Xiang", baoshan.pk),
    ]
    action = workshop.action_items.get()
    assert (action.owner.family_name, action.owner_organisation) == ("Xiang", baoshan)
    assert page.console_errors == []


def test_the_same_workshop_logged_twice_is_warned_and_saving_anyway_works(page, coordinator):
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    first = WorkshopFactory(title="Digitalisation of training courses", start_date=datetime.date(2022, 1, 14))
    topic = TopicFactory(name="Digital courses")
    LinkFactory(workshop=first, organisation=wit, role=WorkshopOrganisation.Role.HOST)
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Exchange on digital courses")
    page.get_by_label("Start date*").fill("2022-01-15")
    page.get_by_label("Summary").fill("Logged by hand.")
    # The topics' box holds what is chosen; its type-ahead finds the others.
    page.locator("#id_topics-search").fill("digital")
    _options(page, "topics").first.click()
    expect(page.locator("#id_topics option:checked")).to_have_text("Digital courses")
    _shots(page, "topics", page.locator("#div_id_topics"))
    _add_row(page, "hosts")
    page.locator("#id_hosts-0-organisation-search").fill("WIT")
    _options(page, "hosts-0-organisation").first.click()
    page.get_by_role("button", name="Save").click()

    warning = page.locator("#duplicate-warning")
    expect(warning).to_be_focused()
    link = warning.get_by_role("link", name="Digitalisation of training courses")
    expect(link).to_have_attribute("href", f"/workshops/{first.pk}/")
    assert " ".join(warning.locator("li").inner_text().split()) == "Digitalisation of training courses (2022-01-14)"
    expect(page.get_by_label("Summary")).to_have_value("Logged by hand.")
    expect(page.locator("#id_topics option:checked")).to_have_text("Digital courses")
    assert Workshop.objects.count() == 1
    _shots(page, "duplicate", None)

    page.get_by_label("Save anyway, this is a different workshop").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")
    assert list(Workshop.objects.order_by("pk").values_list("title", flat=True)) == [
        "Digitalisation of training courses",
        "Exchange on digital courses",
    ]
    assert list(Workshop.objects.get(title="Exchange on digital courses").topics.all()) == [topic]
    assert page.console_errors == []
