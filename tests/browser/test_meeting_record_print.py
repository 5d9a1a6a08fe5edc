"""The browser's own print of the workshop page is the meeting record, laid out as the server's PDF."""

import io
import os

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_printing_the_workshop_page_gives_the_meeting_record_on_a4(page, reference_workshop, coordinator):
    sign_in(page, "coordinator")
    page.goto(reference_workshop.get_absolute_url())
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    if os.environ.get("PARTNERSHIP_PRINT_DIR"):  # to look at the pages
        with open(os.path.join(os.environ["PARTNERSHIP_PRINT_DIR"], "browser-print.pdf"), "wb") as handle:
            handle.write(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)
    # The footer comes from the page's own <style>, let in by the CSP's nonce: a refused one is a console error.
    # Chromium writes the margin boxes' text before the page's, so each page is read as its footer and the rest.
    produced = f"Produced on {date_format(timezone.localdate(), 'DATE_FORMAT')}"
    texts = [p.extract_text() for p in reader.pages]
    footers = [[produced in text, f"Page {n} of {len(texts)}" in text] for n, text in enumerate(texts, 1)]
    assert footers == [[True, True]] * len(texts) and len(texts) > 1
    assert page.console_errors == []
    pages = [
        " ".join(text.replace(produced, " ").replace(f"Page {n} of {len(texts)}", " ").split())
        for n, text in enumerate(texts, 1)
    ]
    assert pages[0].startswith("Partnership MEETING RECORD Workshop of Cooperation and Exchange")
    text = " ".join(pages)
    assert text.index("DATE AND TIME") < text.index("and 11 more participants not named") < text.index("Statements")
    for internal in ["Held", "Demo manager", "History", "Sign out", "Approve minutes"]:
        assert internal not in text
