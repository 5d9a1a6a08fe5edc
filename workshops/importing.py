"""Attendance import: a Zoom participant report, a Microsoft Teams attendance report or any CSV/XLSX with a column of
names, turned into attendance rows of one workshop.

    table = read_table(name, data)           # the file's header row and data rows, with their row numbers
    kind, mapping = detect_format(table)     # "zoom", "teams" or None, and which column holds what
    rows = build_preview(table, mapping, workshop)   # each row matched, new, ambiguous, already listed or in error
    result = apply_import(rows, choices, workshop=workshop, user=user)   # one transaction

Nothing is written before apply_import. The preview is worked out again from the file on confirmation, so what is
written matches the database as it is then, and importing the same file twice adds nobody twice.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from institutes.matching import EXACT, match_organisations
from participants.matching import PeopleIndex, name_tokens
from participants.models import Person, Position
from participants.services import person_from_name

from .models import Attendance

MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 40
FIELDS = ("name", "email", "organisation", "title", "role")

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
_BAD_TEXT = re.compile("\ufffd")
_PARENTHESIS = re.compile(r"^(?P<name>.*?)\s*[(（](?P<extra>[^()（）]*)[)）]\s*$")


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why, for the user."""


@dataclass
class Table:
    headers: list
    rows: list  # [(row number in the file, [cells])]
    encoding: str


@dataclass
class ImportRow:
    numbers: list
    name: str
    email: str = ""
    organisation_text: str = ""
    title: str = ""
    role: str = Attendance.Role.PARTICIPANT
    organisation: object = None
    person: object = None
    candidates: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    remarks: list = field(default_factory=list)
    status: str = "new"  # matched, new, ambiguous, listed (already attends) or error
    choice: str = ""  # what the user chose: a person's id, "new", "skip", or "" for the preview's suggestion

    @property
    def key(self):
        return str(self.numbers[0])

    @property
    def options(self):
        """(value, person or None) the user may choose from for this row."""
        people = [m.record for m in self.candidates] or ([self.person] if self.person else [])
        return [(str(p.pk), p) for p in people]

    def choice_is_valid(self):
        if self.status in ("error", "listed"):
            return True
        allowed = {"new", "skip", *(value for value, _person in self.options)}
        return self.choice in allowed or (self.choice == "" and self.status != "ambiguous")

    @property
    def notes(self):
        """What the preview says about the row beyond its status: its remarks, and that repeats were merged."""
        if len(self.numbers) == 1:
            return self.remarks
        merged = _("Listed %(count)s times (rows %(rows)s): counted once.") % {
            "count": len(self.numbers),
            "rows": self.number_label,
        }
        return [*self.remarks, merged]

    @property
    def number_label(self):
        return ", ".join(str(n) for n in self.numbers)


# Reading ---------------------------------------------------------------------------------------------------------


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


# Preview ---------------------------------------------------------------------------------------------------------


def build_preview(table, mapping, workshop):
    """Each distinct person of the file, matched against the people on record, in file order."""
    rows = _merge_repeats([_row(number, cells, mapping) for number, cells in table.rows])
    index = PeopleIndex.current()
    attending = set(workshop.attendances.values_list("person_id", flat=True))
    organisations = {}
    pending = []
    for row in rows:
        if row.errors:
            row.status = "error"
            continue
        name, extra = split_parenthesis(row.name)
        if extra and not row.organisation_text and _organisation(extra, organisations):
            row.organisation_text = extra
            extra = ""
        found = index.match_ids(name, row.email, limit=5, near_misses=False)
        if not found and extra:
            found = index.match_ids(extra, row.email, limit=5, near_misses=False)
        pending.append((row, found or index.sharing_ids(name, limit=5)))
        if row.organisation_text:
            row.organisation = _organisation(row.organisation_text, organisations)
            if row.organisation is None:
                row.remarks.append(
                    _("No organisation on record is called “%(name)s”: the attendance is saved without one.")
                    % {"name": row.organisation_text}
                )
    for (row, _found), matches in zip(pending, index.resolve([found for _row, found in pending]), strict=True):
        exact = [m for m in matches if m.score == EXACT]
        if len(exact) == 1:
            row.person, row.status = exact[0].record, "matched"
        elif matches:
            row.candidates, row.status = matches, "ambiguous"
    rows = _merge_same_person(rows)
    _positions_on_the_day(rows, workshop.start_date)
    for row in rows:
        if row.person is not None and row.person.pk in attending:
            row.status = "listed"
    return rows


def _positions_on_the_day(rows, day):
    """A matched person's organisation and title, where the file gives none: the position they held that day."""
    people = {row.person.pk for row in rows if row.person is not None and not (row.organisation and row.title)}
    positions = {}
    for position in (
        Position.objects.held_on(day).filter(person__in=people).select_related("organisation").order_by("-start_date")
    ):
        positions.setdefault(position.person_id, position)
    for row in rows:
        position = positions.get(row.person.pk) if row.person is not None else None
        if position is not None and row.organisation in (None, position.organisation):
            row.organisation = position.organisation
            row.title = row.title or position.title


def _row(number, cells, mapping):
    def cell(name):
        index = mapping.get(name)
        return " ".join(cells[index].split()) if index is not None and index < len(cells) else ""

    row = ImportRow(numbers=[number], name=cell("name"), email=cell("email").lower())
    row.organisation_text, row.title = cell("organisation"), cell("title")
    row.role = TEAMS_ROLES.get(cell("role").lower(), Attendance.Role.PARTICIPANT)
    if any(_BAD_TEXT.search(c) for c in cells):
        row.errors.append(
            _("Row %(number)s is not valid text: save the file as UTF-8 (“CSV UTF-8” in Excel) and upload it again.")
            % {"number": number}
        )
    elif not row.name:
        row.errors.append(_("Row %(number)s has no name.") % {"number": number})
    elif len(row.name) > 200:
        row.errors.append(_("Row %(number)s: the name is longer than 200 characters.") % {"number": number})
    if row.email and "@" not in row.email:
        row.email = ""
    return row


def _merge_repeats(rows):
    """One row per person: reports list a person once per time they joined. Same email, or same name, is the same
    person; the later rows fill in what the first one lacks."""
    merged, seen = [], {}
    for row in rows:
        keys = [] if row.errors else [k for k in (row.email, name_tokens(row.name)) if k]
        first = next((seen[k] for k in keys if k in seen), None)
        if first is None:
            merged.append(row)
            for key in keys:
                seen[key] = row
            continue
        _absorb(first, row)
        for key in keys:
            seen.setdefault(key, first)
    return merged


def _merge_same_person(rows):
    merged, by_person = [], {}
    for row in rows:
        if row.person is None:
            merged.append(row)
        elif row.person.pk in by_person:
            _absorb(by_person[row.person.pk], row)
        else:
            by_person[row.person.pk] = row
            merged.append(row)
    return merged


def _absorb(first, repeat):
    first.numbers.extend(repeat.numbers)
    first.email = first.email or repeat.email
    first.organisation_text = first.organisation_text or repeat.organisation_text
    first.organisation = first.organisation or repeat.organisation
    first.title = first.title or repeat.title
    if repeat.role != Attendance.Role.PARTICIPANT:
        first.role = repeat.role


def split_parenthesis(name):
    """Zoom writes a renamed participant as "Shown name (Original name)"; people also add their organisation."""
    found = _PARENTHESIS.match(name)
    if not found or not found["name"]:
        return name, ""
    return found["name"], found["extra"].strip()


def _organisation(text, cache):
    if text not in cache:
        matches = match_organisations(text, limit=2)
        cache[text] = matches[0].record if matches and (len(matches) == 1 or matches[0].is_exact) else None
    return cache[text]


# Writing ---------------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int = 0
    created: int = 0
    already_listed: int = 0
    skipped: int = 0


def apply_import(rows, *, workshop, user):
    """Write the attendance rows as each row's choice says: a person's id, "new" or "skip" (no choice: the preview's
    suggestion, the matched person or a new one). The caller has checked every row.choice_is_valid(). One
    transaction; bulk inserts with history rows."""
    result = ImportResult()
    to_create, pending = [], []
    with transaction.atomic():
        attending = set(workshop.attendances.select_for_update().values_list("person_id", flat=True))
        for row in rows:
            choice = row.choice
            if row.status in ("error", "listed") or choice == "skip":
                result.skipped += row.status != "listed"
                result.already_listed += row.status == "listed"
                continue
            if choice.isdigit():
                person = dict(row.options)[choice]
            elif choice == "new" or row.person is None:
                person = person_from_name(split_parenthesis(row.name)[0], email=row.email)
                to_create.append(person)
            else:
                person = row.person
            pending.append((row, person))
        if to_create:
            bulk_create_with_history(to_create, Person, default_user=user, default_change_reason="attendance import")
            result.created = len(to_create)
        order = workshop.attendances.count()
        attendances = []
        for row, person in pending:
            if person.pk in attending:
                result.already_listed += 1
                continue
            attending.add(person.pk)
            attendances.append(
                Attendance(
                    workshop=workshop,
                    person=person,
                    organisation=row.organisation,
                    title=row.title[:200],
                    role=row.role,
                    order=order + len(attendances),
                )
            )
        bulk_create_with_history(attendances, Attendance, default_user=user, default_change_reason="attendance import")
        result.added = len(attendances)
    return result
