"""A manager sets a target on an agreement, logs a workshop between its parties, and sees it counted."""

import pytest
from playwright.sync_api import expect

from results.models import Indicator
from tests.browser.conftest import sign_in
from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory
from workshops.models import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = "/work/shots/results"


def _host(page, row, short):
    page.locator("#formset-hosts .workshop-add-row").click()
    page.locator(f"#id_hosts-{row}-organisation-search").fill(short)
    page.locator(f"#id_hosts-{row}-organisation-search-list [role=option]:not(.workshop-new-record)").first.click()
    expect(page.locator(f"#id_hosts-{row}-organisation option:checked")).to_contain_text(short)


def test_a_manager_sees_a_logged_workshop_count_towards_an_agreements_target(page, manager):
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    pccfpi = OrganisationFactory(
        name="Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", short_name="PCCFPI"
    )
    agreement = AgreementFactory(title="MoU between WIT and PCCFPI", status="active")
    AgreementPartyFactory(agreement=agreement, organisation=wit)
    AgreementPartyFactory(agreement=agreement, organisation=pccfpi)
    sign_in(page, "manager")

    # The indicator and its first target, from the agreement's page.
    page.goto(agreement.get_absolute_url())
    page.get_by_role("link", name="Add an indicator").click()
    page.get_by_label("Name*").fill("Exchange workshops held")
    page.get_by_label("Unit*").fill("workshops")
    page.get_by_label("Computed from the records by").select_option(label="Bilateral workshops held")
    page.get_by_label("First period").fill("2022")
    page.get_by_label("From", exact=True).fill("2022-01-01")
    page.get_by_label("To", exact=True).fill("2022-12-31")
    page.get_by_label("Target", exact=True).fill("2")
    page.get_by_role("button", name="Save").click()
    indicator = Indicator.objects.get()
    page.wait_for_url(f"**/results/indicators/{indicator.pk}/")
    expect(page.locator("tbody tr").first).to_contain_text("0 records counted")

    # A workshop between the two parties, logged as any other.
    page.goto("/workshops/new/")
    page.get_by_label("Title*").fill("Exchange on mechatronics curricula")
    page.get_by_label("Kind*").select_option(label="Bilateral workshop / paired consultation")
    page.get_by_label("Start date*").fill("2022-12-31")
    _host(page, 0, "WIT")
    _host(page, 1, "PCCFPI")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")
    workshop = Workshop.objects.get()

    # The agreement's page shows the target, the achieved value and where it comes from.
    page.goto(agreement.get_absolute_url())
    row = page.locator("#results-heading ~ section tbody tr").first
    expect(row).to_contain_text("2022")
    expect(row).to_contain_text("1 record counted")
    expect(row).to_contain_text("50 %")
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOTS}/agreement-page-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link", name="1 record counted").click()
    page.get_by_role("link", name=workshop.title).click()
    page.wait_for_url(f"**/workshops/{workshop.pk}/")
    assert page.console_errors == []
