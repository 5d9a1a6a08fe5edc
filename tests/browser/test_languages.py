import pytest
from django.utils import translation

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("code, name", [("zh-hans", "简体中文"), ("km", "ខ្មែរ")])
def test_switching_language_translates_the_pages_and_remembers_it(page, reference_workshop, coordinator, code, name):
    sign_in(page, "coordinator")
    page.get_by_label("Language").select_option(code)
    page.get_by_role("button", name="Switch").click()
    page.wait_for_load_state()
    with translation.override(code):
        workshops = translation.gettext("Workshops")
        overview = translation.gettext("Overview")
    assert workshops != "Workshops"
    assert page.locator("html").get_attribute("lang") == code
    assert page.get_by_role("heading", level=1).inner_text() == overview
    page.get_by_role("link", name=workshops, exact=True).click()
    page.wait_for_url("**/workshops/")
    assert page.get_by_role("heading", level=1).inner_text() == workshops
    assert page.console_errors == []
