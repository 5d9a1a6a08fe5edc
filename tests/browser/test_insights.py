import pytest

from overview.insights import refresh
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def drawn_charts(page):
    return page.evaluate(
        "() => ['chart-quarters', 'chart-funnel', 'chart-countries', 'chart-kinds']"
        ".map(id => { const c = Chart.getChart(id); return [id, c ? c.data.datasets[0].data.length : -1]; })"
    )


def test_insights_draws_the_charts_and_the_network_on_the_demo_data(page, reference_workshop, manager):
    refresh()
    sign_in(page, "manager")
    page.goto("/insights/")
    page.wait_for_selector("#network[data-nodes]")
    assert drawn_charts(page) == [
        ["chart-quarters", 1],
        ["chart-funnel", 9],
        ["chart-countries", 3],
        ["chart-kinds", 4],
    ]
    network = page.locator("#network")
    # Six organisations met at the workshop (15 pairs); four are parties to the agreement (6 pairs).
    assert (network.get_attribute("data-nodes"), network.get_attribute("data-edges")) == ("6", "21")
    assert page.locator("#network canvas").count() >= 1
    page.screenshot(path="/tmp/insights-1280.png", full_page=True)
    assert page.console_errors == []


def test_insights_fit_a_phone_screen(page, reference_workshop, manager):
    refresh()
    sign_in(page, "manager")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/insights/")
    page.wait_for_selector("#network[data-nodes]")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/insights-360.png", full_page=True)
    assert page.console_errors == []
