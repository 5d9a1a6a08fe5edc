import pytest

from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, WorkshopOrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_host_is_found_by_typing_and_filters_the_list(page, coordinator, monkeypatch):
    monkeypatch.setattr("common.filters.MAX_OPTIONS", 2)
    link = WorkshopOrganisationFactory(
        organisation__name="Wuxi Institute of Technician", organisation__short_name="WIT", workshop__title="Met WIT"
    )
    OrganisationFactory(name="Beta College")
    OrganisationFactory(name="Gamma Bureau")
    sign_in(page, "coordinator")
    page.goto("/workshops/")
    assert page.locator("#id_host option").all_inner_texts() == ["---------"]  # none listed: too many

    page.get_by_label("Find an organisation by name, short name or other name").fill("Wuxi")
    page.wait_for_selector(f"#id_host option[value='{link.organisation.pk}']", state="attached")
    assert page.locator("#id_host").input_value() == str(link.organisation.pk)
    page.screenshot(path="/tmp/filter-typeahead-1280.png", full_page=True)
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(f"**host={link.organisation.pk}**")

    assert page.locator("table tbody tr").all_inner_texts()[0].count("Met WIT") == 1
    page.set_viewport_size({"width": 360, "height": 800})
    page.get_by_role("button", name="Filters").click()
    page.screenshot(path="/tmp/filter-typeahead-360.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []
