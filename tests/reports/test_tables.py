"""Tables of a .docx or HTML report reach the reader as rows (cells tab-separated, in the document's order), and a
participants table gives each person's title, organisation and role."""

import io

from reports.files import report_text
from reports.reader import read_report


def _docx_with_a_table():
    import docx

    document = docx.Document()
    document.add_paragraph("Participants")
    table = document.add_table(rows=3, cols=4)
    for r, cells in enumerate(
        [
            ["Name", "Title", "Organisation", "Role"],
            ["Mr. Sok Dara", "Deputy Director General", "Kampong Cham Technical Institute", "Chair"],
            ["Ms. Li Na", "Senior Lecturer", "Tianjin Vocational Institute", "Trainer"],
        ]
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.add_paragraph("Mr. Sok opened the training.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_table_arrives_as_tab_separated_rows_in_the_documents_order():
    assert report_text("minutes.docx", _docx_with_a_table()) == (
        "Participants\n\n"
        "Name\tTitle\tOrganisation\tRole\n\n"
        "Mr. Sok Dara\tDeputy Director General\tKampong Cham Technical Institute\tChair\n\n"
        "Ms. Li Na\tSenior Lecturer\tTianjin Vocational Institute\tTrainer\n\n"
        "Mr. Sok opened the training."
    )


def test_an_html_table_arrives_as_tab_separated_rows():
    html = (
        b"<html><body><h1>Training of Trainers on Assessment</h1><table>"
        b"<tr><th>Name</th><th>Title</th><th>Organisation</th></tr>"
        b"<tr><td>Dr. Chea Sophal</td><td>Director</td><td><p>National Polytechnic Institute of Cambodia</p></td></tr>"
        b"</table></body></html>"
    )
    assert report_text("report.html", html) == (
        "Training of Trainers on Assessment\n\n"
        "Name\tTitle\tOrganisation\n\n"
        "Dr. Chea Sophal\tDirector\tNational Polytechnic Institute of Cambodia"
    )


def test_a_participants_table_gives_titles_organisations_and_roles(db):
    proposal = read_report(report_text("minutes.docx", _docx_with_a_table()))
    orgs = {o["key"]: o["name"] for o in proposal["organisations"]}
    assert [
        (p["family_name"], p["given_name"], p["title"]["value"], orgs.get(p["organisation"]), p["role"])
        for p in proposal["people"]
    ] == [
        ("Sok", "Dara", "Deputy Director General", "Kampong Cham Technical Institute", "chair"),
        ("Li", "Na", "Senior Lecturer", "Tianjin Vocational Institute", "speaker"),
    ]
