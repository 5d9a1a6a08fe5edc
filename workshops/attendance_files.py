"""Attendance files: the rows of an uploaded CSV or XLSX report, and which column holds what.

    table = read_table(name, data)           # the file's header row and data rows, with their row numbers
    kind, mapping = detect_format(table)     # "zoom", "teams" or None, and which column holds what

Zoom participant reports and Microsoft Teams attendance reports are recognised by their headers; any other file with
a column of names is read too, and the user maps its columns.
"""

import codecs
import csv
import datetime
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Attendance

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 40
# Lines read in all, blank ones and those of the sections below the list included.
MAX_LINES = 2 * MAX_ROWS + HEADER_SEARCH_ROWS
MAX_COLUMNS = 100
MAX_BYTES = 5 * 1024 * 1024
# A workbook is a zip file: 300 KB of it can unpack to gigabytes of XML. openpyxl reads a sheet that does not state
# its size through to the end before giving its first row, so this limit is also what bounds the time that takes.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024

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
    "role": ["role", "meeting role"],
    "joined": ["join time", "first join", "first join time", "joined"],
    "left": ["leave time", "last leave", "last leave time", "left"],
    "duration": ["duration (minutes)", "in-meeting duration", "duration", "attendance duration", "time in meeting"],
}
# Lower-cased labels of the summary above a report's list: Teams writes them as "label<TAB>value" lines, Zoom as a
# header row with a row of values below it.
MEETING_LABELS = {
    "title": ["meeting title", "topic", "title", "会议标题", "主题"],
    "start": ["start time", "meeting start time", "开始时间"],
}
# Teams' meeting roles, as the attendance role they mean.
TEAMS_ROLES = {
    "organizer": Attendance.Role.ORGANISER,
    "organiser": Attendance.Role.ORGANISER,
    "co-organizer": Attendance.Role.ORGANISER,
    "presenter": Attendance.Role.SPEAKER,
    "attendee": Attendance.Role.PARTICIPANT,
    # Zoom's
    "host": Attendance.Role.ORGANISER,
    "co-host": Attendance.Role.ORGANISER,
    "alternative host": Attendance.Role.ORGANISER,
    "panelist": Attendance.Role.SPEAKER,
    "participant": Attendance.Role.PARTICIPANT,
}


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why, for the user."""


@dataclass
class Table:
    headers: list
    rows: list  # [(row number in the file, [cells])]
    encoding: str
    # What the report's summary says of the meeting, as written: {"title": …, "start": …}, each only if given.
    meeting: dict = field(default_factory=dict)


def decode(data):
    """Text of a CSV file and the encoding it was in. Bytes that are not valid text survive as markers that the
    preview reports on their row, instead of failing the whole file."""
    encoding, label = _encoding(data[:2000])
    return data.decode(encoding, errors="replace"), label


def _encoding(head):
    """(codec, label) from the first bytes of a CSV file; the codecs named take the byte-order mark off."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 (BOM)"
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le", "UTF-16"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be", "UTF-16"
    return "utf-8", "UTF-8"


def _too_many_rows():
    return ImportFileError(
        _("The file has more than %(max)s rows; import at most %(max)s at a time.") % {"max": f"{MAX_ROWS:,}"}
    )


def read_table(filename, data):
    """The rows of an uploaded CSV or XLSX file (bytes, or a binary file): header row found among the first rows
    (reports put a summary above it), data rows up to the first empty row after them (reports put further sections
    below).

    The file is read row by row and reading stops at the limits (MAX_ROWS data rows, MAX_LINES lines in all,
    MAX_COLUMNS cells a row, MAX_BYTES): a file past them is refused having cost no more than reading up to them."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    stream.seek(0, io.SEEK_END)
    if stream.tell() > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    stream.seek(0)
    head = stream.read(4)
    stream.seek(0)
    if head == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        lines, encoding = _read_xlsx(stream), "XLSX"
    else:
        lines, encoding = _read_csv(stream)
    lines = _capped(lines)
    try:
        return _table(lines, encoding)
    finally:
        lines.close()


def _capped(lines):
    for count, cells in enumerate(lines, start=1):
        if count > MAX_LINES:
            raise _too_many_rows()
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError(
                _("Row %(row)s of the file has more than %(max)s columns.") % {"row": count, "max": MAX_COLUMNS}
            )
        yield cells


def _table(lines, encoding):
    first = list(itertools.islice(lines, HEADER_SEARCH_ROWS))
    for index, cells in enumerate(first):
        lowered = [_header_key(c) for c in cells]
        if any(h in lowered for h in HEADER_NAMES["name"]):
            headers = [c.strip() for c in cells]
            rows = []
            for number, row in enumerate(itertools.chain(first[index + 1 :], lines), start=index + 2):
                if not any(c.strip() for c in row):
                    if rows:
                        break
                    continue
                if len(rows) == MAX_ROWS:
                    raise _too_many_rows()
                rows.append((number, (row + [""] * len(headers))[: len(headers)]))
            return Table(headers, rows, encoding, meeting_summary(first[:index]))
    if not first:
        raise ImportFileError(_("The file is empty."))
    # No known header: the first row is taken as the header and the user says which column is which.
    grid = []
    for number, row in enumerate(itertools.chain(first[1:], lines), start=2):
        if any(c.strip() for c in row):
            if len(grid) == MAX_ROWS:
                raise _too_many_rows()
            grid.append((number, row))
    width = max([len(first[0]), *(len(r) for _n, r in grid)])
    headers = [(c.strip() or _("Column %(number)s") % {"number": i + 1}) for i, c in enumerate(first[0] + [""] * width)]
    rows = [(n, (r + [""] * width)[:width]) for n, r in grid]
    return Table(headers[:width], rows, encoding)


def meeting_summary(lines):
    """{"title": …, "start": …} from the lines above a report's list, as far as they give them."""
    found = {}
    for index, cells in enumerate(lines):
        keys = [_header_key(c) for c in cells]
        # Teams: "Meeting title<TAB>…", "Start time<TAB>…"
        for name, labels in MEETING_LABELS.items():
            if len(cells) >= 2 and keys[0] in labels and cells[1].strip():
                found.setdefault(name, " ".join(cells[1].split()))
        # Zoom: "Meeting ID,Topic,Start Time,…" over a row of values
        if "topic" in keys and index + 1 < len(lines):
            values = lines[index + 1]
            for name, labels in MEETING_LABELS.items():
                column = next((keys.index(label) for label in labels if label in keys), None)
                if column is not None and column < len(values) and values[column].strip():
                    found.setdefault(name, " ".join(values[column].split()))
    return found


def _header_key(cell):
    return " ".join(cell.replace("\ufeff", "").strip().lower().split())


def _read_csv(stream):
    """(the rows, read as they are needed; the encoding's label)."""
    encoding, label = _encoding(stream.read(2000))
    stream.seek(0)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    sample = text.read(5000)
    text.seek(0)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    return _csv_rows(text, dialect), label


def _csv_rows(text, dialect):
    try:
        for row in csv.reader(text, dialect):
            yield list(row)
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not a CSV file this page can read (%(error)s).") % {"error": error}
        ) from error
    finally:
        # Hand the upload back to its owner open; a generator dropped after the upload was closed has nothing to hand.
        if not text.closed:
            text.detach()


def _read_xlsx(stream):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ImportFileError(
                _("The workbook is too large once unpacked (more than %(max)s MB); save it as CSV and try again.")
                % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
            )
        stream.seek(0)
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        if isinstance(error, ImportFileError):
            raise
        message = _("The file is not an Excel workbook this page can read (%(error)s).") % {"error": error}
        raise ImportFileError(message) from error
    return _xlsx_rows(workbook)


def _xlsx_rows(workbook):
    try:
        sheet = workbook.worksheets[0]
        # One cell past the limit is read, so that a wider row is refused rather than cut; rows come padded to
        # that width, and the padding is taken off.
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            cells = ["" if v is None else str(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            yield cells
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


_DATE_TIME = re.compile(
    r"^(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{1,4}),?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<half>[AaPp]\.?[Mm]\.?)?\s*(?:(?:GMT|UTC)\s*(?P<offset>[+\-]\d{1,2}(?::?\d{2})?)?)?$"
)
_DURATION_PART = re.compile(
    r"(\d+(?:\.\d+)?)\s*(h|hr|hrs|hours?|小时|m|min|mins|minutes?|分钟|分|s|sec|secs|seconds?|秒)(?![a-z])", re.I
)
_CLOCK_DURATION = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")


def parse_time(text, tzinfo):
    """An aware datetime from a report's time: "01/14/2022 09:00:00 AM" (Zoom), "1/14/22, 9:00:00 AM" (Teams),
    "2022-01-14 09:00:00" (Excel) or ISO 8601 with an offset. A time without a zone is taken to be in `tzinfo`, the
    workshop's; None if the text is no time."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        value = _date_time(text)
    if value is None:
        return None
    return value.replace(tzinfo=tzinfo) if value.tzinfo is None else value


def _date_time(text):
    found = _DATE_TIME.match(text)
    if not found:
        return None
    a, b, c = (int(found[k]) for k in "abc")
    if len(found["a"]) == 4:
        year, month, day = a, b, c
    elif a > 12:  # 14/01/2022: the day first
        day, month, year = a, b, c
    else:  # the US order both Zoom and Teams write in English
        month, day, year = a, b, c
    year += 2000 if year < 100 else 0
    hour, minute, second = int(found["hour"]), int(found["minute"]), int(found["second"] or 0)
    if found["half"]:
        hour = hour % 12 + (12 if found["half"][0] in "Pp" else 0)
    tzinfo = None
    if found["offset"]:
        sign = -1 if found["offset"][0] == "-" else 1
        digits = found["offset"][1:].replace(":", "")
        hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
        tzinfo = datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
    try:
        return datetime.datetime(year, month, day, hour, minute, second, tzinfo=tzinfo)
    except ValueError:
        return None


def parse_minutes(text):
    """Whole minutes from a report's duration: "125" (Zoom's minutes), "2h 10m", "1h 5m 30s" (Teams), "01:05:30";
    None if it is none of these."""
    text = " ".join(text.split())
    if not text:
        return None
    try:
        seconds = float(text) * 60
    except ValueError:
        if clock := _CLOCK_DURATION.match(text):
            seconds = int(clock[1]) * 3600 + int(clock[2]) * 60 + int(clock[3] or 0)
        else:
            parts = _DURATION_PART.findall(text)
            if not parts or _DURATION_PART.sub("", text).strip(" ,"):
                return None
            unit_seconds = {"h": 3600, "小": 3600, "m": 60, "分": 60, "s": 1, "秒": 1}
            seconds = sum(float(number) * unit_seconds[unit[0].lower()] for number, unit in parts)
    if seconds < 0:
        return None
    return int(seconds / 60 + 0.5)
