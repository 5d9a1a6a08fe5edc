"""The "Log from a report" page: paste or upload, review, accept into the entry page's draft."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bench import hostile_reports
from demo import reference
from participants.models import Person
from reports.drafts import build_draft
from reports.reader import read_report
from tests.factories import UserFactory
from workshops.data import WorkshopData

REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "wit-pccfpi-workshop-2022-01-14.txt"
URL = "/reports/"


@pytest.fixture
def text():
    return REPORT.read_text(encoding="utf-8")


def test_the_url_and_the_button_on_the_workshops_page(coordinator_client):
    assert reverse("reports:from-report") == URL
    page = coordinator_client.get(reverse("workshops:list")).content.decode()
    assert f'href="{URL}">Log from a report</a>' in page


def test_the_old_address_is_sent_on_with_its_query(coordinator_client):
    response = coordinator_client.get("/workshops/from-report/?draft=abc&x=1")
    assert (response.status_code, response["Location"]) == (301, "/reports/?draft=abc&x=1")


def test_who_may_open_it(client, db):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_nothing_given_is_refused_next_to_the_field(coordinator_client):
    response = coordinator_client.post(URL, {"step": "read", "text": "  "})
    assert response.status_code == 200
    assert "Paste the report’s text or upload its file." in response.content.decode() or (
        "Paste the report&#x27;s text or upload its file." in response.content.decode()
    )


def test_a_file_of_another_kind_is_refused_and_the_text_typed_stays(coordinator_client):
    upload = SimpleUploadedFile("report.exe", b"MZ\x00\x00", content_type="application/octet-stream")
    response = coordinator_client.post(URL, {"step": "read", "text": "Typed words stay.", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Upload a .txt, .docx, .pdf, .html or .eml file." in page
    assert "Typed words stay." in page


def test_a_damaged_docx_is_refused(coordinator_client):
    upload = SimpleUploadedFile("report.docx", b"not a zip", content_type="application/octet-stream")
    page = coordinator_client.post(URL, {"step": "read", "file": upload}).content.decode()
    assert "The file could not be read: is it really a .docx file?" in page


def test_review_shows_each_fact_beside_its_sentence_and_each_match(coordinator_client, reference_programmes, text):
    response = coordinator_client.post(URL, {"step": "read", "text": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>January 14th, 2022</mark>, under the coordination of the ILO-China Partnership Project" in page
    assert "<mark>A total of 19 representatives</mark> from WIT" in page
    assert page.count('class="border-top py-2 report-entity"') == 14  # 6 organisations, 8 people
    # SCCFPI is shown as PCCFPI's other name, inside PCCFPI's row.
    assert '<span class="written">SCCFPI</span> (other name)' in page
    assert '<span class="written">SSES</span> (other name)' in page
    assert page.count('data-status="new"') == 8  # nobody is on record yet
    assert "8 people named · 19 reported" in page


def test_a_browsers_line_breaks_do_not_move_the_marks(coordinator_client, reference_organisations, text):
    page = coordinator_client.post(URL, {"step": "read", "text": text.replace("\n", "\r\n")}).content.decode()
    assert "<mark>January 14th, 2022</mark>, under the coordination of the ILO-China Partnership Project" in page


def test_accept_keeps_the_entry_pages_data_in_the_session(coordinator_client, reference_programmes, text):
    page = coordinator_client.post(URL, {"step": "read", "text": text}).content.decode()
    payload = page.split('name="payload" value="', 1)[1].split('"', 1)[0]
    proposal = read_report(text)
    choices = {f"choice-{o['key']}": str(o["match"]["record_id"]) for o in proposal["organisations"]}
    choices |= {f"choice-{p['key']}": "new" for p in proposal["people"]}
    response = coordinator_client.post(URL, {"step": "accept", "payload": payload, **choices})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/workshops/new/?draft=")
    token = location.split("=", 1)[1]
    draft = WorkshopData.from_json(coordinator_client.session["workshop_drafts"][token]["data"])
    assert draft == build_draft(proposal, source_text=text, source_name="")
    assert draft.title == reference.WORKSHOP_TITLE
    assert len(draft.attendance) == 8
    assert draft.source_report == text


def test_a_choice_must_be_made(coordinator_client, reference_organisations, text):
    for _twice in range(2):
        Person.objects.create(given_name="Jianbin", family_name="Chen", name_order=Person.NameOrder.GIVEN_FIRST)
    page = coordinator_client.post(URL, {"step": "read", "text": text}).content.decode()
    assert page.count('data-status="choice"') == 1
    payload = page.split('name="payload" value="', 1)[1].split('"', 1)[0]
    response = coordinator_client.post(URL, {"step": "accept", "payload": payload})
    assert response.status_code == 200
    assert "Choose which record this is, a new one, or leave it out." in response.content.decode()
    chen = read_report(text)["people"][3]
    assert (chen["given_name"], chen["match"]["status"], len(chen["match"]["candidates"])) == ("Jianbin", "choice", 2)
    chosen = str(chen["match"]["candidates"][1]["id"])
    response = coordinator_client.post(URL, {"step": "accept", "payload": payload, f"choice-{chen['key']}": chosen})
    assert response.status_code == 302
    stored = coordinator_client.session["workshop_drafts"][response["Location"].split("=", 1)[1]]
    assert WorkshopData.from_json(stored["data"]).attendance[3].person == chosen


def test_a_changed_payload_is_refused(coordinator_client, db):
    response = coordinator_client.post(URL, {"step": "accept", "payload": "forged"})
    assert response.status_code == 200
    assert "The report could not be read back. Paste or upload it again." in response.content.decode()


def _docx(text):
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _html(text):
    from django.utils.html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return f"<html><head><title>r</title><style>p{{}}</style></head><body>{body}</body></html>".encode()


def _eml(text):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "secretariat@wit.example.org"
    message["Subject"] = "Report of the exchange meeting"
    message.set_content(text)
    return message.as_bytes()


@pytest.mark.parametrize(
    "name,make", [("report.docx", _docx), ("report.html", _html), ("report.txt", str.encode), ("report.eml", _eml)]
)
def test_an_uploaded_file_reads_as_the_pasted_text(coordinator_client, reference_organisations, text, name, make):
    upload = SimpleUploadedFile(name, make(text), content_type="application/octet-stream")
    page = coordinator_client.post(URL, {"step": "read", "file": upload}).content.decode()
    assert f"{name} · 8 people named · 19 reported" in page
    assert page.count('class="border-top py-2 report-entity"') == 14


def test_draft_shape(reference_programmes, text):
    """The draft is the WorkshopData every door writes: the workshop's fields, each list of rows, the new records
    referred to as "new:<key>", and the report."""
    programme, initiative = reference_programmes
    draft = build_draft(read_report(text), source_text=text, source_name="report.txt")
    from institutes.models import Organisation

    ids = {o.short_name: str(o.pk) for o in Organisation.objects.all()}
    assert (
        draft.title,
        draft.other_title,
        draft.kind,
        draft.format,
        draft.status,
        draft.start_date,
        draft.date_precision,
        draft.timezone,
        draft.programme,
        draft.initiative,
        draft.reported_attendance,
        draft.source_report_name,
    ) == (
        reference.WORKSHOP_TITLE,
        reference.WORKSHOP_HEADLINE,
        "bilateral",
        "online",
        "held",
        datetime.date(2022, 1, 14),
        "day",
        "Asia/Shanghai",
        programme.pk,
        initiative.pk,
        19,
        "report.txt",
    )
    assert draft.new_topics == [
        "Themetic topics of TVET development",
        "Bilateral skills development cooperation",
        "Digitalization of WIT in their training courses",
        "Plan of school-to-school exchange",
        "Skills development in SSEZ",
        "Exchange of vocational training curriculum",
        "Exchange programmes for trainers and trainees",
    ]
    assert draft.summary == reference.WORKSHOP_SUMMARY
    assert draft.source_report == text
    assert [(h.organisation, h.role) for h in draft.hosts] == [
        (ids["WIT"], "host"),
        (ids["PCCFPI"], "host"),
        (ids["ILO"], "coordinator"),
        (ids["SSEZ"], "participant"),
        (ids["MOHRSS"], "participant"),
    ]
    assert [(r.key, r.given_name, r.family_name, r.organisation, r.title) for r in draft.new_people] == [
        ("n1", "Samath", "Bou", ids["PCCFPI"], "Principal"),
        ("n2", "Ting", "Shen", ids["Wuxi HRSS Bureau"], "Deputy Director"),
        ("n3", "Zhenyun", "Li", ids["WIT"], "Principal"),
        ("n4", "Jianbin", "Chen", ids["WIT"], "Vice-Principal"),
        ("n5", "Jiangang", "Chen", ids["SSEZ"], "Chairman"),
        ("n6", "Jianjiang", "Cao", ids["SSEZ"], "General Manager"),
        ("n7", "Yutong", "Liu", ids["ILO"], "Project Manager"),
        ("n8", "Kimroeun", "Kouy", ids["ILO"], "National Project Coordinator, Cambodia"),
    ]
    assert {(r.honorific, r.name_order, r.name_local, r.email) for r in draft.new_people} == {
        ("Mr.", "given_first", "", "")
    }
    assert [a.person for a in draft.attendance] == [f"new:n{i}" for i in range(1, 9)]
    assert [a.organisation for a in draft.attendance] == [r.organisation for r in draft.new_people]
    assert [(s.speaker, s.is_verbatim) for s in draft.statements] == [
        ("new:n2", True),
        ("new:n1", True),
        ("new:n6", True),
    ]
    assert [s.text for s in draft.statements] == [t for _s, t in reference.STATEMENTS]
    assert [o.kind for o in draft.outcomes] == ["consensus", "decision"]
    assert [(a.title, a.owner, a.status) for a in draft.actions] == [
        ("Discuss in more details of the cooperation at technical level", "", "open"),
        ("Draft the multilateral cooperation framework agreement", "", "open"),
    ]
    assert WorkshopData.from_json(draft.to_json()) == draft


def test_draft_new_organisation_is_referred_to_by_its_key(db):
    draft = build_draft(
        read_report(
            "Workshop report\n\nThe Rector of Hanoi Vocational College of Technology (HVCT) Mr. Van Minh Nguyen "
            "attended the meeting with 12 delegates on 3 March 2023."
        )
    )
    assert [r.key for r in draft.new_organisations] == ["n1"]
    assert [r.key for r in draft.new_people] == ["n2"]
    organisation = draft.new_organisations[0]
    assert (organisation.name, organisation.short_name, organisation.kind) == (
        "Hanoi Vocational College of Technology",
        "HVCT",
        "tvet",
    )
    assert draft.new_people[0].organisation == "new:n1"
    assert draft.attendance[0].organisation == "new:n1"
    assert draft.attendance[0].person == "new:n2"


def test_a_paste_past_both_caps_is_read_up_to_them_and_the_review_page_says_so(coordinator_client, db):
    # 200,000 characters naming a new person in every sentence: read up to the 100,000th character, then up to the
    # sentence naming the 501st person.
    pasted = hostile_reports.paste_long()
    response = coordinator_client.post(URL, {"step": "read", "text": pasted})
    page = response.content.decode()
    assert response.status_code == 200
    notes = [
        note.split("</div>", 1)[0] for note in page.split('class="alert alert-warning report-cut" role="status">')[1:]
    ]
    assert notes == [
        "This report is longer than 100,000 characters (it has 200,000): only its first 100,000 were read. Read the "
        "rest as another report.",
        "This report names 1,564 people: only the part naming the first 500 was read. Read the rest as another report.",
    ]
    assert '<p class="text-body-secondary">500 people named</p>' in page
    # No maxlength: a browser would cut a long paste short without a word.
    assert '<textarea name="text"' not in page


def test_a_long_paste_keeps_no_maxlength_in_the_page(coordinator_client):
    page = coordinator_client.get(URL).content.decode()
    assert '<textarea name="text" cols="40" rows="12" class="textarea form-control" id="id_text">' in page


def test_accept_reuses_the_proposal_the_review_page_was_given(coordinator_client, reference_programmes, text):
    from reports import reader

    page = coordinator_client.post(URL, {"step": "read", "text": text}).content.decode()
    payload = page.split('name="payload" value="', 1)[1].split('"', 1)[0]
    proposal = read_report(text)
    readings = reader.calls
    choices = {f"choice-{o['key']}": str(o["match"]["record_id"]) for o in proposal["organisations"]}
    response = coordinator_client.post(URL, {"step": "accept", "payload": payload, **choices})
    assert (response.status_code, reader.calls - readings) == (302, 0)


def test_a_proposal_changed_in_the_page_is_refused(coordinator_client, reference_programmes, text):
    from django.core import signing

    page = coordinator_client.post(URL, {"step": "read", "text": text}).content.decode()
    payload = page.split('name="payload" value="', 1)[1].split('"', 1)[0]
    data = signing.loads(payload, salt="reports.from-report")
    data["proposal"]["title"]["value"] = "Another title"
    forged = signing.dumps(data, salt="reports.from-report", key="not the server's key", compress=True)
    response = coordinator_client.post(URL, {"step": "accept", "payload": forged})
    assert "The report could not be read back. Paste or upload it again." in response.content.decode()
    assert "workshop_drafts" not in coordinator_client.session


def test_a_docx_bomb_is_refused_next_to_the_field(coordinator_client):
    upload = SimpleUploadedFile("report.docx", hostile_reports.docx_bomb(), content_type="application/octet-stream")
    page = coordinator_client.post(URL, {"step": "read", "file": upload}).content.decode()
    assert (
        "The file unpacks to far more than a report holds: save it again from the program that made it, or paste "
        "its text." in page
    )
