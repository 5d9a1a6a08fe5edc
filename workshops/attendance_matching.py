"""Attendance matching: each row of an attendance file matched against the people and organisations on record.

    rows = build_preview(table, mapping, workshop)   # each row matched, new, ambiguous, already listed or in error

Nothing is written here: services.attendance_import writes the rows the user confirmed. The preview is worked out
again from the file on confirmation, so what is written matches the database as it is then.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from institutes.matching import EXACT, strip_accents
from institutes.models import Organisation
from institutes.search import OrganisationMatcher, match_organisations
from participants.keys import name_tokens
from participants.models import Position
from participants.names import split_name
from participants.search import PeopleMatcher

from .attendance_files import TEAMS_ROLES, parse_minutes, parse_time
from .models import Attendance

_BAD_TEXT = re.compile("\ufffd")
# Rows that are no person: a telephone that dialled in, a meeting room's system, a recorder or note-taker, a device
# that joined under its own name. Checked on the name lower-cased, with "_" read as a space.
_PHONE_NUMBER = re.compile(r"^\+?[\d*xX]{6,}$")  # once spaces, dashes, dots and brackets are taken out
# "Phone" alone, or before a number or "user"; not "Phone Myint", a Burmese name.
_DIAL_IN = re.compile(
    r"\b(?:call[- ]?in|dial[- ]?in|pstn)\b|^(?:tele)?phone(?:\s*(?:user|caller|participant)\b|\s*[(+\d]|$)"
)
_ROOM = re.compile(
    r"\b(?:conference|meeting|zoom|teams|webex|board|training|huddle|video|class)\s*room\b|\broom\s*[a-z]?\d"
    r"|\b(?:polycom|lifesize|yealink|crestron|logitech rally|poly studio|surface hub|cisco (?:webex|room|desk))\b"
    r"|会议室"
)
_RECORDER = re.compile(
    r"\w\.ai\b|\bai (?:companion|assistant|notetaker)\b|\bfireflies\b|\bnote[- ]?takers?\b|\bmeeting notes\b"
    r"|\btl;?dv\b|\brecorder\b|\b(?:recording|notes?|meeting|zoom|teams)\s*bot\b|\b(?:fathom|avoma|sembly|tactiq|"
    r"meetgeek|airgram)\b"
)
_HOSTNAME = re.compile(r"^(?:desktop|laptop|win|pc)-[a-z0-9]+$")
_DEVICES = {
    "iphone", "ipad", "ipod", "android", "galaxy", "samsung", "huawei", "xiaomi", "redmi", "oppo", "vivo", "pixel",
    "macbook", "imac", "thinkpad", "lenovo", "oneplus", "realme", "nokia", "motorola", "tablet", "smartphone",
    "chromebook", "elitebook", "ideapad", "zenbook", "vivobook", "pc", "laptop", "desktop",
}  # fmt: skip
_MODEL_WORDS = {"pro", "max", "plus", "mini", "ultra", "lite", "note", "air", "tab", "fe", "se"}
# Zoom marks the meeting's hosts after their name: "Ny Sophal (Host)".
_HOST_MARK = re.compile(r"\s*[(（](?P<role>host|co-host|cohost|主持人|联席主持人)[)）]\s*$", re.I)
_HOST_ROLES = {"host": "Host", "主持人": "Host"}
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
    status: str = "new"  # matched, new, ambiguous, listed (already attends), nonperson or error
    choice: str = ""  # what the user chose: a person's id, "new", "skip", or "" for the preview's suggestion
    not_a_person: str = ""  # why the row is no person (a key of NOT_A_PERSON), or ""
    meeting_role: str = ""  # the role as the meeting's platform gives it: "Presenter", "Co-host"
    joined_at: object = None  # aware datetimes
    left_at: object = None
    minutes: int | None = None
    add_email: bool = True  # the user's tick: give a matched person without an e-mail address the file's
    # The row's e-mail address comes with a name that is not the matched person's own: "ILO China Project (Yutong
    # Liu)" signed in with the host account's mailbox, not Yutong Liu's. The address is offered unticked.
    named_otherwise: bool = False
    organisation_error: str = ""
    organisation_input: str | None = None  # the organisation typed for the row on the preview, once sent

    @property
    def organisation_shown(self):
        """The text of the row's organisation field: as typed, else the organisation found."""
        if self.organisation_input is not None:
            return self.organisation_input
        return str(self.organisation) if self.organisation else ""

    @property
    def name_family(self):
        """The family name a new person from this row gets, when the name rule only guessed it; else ""."""
        parts = split_name(self.name)
        return "" if parts["sure"] else parts["family_name"]

    @property
    def not_a_person_label(self):
        return NOT_A_PERSON.get(self.not_a_person, "")

    def email_offered_to(self, person):
        """Whether the file's e-mail address may be added to `person`, one on record: only to someone without one."""
        return bool(self.email) and person is not None and person.pk is not None and not person.email

    @property
    def offers_email(self):
        if self.status == "ambiguous":
            return any(self.email_offered_to(person) for _value, person in self.options)
        return self.status in ("matched", "listed") and self.email_offered_to(self.person)

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
        if self.status == "nonperson":
            return self.choice in ("", "skip", "new")
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


def build_preview(table, mapping, workshop, *, contacts=True):
    """Each distinct person of the file, matched against the people on record, in file order. Rows that are no
    person (a phone, a meeting room, a recorder, a device) are told apart and not matched. `contacts`: whether the
    user may see the addresses on record (accounts.roles.may_see_contacts); without, a remark does not quote them."""
    tzinfo = workshop.tzinfo
    rows = _merge_repeats([_row(number, cells, mapping, tzinfo) for number, cells in table.rows])
    index = PeopleMatcher()
    # Every row's exact name and e-mail, then the near misses of those not found, in a few queries for the file.
    index.prefetch_unmatched(
        [(name, row.email) for row in rows if not row.errors for name in split_parenthesis(row.name) if name]
    )
    attending = set(workshop.attendances.values_list("person_id", flat=True))
    organisations = {_MATCHER: OrganisationMatcher()}
    # Every organisation the file names (a column, or in brackets after a name), read at once.
    organisations[_MATCHER].prefetch(
        [
            text
            for row in rows
            if not row.errors
            for text in (row.organisation_text, split_parenthesis(row.name)[1])
            if text
        ],
        limit=2,
    )
    pending = []
    for row in rows:
        if row.errors:
            row.status = "error"
            continue
        if row.not_a_person:
            row.status = "nonperson"
            continue
        name, extra = split_parenthesis(row.name)
        if extra and not row.organisation_text and _organisation(extra, organisations):
            row.organisation_text = extra
            extra = ""
        found = index.match_ids(name, row.email, limit=5, near_misses=False)
        if not found and extra:
            found = index.match_ids(extra, row.email, limit=5, near_misses=False)
            row.named_otherwise = bool(found)
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
        if row.joined_at and row.left_at and row.left_at >= row.joined_at:
            # Two devices at once count once: no more than the time between the first join and the last leave.
            span = int((row.left_at - row.joined_at).total_seconds() / 60 + 0.5)
            row.minutes = span if row.minutes is None else min(row.minutes, span)
        if row.named_otherwise and row.email and row.offers_email:
            row.add_email = False
            row.remarks.append(
                _("“%(name)s” is not this person's own name: %(email)s may be a shared account's, so it is not ticked.")
                % {"name": split_parenthesis(row.name)[0], "email": row.email}
            )
        if row.person is not None and row.email and row.person.email and row.person.email.casefold() != row.email:
            if contacts:
                remark = _("The record keeps the e-mail address %(kept)s; the file gives %(file)s.")
            else:
                remark = _("The record keeps another e-mail address; the file gives %(file)s.")
            row.remarks.append(remark % {"kept": row.person.email, "file": row.email})
    return rows


NOT_A_PERSON = {
    "phone": _lazy("Telephone dial-in"),
    "room": _lazy("Meeting-room system"),
    "recorder": _lazy("Recorder or note-taker"),
    "device": _lazy("Device name"),
}


def not_a_person(name):
    """Why a name in an attendance report is no person: "phone", "room", "recorder" or "device"; "" for a name that
    may be someone's (every name of a person, however short: "Bopha", "Li Na", "Dr. Kim")."""
    text = " ".join(name.replace("_", " ").casefold().split())
    if not text:
        return ""
    if _PHONE_NUMBER.match(re.sub(r"[\s().\-]", "", text)) or _DIAL_IN.search(text):
        return "phone"
    if _ROOM.search(text):
        return "room"
    if _RECORDER.search(text):
        return "recorder"
    words = text.split()
    if _HOSTNAME.match(text) or (
        any(word in _DEVICES for word in words)
        and all(word in _DEVICES or word in _MODEL_WORDS or any(c.isdigit() for c in word) for word in words)
    ):
        return "device"
    return ""


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


def _row(number, cells, mapping, tzinfo):
    def cell(name):
        index = mapping.get(name)
        return " ".join(cells[index].split()) if index is not None and index < len(cells) else ""

    row = ImportRow(numbers=[number], name=cell("name"), email=cell("email").lower())
    row.organisation_text, row.title = cell("organisation"), cell("title")
    row.meeting_role = cell("role")[:50]
    if host := _HOST_MARK.search(row.name):
        row.name = row.name[: host.start()]
        row.meeting_role = row.meeting_role or _HOST_ROLES.get(host["role"].lower(), "Co-host")
    row.role = TEAMS_ROLES.get(row.meeting_role.lower(), Attendance.Role.PARTICIPANT)
    row.joined_at, row.left_at = parse_time(cell("joined"), tzinfo), parse_time(cell("left"), tzinfo)
    row.minutes = parse_minutes(cell("duration"))
    row.not_a_person = not_a_person(row.name)
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
    if repeat.email and (not first.email or (first.named_otherwise and not repeat.named_otherwise)):
        # A row under the person's own name gives their own address rather than a shared account's.
        first.email, first.named_otherwise = repeat.email, repeat.named_otherwise
    first.organisation_text = first.organisation_text or repeat.organisation_text
    first.organisation = first.organisation or repeat.organisation
    first.title = first.title or repeat.title
    if repeat.role != Attendance.Role.PARTICIPANT:
        first.role, first.meeting_role = repeat.role, repeat.meeting_role or first.meeting_role
    first.meeting_role = first.meeting_role or repeat.meeting_role
    first.joined_at = min((t for t in (first.joined_at, repeat.joined_at) if t), default=None)
    first.left_at = max((t for t in (first.left_at, repeat.left_at) if t), default=None)
    if repeat.minutes is not None:
        first.minutes = (first.minutes or 0) + repeat.minutes


def split_parenthesis(name):
    """Zoom writes a renamed participant as "Shown name (Original name)"; people also add their organisation."""
    found = _PARENTHESIS.match(name)
    if not found or not found["name"]:
        return name, ""
    return found["name"], found["extra"].strip()


_MATCHER = object()  # the key of a preview's OrganisationMatcher in its cache of organisations


def _organisation(text, cache):
    if text not in cache:
        matcher = cache.get(_MATCHER)
        matches = matcher.match(text, limit=2) if matcher else match_organisations(text, limit=2)
        cache[text] = matches[0].record if matches and (len(matches) == 1 or matches[0].is_exact) else None
    return cache[text]


def _title_words(text):
    return set(re.sub(r"[^\w]+", " ", strip_accents(text).casefold()).split())


def _same_title(typed, titles):
    """Whether a meeting's title is one of the workshop's titles, as far as words go: all the words of the shorter
    in the longer, or nearly the same text."""
    words = _title_words(typed)
    for title in filter(None, titles):
        known = _title_words(title)
        if words and known and (words <= known or known <= words):
            return True
        if SequenceMatcher(None, " ".join(sorted(words)), " ".join(sorted(known))).ratio() >= 0.8:
            return True
    return False


def meeting_warning(table, workshop):
    """What the preview says when the file is of another meeting than the workshop: its title is none of the
    workshop's, or its day (in the workshop's time zone) is not one of the workshop's days; "" when neither, or
    when the file does not say."""
    title = table.meeting.get("title", "")
    start = parse_time(table.meeting.get("start", ""), workshop.tzinfo)
    day = start.astimezone(workshop.tzinfo).date() if start else None
    other_title = bool(title) and not _same_title(title, [workshop.title, workshop.other_title])
    other_day = day is not None and not workshop.start_date <= day <= workshop.last_possible_day
    if not (other_title or other_day):
        return ""
    if title and day:
        return _(
            "This file is of the meeting “%(file_title)s” on %(file_date)s; this workshop is “%(title)s” on %(date)s."
        ) % {
            "file_title": title,
            "file_date": date_format(day, "DATE_FORMAT"),
            "title": workshop.title,
            "date": workshop.date_display,
        }
    if title:
        return _("This file is of the meeting “%(file_title)s”; this workshop is “%(title)s”.") % {
            "file_title": title,
            "title": workshop.title,
        }
    return _("This file is of a meeting on %(file_date)s; this workshop is on %(date)s.") % {
        "file_date": date_format(day, "DATE_FORMAT"),
        "date": workshop.date_display,
    }


def may_be_new(row):
    """Whether the row may become a new person: the ones the preview offers an organisation for."""
    return row.status in ("new", "ambiguous", "nonperson")


def becomes_new(row):
    return row.choice == "new" or (row.choice == "" and row.status == "new")


def choose_organisations(rows, typed, for_all):
    """Each row's organisation as the user gave it on the preview: `typed` {row key: (text, organisation id)} for
    the rows that may be new people, `for_all` (text, id) for the new people given none. A name that is no
    organisation on record is an error on its row (or, for all, returned)."""
    cache = {}
    everyone, error = _chosen_organisation(*for_all, cache)
    for row in rows:
        if row.key in typed and may_be_new(row):
            row.organisation, row.organisation_error = _chosen_organisation(*typed[row.key], cache)
            row.organisation_input = typed[row.key][0]
        if everyone is not None and row.organisation is None and not row.organisation_error and becomes_new(row):
            row.organisation = everyone
    return error


def _chosen_organisation(text, pk, cache):
    text = " ".join(text.split())
    if not text:
        return None, ""
    if pk.isdigit():
        chosen = Organisation.objects.filter(pk=pk).first()
        if chosen is not None and str(chosen) == text:
            return chosen, ""
    found = _organisation(text, cache)
    if found is None:
        return None, _(
            "No organisation on record is called “%(name)s”: choose one from the list, or leave it empty."
        ) % {"name": text}
    return found, ""
