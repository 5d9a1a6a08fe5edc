"""The text of a report file, whatever its kind."""

from pathlib import Path

import pytest

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
        ("r.xlsx", b"PK", "Upload a .txt, .docx, .pdf or .html file."),
        ("r.pdf", b"%PDF-1.4 broken", "The file could not be read: is it really a .pdf file?"),
        ("r.txt", b"   \n  ", "The file has no text in it."),
        ("r.txt", b"x" * (5 * 1024 * 1024 + 1), "The file is larger than 5 MB."),
    ],
)
def test_files_that_cannot_be_read_say_why(name, content, message):
    with pytest.raises(ReportFileError) as error:
        report_text(name, content)
    assert str(error.value) == message
