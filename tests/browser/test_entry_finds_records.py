"""Issue 13's entry test: a workshop whose people and organisations are on record under other spellings. Each is
found by part of its name or a misspelling, picked from the combobox, and saved with no duplicate made."""

import re

import pytest
from playwright.sync_api import expect

from institutes.models import Organisation
from participants.models import Person
from tests.browser.conftest import sign_in
from workshops.models import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, search_id, typed, expected):
    """Type into a combobox, check its first offer is `expected`, and take it with Enter."""
    search = page.locator(f"#{search_id}")
    search.fill(typed)
    first = page.locator(f"#{search_id}-list [role=option]:not(.workshop-new-record)").first
    expect(first).to_contain_text(expected)
    search.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def test_people_and_organisations_under_other_spellings_are_found_and_not_duplicated(
    page, reference_workshop, coordinator
):
    people, organisations = Person.objects.count(), Organisation.objects.count()
    liu = Person.objects.get(family_name="Liu")
    kouy = Person.objects.get(family_name="Kouy")
    li = Person.objects.get(family_name="Li")
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    ssez = Organisation.objects.get(short_name="SSEZ")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Technical follow-up of the WIT–PCCFPI cooperation")
    page.get_by_label("Start date*").fill("2022-03-10")

    page.locator("#formset-hosts .workshop-add-row").click()
    _pick(page, "id_hosts-0-organisation-search", "SCCFPI", "PCCFPI")  # the report's misspelt acronym
    page.locator("#formset-hosts .workshop-add-row").click()
    _pick(page, "id_hosts-1-organisation-search", "Sihanoukville Special Economic", "SSEZ")  # part of the name
    for row, (typed, expected) in enumerate(
        [("Yutong Lui", "Yutong Liu"), ("Kimroeun Kuoy", "Kimroeun Kouy"), ("李振云", "Zhenyun Li")]
    ):
        page.locator("#formset-attendance .workshop-add-row").click()
        _pick(page, f"id_attendance-{row}-person-search", typed, expected)

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/workshops/\d+/$"))
    workshop = Workshop.objects.get(title="Technical follow-up of the WIT–PCCFPI cooperation")
    assert list(workshop.attendances.order_by("order").values_list("person", flat=True)) == [liu.pk, kouy.pk, li.pk]
    assert sorted(workshop.organisation_links.values_list("organisation", flat=True)) == sorted([pccfpi.pk, ssez.pk])
    assert (Person.objects.count(), Organisation.objects.count()) == (people, organisations)
    assert page.console_errors == []
