"""A name whose order the name rule can only guess ("Shi Lei", "Hong Yang"): the person adding it chooses."""

import pytest
from playwright.sync_api import expect

from participants.models import Person
from tests.browser.conftest import sign_in
from tests.factories import AgreementPartyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_new_person_dialog_offers_both_readings_with_the_guess_pressed(page, coordinator):
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.locator("#formset-attendance .workshop-add-row").click()
    page.locator("#id_attendance-0-person-search").fill("Prof. Shi Lei")
    page.get_by_role("option", name="New person: Prof. Shi Lei").click()
    dialog = page.get_by_role("dialog", name="New person")
    readings = dialog.locator(".name-readings button")
    expect(readings).to_have_text(["Family name: Shi", "Family name: Lei"])
    expect(readings.first).to_have_attribute("aria-pressed", "true")
    expect(dialog.get_by_label("Family name first (Li Zhenyun)")).to_be_checked()

    readings.nth(1).click()
    expect(readings.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(dialog.locator(".name-preview")).to_have_text("Family name: Lei · Given name: Shi · Written: Prof. Shi Lei")
    expect(dialog.get_by_label("Given name first (Zhenyun Li)")).to_be_checked()
    page.set_viewport_size({"width": 360, "height": 800})
    box = dialog.locator(".name-readings").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.console_errors == []


def test_a_name_known_for_sure_shows_no_readings(page, coordinator):
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.locator("#formset-attendance .workshop-add-row").click()
    page.locator("#id_attendance-0-person-search").fill("Mr. Xiang Jinlin")
    page.get_by_role("option", name="New person: Mr. Xiang Jinlin").click()
    dialog = page.get_by_role("dialog", name="New person")
    expect(dialog.get_by_label("Family name", exact=True)).to_have_value("Xiang")
    expect(dialog.locator(".name-readings")).to_be_hidden()


def test_a_signatory_added_in_place_is_asked_which_is_the_family_name(page, manager):
    party = AgreementPartyFactory()
    sign_in(page, "manager")
    page.goto(f"/agreements/{party.agreement.pk}/parties/")
    page.locator("input[id$='-signatory-search']").first.fill("Hong Yang")
    page.get_by_role("option", name="New person: Hong Yang").click()
    page.get_by_role("button", name="Family name Yang, given name Hong").click()
    page.get_by_text("Added “Hong Yang”.").wait_for()
    person = Person.objects.get()
    assert (person.family_name, person.given_name, person.name_order) == ("Yang", "Hong", "given_first")
    assert page.console_errors == []
