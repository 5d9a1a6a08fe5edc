"""A memorandum of understanding signed in 2022, recorded today from the decision of the workshop it came from:
the dates on its timeline are the days things happened, not the day they were typed in."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.browser.conftest import sign_in
from workshops.models import Outcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DECISION = "WIT and PCCFPI will sign a memorandum of understanding on the exchange of trainers."
TITLE = "Memorandum of understanding between WIT and PCCFPI"
SCREENSHOTS = "/tmp/i14-agreements"


def test_a_memorandum_signed_in_2022_is_recorded_from_its_workshops_decision(page, reference_workshop, manager):
    Outcome.objects.create(workshop=reference_workshop, order=3, kind=Outcome.Kind.DECISION, text=DECISION)
    sign_in(page, "manager")
    page.goto(reference_workshop.get_absolute_url())
    page.get_by_role("link", name="Start an agreement").nth(1).click()

    # What the decision proposes: its kind and the hosts it names; the other organisations offered, unticked.
    assert page.get_by_label("Title").input_value() == TITLE
    assert page.locator("#id_scope").input_value() == "bilateral"
    assert page.get_by_label("Scope note").input_value() == DECISION
    rows = page.locator("#from-decision tbody tr")
    ticked = [
        (rows.nth(i).locator("label").inner_text(), rows.nth(i).locator("input").is_checked())
        for i in range(rows.count())
    ]
    assert ticked[:2] == [
        ("Wuxi Institute of Technician (WIT)", True),
        ("Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI)", True),
    ]
    assert {checked for _name, checked in ticked[2:]} == {False}
    page.get_by_label("International Labour Organization (ILO)").check()
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOTS}/from-decision-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Start the agreement").click()
    agreement = Agreement.objects.get(title=TITLE)
    page.wait_for_url(f"**/agreements/{agreement.pk}/")

    # Drafting began a week after the workshop.
    page.get_by_role("link", name="Start drafting").click()
    page.get_by_label("Date it happened").fill("2022-01-21")
    page.get_by_role("button", name="Start drafting").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")

    # Signing before the signatures are known is refused, with a link to where they are entered.
    page.get_by_role("link", name="Mark as signed").click()
    page.get_by_role("button", name="Mark as signed").click()
    assert page.get_by_role("alert").inner_text().startswith("Record the signatory and signing date of: WIT, PCCFPI.")
    page.get_by_role("link", name="Enter them on the parties page").click()
    # The link's page may still be loading after the click: wait for the marks rather than count once.
    expect(page.locator(".is-invalid")).to_have_count(4)

    wit, pccfpi = agreement.parties.filter(role="party").order_by("id")
    prefix = {
        party: page.locator(f'input[name$="-id"][value="{party.pk}"]').get_attribute("name").removesuffix("-id")
        for party in (wit, pccfpi)
    }
    # WIT's own people come first; its principal signed.
    wit_select = page.locator(f'select[name="{prefix[wit]}-signatory"]')
    assert wit_select.locator("optgroup").first.get_attribute("label") == "People at WIT"
    wit_select.select_option(label="Zhenyun Li")
    page.locator(f'input[name="{prefix[wit]}-signed_on"]').fill("2022-03-08")
    # PCCFPI's signatory is not on record yet: created in place.
    search = page.locator(f"#id_{prefix[pccfpi]}-signatory-search")
    search.fill("Sokha Chan")
    page.get_by_role("option", name="New person: Sokha Chan").click()
    page.get_by_text("Added “Sokha Chan”.").wait_for()
    page.locator(f'input[name="{prefix[pccfpi]}-signatory_title"]').fill("Deputy Director")
    page.locator(f'input[name="{prefix[pccfpi]}-signed_on"]').fill("2022-03-10")
    page.get_by_role("button", name="Save parties").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")

    # Signed the day the last party signed, as offered.
    page.get_by_role("link", name="Mark as signed").click()
    assert page.get_by_label("Date it happened").input_value() == "2022-03-10"
    page.get_by_role("button", name="Mark as signed").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")

    agreement.refresh_from_db()
    assert (agreement.status, str(agreement.signed_on), str(agreement.status_since)) == (
        "signed",
        "2022-03-10",
        "2022-03-10",
    )
    assert agreement.parties.get(pk=pccfpi.pk).signatory.full_name == "Sokha Chan"
    today = timezone.localdate().isoformat()
    timeline = [re.sub(r"\s+", " ", item) for item in page.locator("#timeline-heading + ol li").all_inner_texts()]
    assert timeline == [
        f"2022-01-14: Proposed — Started from a decision of the workshop of 2022-01-14. (recorded {today} by manager)",
        f"2022-01-21: Proposed → Drafting (recorded {today} by manager)",
        f"2022-03-10: Drafting → Signed (recorded {today} by manager)",
    ]
    actions = page.locator("#agreement-actions-heading + div tbody tr td:first-child").all_inner_texts()
    assert actions == [
        "Hold technical-level discussions on the details of the cooperation · 2022-01-14",
        "Plan the exchange of vocational training curricula and of trainers and trainees · 2022-01-14",
    ]
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOTS}/agreement-{width}.png", full_page=True)
    # The refused signing answered 409, which the browser reports; nothing else went wrong.
    assert [error for error in page.console_errors if "409 (Conflict)" not in error] == []
