"""A partner confirms approved minutes from the link in their e-mail, without signing in; the coordinator sees it; a
new revision asks again; a withdrawn or expired link says so."""

import datetime
import os
import re

import pytest
from django.utils import timezone

from participants.models import Person
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import _axe, _describe, _tools_or_skip, _vnu
from workshops.models import RecordConfirmation

pytestmark = [pytest.mark.browser, pytest.mark.pdf, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("PARTNERSHIP_SCREENSHOTS", "")
LINK = re.compile(r"http://localhost:8000(/workshops/confirm/[^/\s]+/)")


def _approve_and_send(page, workshop, family_name):
    page.goto(workshop.get_absolute_url())
    page.get_by_role("button", name="Approve minutes").click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")
    page.get_by_role("link", name="Send by e-mail").click()
    page.get_by_label(re.compile(family_name)).check()
    page.get_by_label("Message").fill("Please find the minutes attached.")
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url(f"**{workshop.get_absolute_url()}")


def _link_in(message):
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            found = LINK.search(part.get_payload(decode=True).decode())
            if found:
                return found.group(1)
    return None


def test_a_partner_confirms_the_minutes_from_their_link_and_a_new_revision_asks_again(
    browser, live_server, page, smtp, reference_workshop, coordinator, tmp_path
):
    Person.objects.filter(family_name="Bou").update(email="bou@pccfpi.example")
    sign_in(page, "coordinator")
    _approve_and_send(page, reference_workshop, "Bou")
    assert [rcpt for rcpt, _m in smtp.messages] == [["bou@pccfpi.example"]]
    link = _link_in(smtp.messages[0][1])

    # The partner: another browser, never signed in.
    partner = browser.new_context(viewport={"width": 360, "height": 800}, base_url=live_server.url).new_page()
    partner.goto(link)
    assert partner.locator("h1").first.inner_text() == reference_workshop.title
    assert partner.get_by_role("link", name="Sign out").count() == 0
    if SHOTS:
        for language in ["en", "zh-hans", "km"]:
            partner.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
            partner.goto(link)
            partner.screenshot(path=f"{SHOTS}/partner-confirm-360-{language}.png", full_page=True)
        partner.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        partner.goto(link)
    # The partner's page passes axe-core (at 360 and 1280 px, in the three languages) and the Nu HTML Checker.
    _tools_or_skip()
    checker = browser.new_context(base_url=live_server.url, bypass_csp=True).new_page()  # axe is injected
    problems, documents = [], {}
    for language in ["en", "zh-hans", "km"]:
        checker.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        checker.goto(link)
        documents[language] = checker.content()
        for width in (360, 1280):
            problems += _describe(f"{language} {width}px", _axe(checker, width))
    checker.context.close()
    assert problems + _vnu(documents, tmp_path / "vnu") == []
    partner.get_by_label("I confirm").check()
    partner.get_by_role("button", name="Send my answer").click()
    assert partner.locator("#partner-answer").inner_text().startswith("Thank you: you confirmed these minutes.")

    # The coordinator sees who confirmed which revision.
    page.goto(reference_workshop.get_absolute_url())
    rows = page.locator("#confirmations tbody tr")
    assert rows.count() == 1
    assert " ".join(rows.first.inner_text().split()).startswith("Mr. Bou Sophea 1 Confirmed") or "Confirmed" in (
        rows.first.inner_text()
    )

    # A change opens revision 2: the old link says the minutes were revised; approved and sent again, a new link asks.
    reference_workshop.refresh_from_db()
    from workshops.data import WorkshopData
    from workshops.services import workshop_write

    data = WorkshopData.from_workshop(reference_workshop)
    data.summary = reference_workshop.summary + " Corrected."
    workshop_write(data=data, workshop=reference_workshop, user=coordinator)
    partner.goto(link)
    assert "revised since this link was sent" in partner.locator("#link-refusal").inner_text()
    smtp.messages.clear()
    _approve_and_send(page, reference_workshop, "Bou")
    second = _link_in(smtp.messages[0][1])
    partner.goto(second)
    assert "revision 2" in partner.locator("main").inner_text()
    assert partner.locator("#partner-answer").count() == 0

    # Withdrawn by the coordinator: the link says so.
    page.goto(reference_workshop.get_absolute_url())
    page.get_by_role("button", name="Withdraw link").click()
    partner.goto(second)
    assert partner.locator("#link-refusal").inner_text() == "The link was withdrawn by the coordinator."
    # Expired: the link says so.
    RecordConfirmation.objects.filter(sending__revision=1).update(expires_at=timezone.now() - datetime.timedelta(1))
    partner.goto(link)
    assert partner.locator("#link-refusal").inner_text() == "The link has expired."
    if SHOTS:
        partner.screenshot(path=f"{SHOTS}/partner-link-expired-360-en.png", full_page=True)
        page.goto(reference_workshop.get_absolute_url())
        page.locator("#confirmations-heading").screenshot(path=f"{SHOTS}/coordinator-heading.png")
        page.locator("#confirmations").screenshot(path=f"{SHOTS}/coordinator-confirmations-1280.png")
    assert page.console_errors == [] and partner.context.pages[0]
