"""Reading attendance files: encodings, the header row among a report's other sections, Zoom and Teams headers."""

import codecs

import pytest

from workshops.attendance_files import Table, decode, detect_format, read_table


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
        (["Name (Original Name)", "User Email", "Join Time"], ("zoom", {"name": 0, "email": 1})),
        (["Name", "First Join", "Last Leave", "Email", "Role"], ("teams", {"name": 0, "email": 3, "role": 4})),
        (["Full Name", "User Action", "Timestamp"], ("teams", {"name": 0})),
        (["Participant", "Institute", "Job"], (None, {"name": 0, "organisation": 1})),
    ],
)
def test_detect_format_knows_zoom_and_teams_by_their_headers(headers, expected):
    assert detect_format(Table(headers, [], "UTF-8")) == expected
