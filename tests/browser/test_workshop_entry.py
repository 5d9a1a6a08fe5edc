import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, PersonFactory
from workshops.models import Statement, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_form_with_errors_keeps_everything_typed_and_saves_nothing(page, coordinator):
    OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    PersonFactory(honorific="Mr.", given_name="Samath", family_name="Bou")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Exchange between WIT and PCCFPI")
    page.get_by_label("Start date*").fill("2022-01-14")
    page.get_by_label("Reported attendance").fill("-3")
    page.get_by_label("New topics").fill("School-to-school exchange")

    # Rows added with the keyboard only: focus the button, press Enter, type into the focused field.
    page.locator("#formset-statements .workshop-add-row").focus()
    page.keyboard.press("Enter")
    page.locator("#id_statements-0-speaker-search").fill("Samath")
    page.locator("#id_statements-0-speaker-search-list [role=option]:not(.workshop-new-record)").click()
    page.locator("#id_statements-0-text").fill("We have good basics for skills development cooperation.")
    page.locator("#formset-attendance .workshop-add-row").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_attendance-0-person-search"
    page.locator("#id_attendance-0-title").fill("Principal")
    page.get_by_role("button", name="Save").click()

    # The summary at the top has the focus and links to each field; the messages are next to their fields too.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert summary.get_by_role("link").all_inner_texts() == [
        "Reported attendance cannot be negative.",  # the workshop's own rule: above its fields
        "Who attended, row 1: Person — This field is required.",
    ]
    summary.get_by_role("link").nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_attendance-0-person-search"
    assert page.locator("#workshop-entry .invalid-feedback, #workshop-entry .alert-danger").all_inner_texts() == [
        "Reported attendance cannot be negative.",
        "This field is required.",
    ]
    assert page.get_by_label("Title*").input_value() == "Exchange between WIT and PCCFPI"
    assert page.get_by_label("Reported attendance").input_value() == "-3"
    assert page.get_by_label("New topics").input_value() == "School-to-school exchange"
    assert page.locator("#id_statements-0-text").input_value() == (
        "We have good basics for skills development cooperation."
    )
    assert page.locator("#id_statements-0-speaker option:checked").inner_text() == "Samath Bou"
    assert page.locator("#id_attendance-0-title").input_value() == "Principal"
    assert (Workshop.objects.count(), Statement.objects.count()) == (0, 0)
    assert page.console_errors == []


def test_the_person_type_ahead_finds_a_person_by_chinese_characters_and_saves_the_row(page, coordinator):
    PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li", name_local="李振云")
    PersonFactory(honorific="Mr.", given_name="Jianbin", family_name="Chen")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Digitalisation of training courses")
    page.get_by_label("Start date*").fill("2022-01-14")
    page.locator("#formset-attendance .workshop-add-row").click()
    page.locator("#id_attendance-0-person-search").fill("李振云")
    page.locator("#id_attendance-0-person-search-list [role=option]:not(.workshop-new-record)").click()
    assert page.locator("#id_attendance-0-person option:checked").inner_text() == "Zhenyun Li"
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")
    workshop = Workshop.objects.get()
    assert list(workshop.attendances.values_list("person__name_local", flat=True)) == ["李振云"]
    assert page.console_errors == []
