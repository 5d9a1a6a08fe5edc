import os

import pytest

from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, PersonFactory
from workshops.models import ActionItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PARTNERSHIP_SCREENSHOTS", "")


def test_a_partners_person_found_by_the_owner_search_is_kept_with_their_organisation(page, coordinator):
    yutong = PersonFactory(honorific="Mr.", given_name="Yutong", family_name="Liu")
    OrganisationFactory(name="International Labour Organization", short_name="ILO")
    sign_in(page, "coordinator")
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Technical-level follow-up")
    page.get_by_label("Start date*").fill("2022-03-01")
    page.locator("#formset-actions .workshop-add-row").click()
    page.locator("#id_actions-0-title").fill("Draft the framework agreement")
    page.locator("#id_actions-0-owner-search").fill("Yutong")
    page.locator("#id_actions-0-owner-search-list [role=option]:not(.workshop-new-record)").first.click()
    assert page.locator("#id_actions-0-owner option:checked").inner_text() == "Yutong Liu"
    page.locator("#id_actions-0-owner_organisation-search").fill("ILO")
    page.locator("#id_actions-0-owner_organisation-search-list [role=option]:not(.workshop-new-record)").first.click()
    if SHOTS:
        page.locator("#formset-actions").screenshot(path=f"{SHOTS}/owner-entry-1280.png")
        page.set_viewport_size({"width": 360, "height": 800})
        page.locator("#formset-actions").screenshot(path=f"{SHOTS}/owner-entry-360.png")
        page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")
    action = ActionItem.objects.get()
    assert (action.owner, action.owner_organisation.short_name) == (yutong, "ILO")
    assert "Yutong Liu (ILO)" in " ".join(page.locator("main").inner_text().split())
    page.goto(yutong.get_absolute_url())
    assert "Draft the framework agreement" in page.locator("#actions-heading + ul").inner_text()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/owner-person-1280.png", full_page=True)
    assert page.console_errors == []
