"""Attendance matching: each row of an attendance file matched against the people and organisations on record.

    rows = build_preview(table, mapping, workshop)   # each row matched, new, ambiguous, already listed or in error

Nothing is written here: services.attendance_import writes the rows the user confirmed. The preview is worked out
again from the file on confirmation, so what is written matches the database as it is then.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from institutes.matching import EXACT, match_organisations
from participants.matching import PeopleIndex, name_tokens
from participants.models import Position

from .attendance_files import TEAMS_ROLES
from .models import Attendance

_BAD_TEXT = re.compile("\ufffd")
_PARENTHESIS = re.compile(r"^(?P<name>.*?)\s*[(（](?P<extra>[^()（）]*)[)）]\s*$")


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
