"""The meeting record's PDF of every workshop an anonymised person attended and spoke at names them nowhere."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from privacy.services import person_anonymise
from tests.privacy.conftest import EMAIL, PHONE, TRACES
from workshops.models import Workshop

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def _text(response):
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _found(text):
    # Compared without spaces: the text extracted from a PDF breaks Khmer words ("សាម៉ា ត").
    squeezed = "".join(text.split()).casefold()
    return [trace for trace in TRACES if "".join(trace.split()).casefold() in squeezed]


def test_no_meeting_record_pdf_of_his_workshops_names_the_anonymised_person(coordinator_client, samath):
    recent = Workshop.objects.get(title="Follow-up call")
    # His name in his own script, too, where a PDF would show it.
    recent.minutes += " ប៊ូ សាម៉ាត agreed."
    recent.save()
    workshops = list(Workshop.objects.filter(attendances__person=samath).order_by("start_date"))
    urls = [reverse("workshops:pdf", args=[workshop.pk]) for workshop in workshops]
    assert workshops[1:] == [recent]
    before = [_found(_text(coordinator_client.get(url))) for url in urls]
    assert before == [["Samath"], TRACES]

    person_anonymise(person=samath, user=None, reason="their request")
    texts = [_text(coordinator_client.get(url)) for url in urls]
    assert [_found(text) for text in texts] == [[], []]
    assert ["Participant (PCCFPI)" in text for text in texts] == [True, True]
    assert [name in text for text in texts for name in ("Bou", EMAIL.split("@")[0], PHONE[-7:])] == [False] * 6
