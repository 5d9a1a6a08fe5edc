"""The agreement page at a phone's width."""

import pytest

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person
from tests.browser.conftest import sign_in
from workshops.models import ActionItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/work/wt/shots"


def test_at_360_px_every_follow_up_action_and_party_shows_all_its_cells_on_screen(page, reference_workshop, manager):
    agreement = Agreement.objects.get()
    agreement.action_items.update(
        owner=Person.objects.get(given_name="Kimroeun"),
        owner_organisation=Organisation.objects.get(short_name="PCCFPI"),
        status=ActionItem.Status.IN_PROGRESS,
        due_date="2026-12-31",
    )
    statuses = [action.get_status_display() for action in agreement.action_items.all()]
    sign_in(page, "manager")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"/agreements/{agreement.pk}/")
    page.locator("#agreement-actions-heading").scroll_into_view_if_needed()
    page.screenshot(path=f"{SHOTS}/lows-agreement-360.png", full_page=True)
    cells = page.locator("#agreement-actions-heading + div table tbody td:nth-child(4)")
    shown = [
        (cells.nth(i).inner_text(), cells.nth(i).bounding_box()["x"] + cells.nth(i).bounding_box()["width"] <= 360)
        for i in range(cells.count())
    ]
    assert shown == [(status, True) for status in statuses] == [("In progress", True)]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    signed_on = page.locator("#parties-heading + div table tbody td:nth-child(4)")
    assert [
        signed_on.nth(i).bounding_box()["x"] + signed_on.nth(i).bounding_box()["width"] <= 360
        for i in range(signed_on.count())
    ] == [True] * 4
