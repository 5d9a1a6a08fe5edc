"""The meeting record's PDF of a workshop an anonymised person attended and spoke at names them nowhere."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from participants.models import Person
from privacy.services import person_anonymise

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def _text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_meeting_record_pdf_names_the_anonymised_person_nowhere(coordinator_client, reference_workshop):
    samath = Person.objects.get(given_name="Samath")
    url = reverse("workshops:pdf", args=[reference_workshop.pk])
    assert "Samath" in _text(coordinator_client.get(url))
    person_anonymise(person=samath, user=None, reason="their request")
    text = _text(coordinator_client.get(url))
    assert ("Samath" in text, "Participant (PCCFPI)" in text) == (False, True)
