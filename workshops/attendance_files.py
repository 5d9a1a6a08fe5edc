"""Attendance files: the rows of an uploaded CSV or XLSX report, and which column holds what.

    table = read_table(name, data)           # the file's header row and data rows, with their row numbers
    kind, mapping = detect_format(table)     # "zoom", "teams" or None, and which column holds what

Zoom participant reports and Microsoft Teams attendance reports are recognised by their headers; any other file with
a column of names is read too, and the user maps its columns.
"""

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Attendance

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 40

# Lower-cased header texts that name each field, in order of preference.
HEADER_NAMES = {
    "name": [
        "name (original name)",
        "name",
        "full name",
        "participant",
        "participant name",
        "attendee",
        "姓名",
        "ឈ្មោះ",
    ],
    "email": ["user email", "email", "e-mail", "email address", "邮箱", "电子邮件"],
    "organisation": ["organisation", "organization", "institute", "institution", "company", "单位", "机构", "ស្ថាប័ន"],
    "title": ["title", "job title", "position", "职务", "职位", "តួនាទី"],
    "role": ["role"],
}
# Teams' meeting roles, as the attendance role they mean.
TEAMS_ROLES = {
    "organizer": Attendance.Role.ORGANISER,
    "organiser": Attendance.Role.ORGANISER,
    "co-organizer": Attendance.Role.ORGANISER,
    "presenter": Attendance.Role.SPEAKER,
    "attendee": Attendance.Role.PARTICIPANT,
}


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why, for the user."""


@dataclass
class Table:
    headers: list
    rows: list  # [(row number in the file, [cells])]
    encoding: str


def decode(data):
    """Text of a CSV file and the encoding it was in. Bytes that are not valid text survive as markers that the
    preview reports on their row, instead of failing the whole file."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "UTF-8 (BOM)"
    sample = data[:2000]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-le", errors="replace"), "UTF-16"
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4:
        return data.decode("utf-16-be", errors="replace"), "UTF-16"
    return data.decode("utf-8", errors="replace"), "UTF-8"


def read_table(filename, data):
    """The rows of an uploaded CSV or XLSX file: header row found among the first rows (reports put a summary above
    it), data rows up to the first empty row after them (reports put further sections below)."""
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        grid, encoding = _read_xlsx(data), "XLSX"
    else:
        text, encoding = decode(data)
        grid = _read_csv(text)
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        lowered = [_header_key(c) for c in cells]
        if any(h in lowered for h in HEADER_NAMES["name"]):
            headers = [c.strip() for c in cells]
            rows = []
            for number, row in enumerate(grid[index + 1 :], start=index + 2):
                if not any(c.strip() for c in row):
                    if rows:
                        break
                    continue
                rows.append((number, (row + [""] * len(headers))[: len(headers)]))
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("The file has %(count)s rows; import at most %(max)s at a time.")
                    % {"count": len(rows), "max": MAX_ROWS}
                )
            return Table(headers, rows, encoding)
    if not grid:
        raise ImportFileError(_("The file is empty."))
    # No known header: the first row is taken as the header and the user says which column is which.
    width = max(len(r) for r in grid)
    headers = [(c.strip() or _("Column %(number)s") % {"number": i + 1}) for i, c in enumerate(grid[0] + [""] * width)]
    rows = [(n, (r + [""] * width)[:width]) for n, r in enumerate(grid[1:], start=2) if any(c.strip() for c in r)]
    return Table(headers[:width], rows[:MAX_ROWS], encoding)


def _header_key(cell):
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def _read_csv(text):
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not a CSV file this page can read (%(error)s).") % {"error": error}
        ) from error


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        message = _("The file is not an Excel workbook this page can read (%(error)s).") % {"error": error}
        raise ImportFileError(message) from error
    try:
        sheet = workbook.worksheets[0]
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def detect_format(table):
    """("zoom" | "teams" | None, {field: column index}) from the header row."""
    lowered = [_header_key(h) for h in table.headers]
    mapping = guess_mapping(table.headers)
    headers = set(lowered)
    if (
        "name (original name)" in headers
        or {"user email", "duration (minutes)"} <= headers
        or ("user email" in headers and "join time" in headers)
    ):
        return "zoom", mapping
    if (
        {"full name", "user action"} <= headers
        or {"first join", "last leave"} <= headers
        or ("participant id (upn)" in headers)
    ):
        return "teams", mapping
    return None, mapping


def guess_mapping(headers):
    lowered = [_header_key(h) for h in headers]
    mapping = {}
    for name, candidates in HEADER_NAMES.items():
        for candidate in candidates:
            if candidate in lowered:
                mapping[name] = lowered.index(candidate)
                break
    return mapping
