"""A person who may not be named in shared records reads "Participant (PCCFPI)" in what leaves the app — the meeting
record (print, PDF, the PDF mailed), the attendance export for partners — while the app's pages still name them.
IATI files name no person at all."""

import io

import pytest
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from agreements.iati import programme_xml
from institutes.models import Organisation
from participants.models import Person
from tests.exports import csv_rows
from tests.factories import ActionItemFactory, PersonFactory, StatementFactory
from workshops.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def unnamed(reference_workshop):
    """Samath Bou, principal of PCCFPI, who may not be named outside the app."""
    Person.objects.filter(given_name="Samath").update(may_be_named=False)
    return Person.objects.get(given_name="Samath")


def _record(html):
    """The meeting record of a workshop's page: what print and the PDF show."""
    return html.split('<article class="meeting-record', 1)[1].split("</article>", 1)[0]


def test_a_shared_name_is_the_formal_name_or_participant_of_the_organisation(db):
    organisation = Organisation(name="Preah Sihanouk Polytechnic", short_name="PCCFPI")
    named = PersonFactory(honorific="Mr.", given_name="Samath", family_name="Bou")
    hidden = PersonFactory(honorific="Mr.", given_name="Dara", family_name="Sok", may_be_named=False)
    no_acronym = Organisation(name="Kampot Provincial Training Centre")
    assert [
        named.shared_name(organisation),
        hidden.shared_name(organisation),
        hidden.shared_name(no_acronym),
        hidden.shared_name(),
    ] == [
        "Mr. Samath Bou",
        "Participant (PCCFPI)",
        "Participant (Kampot Provincial Training Centre)",
        "Participant",
    ]


def test_the_meeting_record_says_participant_while_the_page_names_him(coordinator_client, reference_workshop, unnamed):
    html = coordinator_client.get(reference_workshop.get_absolute_url()).content.decode()
    record = _record(html)
    # Without his title either ("Principal"), which would name him as surely.
    assert '<li><span class="record-name">Participant (PCCFPI)</span> (speaker)</li>' in record
    assert "Samath" not in record
    assert "The Principal of PCCFPI Participant (PCCFPI), the deputy director" in record
    assert "Samath Bou" in html.replace(record, "")


def test_a_speaker_and_an_action_owner_who_may_not_be_named_read_participant(
    coordinator_client, reference_workshop, unnamed
):
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    StatementFactory(workshop=reference_workshop, speaker=unnamed, text="We welcome the cooperation.", order=99)
    ActionItemFactory(
        workshop=reference_workshop, title="Send the curriculum", owner=unnamed, owner_organisation=pccfpi
    )
    record = _record(coordinator_client.get(reference_workshop.get_absolute_url()).content.decode())
    assert '<p class="record-speaker">Participant (PCCFPI)</p>\n    <p class="prewrap">We welcome' in record
    assert "<td>Send the curriculum</td>\n        <td>Participant (PCCFPI)</td>" in record
    assert "Samath" not in record


@pytest.mark.pdf
def test_the_pdf_says_participant_and_never_the_name(coordinator_client, reference_workshop, unnamed):
    response = coordinator_client.get(reverse("workshops:pdf", args=[reference_workshop.pk]))
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert (
        "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI) · Cambodia Participant (PCCFPI)"
        in (text)
    )
    assert ("Samath" in text, "Bou" in text) == (False, False)


def test_the_attendance_export_for_partners_says_participant_without_name_or_title(
    coordinator_client, reference_workshop, unnamed
):
    url = reverse("workshops:attendance-export", args=[reference_workshop.pk, "csv"])
    rows = csv_rows(coordinator_client.get(url))
    pccfpi = [row[:5] for row in rows if row[0].startswith("Participant")]
    assert pccfpi == [
        [
            "Participant (PCCFPI)",
            "",
            "",
            "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
            "Cambodia",
        ]
    ]


def test_iati_files_name_no_person(reference_workshop):
    programme = Programme.objects.get(name="ILO–China Partnership Programme")
    root = etree.fromstring(programme_xml(programme, base_url="https://partnership.example/"))
    text = " ".join(root.itertext())
    names = [p.full_name for p in Person.objects.all()] + [
        p.family_name for p in Person.objects.exclude(family_name="")
    ]
    assert [name for name in names if name in text] == []


def test_free_text_names_a_hidden_person_by_no_name_of_theirs(db):
    from participants.models import SharedNames

    organisation = Organisation(name="Wuxi Institute of Technician", short_name="WIT")
    li = PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li", name_local="李振云", may_be_named=False)
    li.aliases.create(name="Li Zhen-yun")
    chen = PersonFactory(honorific="Mr.", given_name="Jianbin", family_name="Chen")
    names = SharedNames.of([(li, organisation), (chen, organisation)])
    assert names(
        "Mr. Zhenyun Li (李振云) opened; Li Zhen-yun and Jianbin Chen spoke; Mr. Li thanked Mr. Chen. Lira stays."
    ) == (
        "Participant (WIT) (Participant (WIT)) opened; Participant (WIT) and Jianbin Chen spoke; Participant (WIT) "
        "thanked Mr. Chen. Lira stays."
    )
