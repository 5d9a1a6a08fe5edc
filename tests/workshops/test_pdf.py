"""The meeting record as an A4 PDF, made without a browser (WeasyPrint)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def test_the_record_downloads_as_an_a4_pdf_that_reads_like_the_report(coordinator_client, reference_workshop):
    response = coordinator_client.get(reverse("workshops:pdf", args=[reference_workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="workshop-2022-01-14-{reference_workshop.pk}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (round(float(v) * 25.4 / 72) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)  # A4, in millimetres
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "and 11 more participants not named" in text
    assert "Wuxi and Sihanouk are sister cities." in text
    assert "Sign out" not in text  # the navigation is not printed


def test_a_pdf_that_takes_too_long_is_stopped_with_a_message(coordinator_client, reference_workshop, settings):
    settings.PDF_TIMEOUT = 0.01
    response = coordinator_client.get(reverse("workshops:pdf", args=[reference_workshop.pk]), follow=True)
    assert response.redirect_chain == [(reference_workshop.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The PDF of this record took too long to make: use your browser's Print instead."
    ]


def test_a_record_with_the_longest_minutes_allowed_makes_a_pdf(coordinator_client, reference_workshop):
    from common.validators import MINUTES_LENGTH

    paragraph = "The institutes agree to exchange teachers and curricula for welding and mechatronics. " * 10
    reference_workshop.minutes = ("\n\n".join([paragraph] * 200))[:MINUTES_LENGTH]
    reference_workshop.save()
    response = coordinator_client.get(reverse("workshops:pdf", args=[reference_workshop.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert "exchange teachers and curricula" in reader.pages[-1].extract_text()
