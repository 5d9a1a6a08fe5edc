import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_signs_in_and_opens_the_reference_workshop(page, reference_workshop, coordinator):
    sign_in(page, "coordinator")
    assert page.get_by_role("heading", name="Overview").is_visible()
    page.get_by_role("link", name="Workshops", exact=True).click()
    row = page.get_by_role("row").filter(has_text="2022-01-14")
    assert row.get_by_role("cell").last.inner_text() == "8 / 19"
    row.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == reference_workshop.title
    assert page.get_by_text("8 named of 19 reported, from 6 organisations").is_visible()
    assert page.locator("figure.statement").count() == 3
    assert page.console_errors == []


def test_the_navigation_collapses_on_a_narrow_screen(page, reference_workshop, coordinator):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "coordinator")
    assert page.get_by_role("link", name="Agreements").is_hidden()
    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("link", name="Agreements").click()
    page.wait_for_url("**/agreements/")
    assert page.get_by_role("link", name="Multilateral cooperation framework agreement", exact=False).is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
