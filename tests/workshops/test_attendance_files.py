"""Reading attendance files: encodings, the header row among a report's other sections, Zoom and Teams headers."""

import codecs

import pytest

from workshops.attendance_files import ImportFileError, Table, decode, detect_format, read_table


def test_decode_recognises_utf8_bom_utf16_and_plain_utf8():
    text = "Name\n李振云\n"
    assert decode(codecs.BOM_UTF8 + text.encode()) == (text, "UTF-8 (BOM)")
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-le")) == (text, "UTF-16")
    assert decode(text.encode()) == (text, "UTF-8")


def test_read_table_stops_at_the_first_empty_row_after_the_data():
    table = read_table("x.csv", b"Title,Demo\n\nName,Email\nA B,\nC D,\n\nName,Email\nA B,\n")
    assert (table.headers, table.rows) == (["Name", "Email"], [(4, ["A B", ""]), (5, ["C D", ""])])


@pytest.mark.parametrize(
    "headers, expected",
    [
        (["Name (Original Name)", "User Email", "Join Time"], ("zoom", {"name": 0, "email": 1, "joined": 2})),
        (
            ["Name", "First Join", "Last Leave", "Email", "Role"],
            ("teams", {"name": 0, "email": 3, "role": 4, "joined": 1, "left": 2}),
        ),
        (["Full Name", "User Action", "Timestamp"], ("teams", {"name": 0})),
        (["Participant", "Institute", "Job"], (None, {"name": 0, "organisation": 1})),
    ],
)
def test_detect_format_knows_zoom_and_teams_by_their_headers(headers, expected):
    assert detect_format(Table(headers, [], "UTF-8")) == expected


@pytest.fixture
def ten_rows_at_most(monkeypatch):
    monkeypatch.setattr("workshops.attendance_files.MAX_ROWS", 10)
    monkeypatch.setattr("workshops.attendance_files.MAX_LINES", 30)


def _xlsx(rows):
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    return content.getvalue()


TOO_MANY = "The file has more than 10 rows; import at most 10 at a time."


def test_a_file_of_exactly_the_row_limit_is_read(ten_rows_at_most):
    csv_table = read_table("x.csv", b"Name\n" + b"A B\n" * 10)
    xlsx_table = read_table("x.xlsx", _xlsx([["Name"]] + [["A B"]] * 10))
    assert (len(csv_table.rows), len(xlsx_table.rows)) == (10, 10)


@pytest.mark.parametrize(
    "filename, data",
    [
        ("x.csv", b"Name\n" + b"A B\n" * 11),
        ("x.xlsx", _xlsx([["Name"]] + [["A B"]] * 11)),
        # Without a header row the rows are counted the same way.
        ("x.csv", b"a,b\n" + b"A B,x\n" * 11),
        # Blank lines count too, so a file of nothing but blank lines is not read to its end.
        ("x.csv", b"a,b\n" + b",\n" * 40),
    ],
)
def test_a_file_past_the_row_limit_is_refused_having_read_no_further(ten_rows_at_most, filename, data):
    with pytest.raises(ImportFileError) as refused:
        read_table(filename, data)
    assert str(refused.value) == TOO_MANY


def test_a_row_wider_than_100_cells_is_refused():
    with pytest.raises(ImportFileError) as refused:
        read_table("x.csv", b"Name" + b",x" * 100 + b"\n")
    assert str(refused.value) == "Row 1 of the file has more than 100 columns."
    assert len(read_table("x.csv", b"Name" + b",x" * 99 + b"\nA B\n").headers) == 100


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr("workshops.attendance_files.MAX_UNPACKED_BYTES", 5000)
    with pytest.raises(ImportFileError) as refused:
        read_table("x.xlsx", _xlsx([["Name"]] + [["A B"]] * 500))
    assert str(refused.value) == (
        "The workbook is too large once unpacked (more than 0 MB); save it as CSV and try again."
    )


def test_a_file_over_5_mb_is_refused_unread():
    with pytest.raises(ImportFileError) as refused:
        read_table("x.csv", b"Name\n" + b"x" * (5 * 1024 * 1024))
    assert str(refused.value) == "The file is larger than 5 MB."
