"""The text of a report file, whatever its kind."""

from pathlib import Path

import pytest

from bench import hostile_reports
from reports import limits
from reports.files import ReportFileError, report_text
from reports.reader import read_report

REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "wit-pccfpi-workshop-2022-01-14.txt"


@pytest.mark.pdf
def test_a_pdf_reads_as_its_paragraphs(reference_organisations):
    """A PDF made from the report (WeasyPrint, as the meeting record's PDF is made) reads back into the same people,
    quotes and count."""
    pytest.importorskip("weasyprint")
    from django.utils.html import escape

    from common.pdf import render_pdf

    text = REPORT.read_text(encoding="utf-8")
    html = "<html><body>" + "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip()) + "</body></html>"
    read = report_text("report.pdf", render_pdf(html, base_url="/"))
    proposal = read_report(read)
    assert [(p["given_name"], p["family_name"]) for p in proposal["people"]] == [
        ("Samath", "Bou"),
        ("Ting", "Shen"),
        ("Zhenyun", "Li"),
        ("Jianbin", "Chen"),
        ("Jiangang", "Chen"),
        ("Jianjiang", "Cao"),
        ("Yutong", "Liu"),
        ("Kimroeun", "Kouy"),
    ]
    assert proposal["reported_attendance"]["value"] == 19
    assert [s["speaker"] for s in proposal["statements"]] == ["p2", "p1", "p6"]


def test_text_files_in_utf8_with_a_bom_and_in_utf16():
    assert report_text("r.txt", "\ufeffMr. Ting Shen said".encode()) == "Mr. Ting Shen said"
    assert report_text("r.txt", "Mr. Ting Shen said".encode("utf-16")) == "Mr. Ting Shen said"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("r.xlsx", b"PK", "Upload a .txt, .docx, .pdf, .html or .eml file."),
        ("r.pdf", b"%PDF-1.4 broken", "The file could not be read: is it really a .pdf file?"),
        ("r.txt", b"   \n  ", "The file has no text in it."),
        ("r.txt", b"x" * (5 * 1024 * 1024 + 1), "The file is larger than 5 MB."),
    ],
)
def test_files_that_cannot_be_read_say_why(name, content, message):
    with pytest.raises(ReportFileError) as error:
        report_text(name, content)
    assert str(error.value) == message


PACKED = (
    "The file unpacks to far more than a report holds: save it again from the program that made it, or paste its text."
)
ELEMENTS = "The file is made of more than 200,000 parts (paragraphs, tags, formatting): paste its text instead."


@pytest.mark.parametrize(
    "name,make,message",
    [
        # 100 KB unpacking to 34 MB, a million paragraphs: refused on the sizes its zip declares.
        ("bomb.docx", hostile_reports.docx_bomb, PACKED),
        # 10 KB unpacking to 6 MB: under the size cap, refused on its packing (600 to 1).
        ("small-bomb.docx", hostile_reports.docx_small_bomb, PACKED),
        # 250,000 paragraphs packed as a written document packs: refused on the element count.
        ("many.docx", hostile_reports.docx_many_elements, ELEMENTS),
        # 115 KB whose one page unpacks to 32 MB of drawing.
        ("bomb.pdf", hostile_reports.pdf_bomb, PACKED),
        # 600 pages drawing one 1 MB stream: refused once the pages read pass 10 MB together.
        ("pages.pdf", hostile_reports.pdf_many_pages, PACKED),
        # 4.8 MB of small tagged paragraphs.
        ("large.html", hostile_reports.html_large, ELEMENTS),
    ],
)
def test_hostile_files_are_refused_with_the_limit_they_reached(name, make, message):
    with pytest.raises(ReportFileError) as error:
        report_text(name, make())
    assert str(error.value) == message


def test_a_file_whose_reading_passes_the_time_limit_is_stopped(monkeypatch):
    monkeypatch.setattr(limits, "READ_SECONDS", 0.01)
    with pytest.raises(ReportFileError) as error:
        report_text("report.html", b"<p>Mr. Ting Shen said so.</p>")
    assert str(error.value) == "Reading the file took longer than 0.01 seconds: paste its text instead."


def test_a_file_whose_reading_passes_the_memory_limit_is_stopped(monkeypatch):
    monkeypatch.setattr(limits, "READ_MEMORY_BYTES", 10 * 1024 * 1024)
    with pytest.raises(ReportFileError) as error:
        report_text("report.html", b"<p>Mr. Ting Shen said so.</p>")
    assert str(error.value) == "Reading the file needed more memory than a report does: paste its text instead."


def test_an_html_file_inside_the_limits_reads_as_its_blocks():
    assert report_text("report.html", b"<h1>Visit</h1><p>Mr. Ting  Shen said so.</p><li>A list</li>") == (
        "Visit\n\nMr. Ting Shen said so.\n\nA list"
    )


def test_a_file_with_more_text_than_the_cap_gives_the_text_up_to_twice_the_cap_for_the_form_to_cut():
    # 4 MB of HTML in a few paragraphs: the child stops reading past 2 x MAX_CHARS, the form keeps MAX_CHARS.
    text = report_text("long.html", hostile_reports.html_long_text())
    assert (len(text) <= 2 * limits.MAX_CHARS, len(text) > limits.MAX_CHARS) == (True, True)
    assert text.startswith("Mr. Ting Shen said the meeting went well.")


def test_the_form_reads_a_long_file_up_to_the_cap_and_says_how_long_it_was():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.forms import ReportForm

    upload = SimpleUploadedFile("long.txt", ("Mr. Ting Shen said so. " * 10_000).encode())
    form = ReportForm({}, {"file": upload})
    assert form.is_valid()
    assert (len(form.cleaned_data["report"]), form.cleaned_data["cut"]) == (100_000, 229_999)


MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "corpus" / "holdout"
MAIL = MAIL / "mekong-annual-meeting-email.eml"
MIME_LINES = ("MIME-Version:", "Content-Type:", "Content-Transfer-Encoding:")


def test_an_eml_file_reads_as_the_mail_pasted_from_a_mail_program(corpus_records):
    """The .eml of the held-out corpus gives the same proposal as its text pasted: its From, To, Subject and Date
    lines, then its message (a mail program shows no MIME headers)."""
    raw = MAIL.read_text(encoding="utf-8")
    pasted = "\n".join(line for line in raw.splitlines() if not line.startswith(MIME_LINES)).strip()
    read = report_text("meeting.eml", MAIL.read_bytes())
    assert read == pasted
    assert read_report(read) == read_report(pasted)
    assert read_report(read)["title"]["value"] == "Annual Meeting of the Mekong TVET Partnership 2023"


def multipart_mail(html, attachment=b""):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Kanya Srisuk <kanya.srisuk@ovec.example.org>"
    message["Subject"] = "Minutes of the exchange meeting"
    message.set_content(html, subtype="html")
    if attachment:
        message.add_attachment(attachment, maintype="text", subtype="plain", filename="notes.txt")
    return message.as_bytes()


def test_an_eml_file_with_an_html_message_reads_it_as_an_html_file_and_leaves_attachments_out():
    content = multipart_mail(
        "<html><body><h1>Minutes</h1><p>Mr. Ting Shen opened the meeting.</p><ul><li>Welcome</li></ul></body></html>",
        attachment=b"Mr. Somebody Else attached",
    )
    assert report_text("m.eml", content) == (
        "From: Kanya Srisuk <kanya.srisuk@ovec.example.org>\nSubject: Minutes of the exchange meeting\n\n"
        "Minutes\n\nMr. Ting Shen opened the meeting.\n\nWelcome"
    )


def test_an_eml_file_with_headers_alone_has_no_text():
    with pytest.raises(ReportFileError) as error:
        report_text("m.eml", b"From: a@example.org\nSubject: Minutes\n\n")
    assert str(error.value) == "The file has no text in it."
