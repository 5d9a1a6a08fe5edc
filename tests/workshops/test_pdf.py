"""The meeting record as an A4 PDF, made without a browser (WeasyPrint)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


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
