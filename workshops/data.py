"""A workshop record as plain data: the one thing every door hands to `services.workshop_write`.

The entry page, the API (the workshop and each row endpoint), the report reader's "Accept", the attendance import,
the admin and `seed_demo` each build a `WorkshopData` and call the service; nothing else writes a workshop's rows.

    WorkshopData
        title, other_title, kind, format, status, start_date (a date), date_precision, start_time, end_date,
        end_time, timezone, venue, platform, programme (id or None), initiative (id or None),
        coordinator (a user's id or None: our focal point, not part of the minutes),
        reported_attendance (int or None), summary, minutes       -- the workshop's own fields (WORKSHOP_FIELDS)
        topics            [topic id]
        new_topics        [name]: topics to find by name or create
        hosts             [HostRow(organisation, role)]                                    | None
        attendance        [AttendanceRow(person, organisation, title, role, presence, contribution,
                                         meeting_role, joined_at, left_at, minutes_attended)] | None
        statements        [StatementRow(speaker, text, is_verbatim)]                        | None
        outcomes          [OutcomeRow(kind, text)]                                          | None
        actions           [ActionRow(title, owner, owner_organisation, due_date, status, description,
                                     agreement, responsible_organisations, completed_on)]   | None
        new_people        [NewPerson(key, honorific, family_name, given_name, name_order, name_local, email,
                                     organisation, title)]
        new_organisations [NewOrganisation(key, name, short_name, name_local, kind, country)]
        source_report, source_report_name: the report the entry was read from, kept with the workshop
        notes             [text]: what a reader found that the record cannot hold, shown above the entry form

Every row has an `id`: the row on record it stands for, or None for a row to add.

A person or an organisation is a *reference*, a string: "12" (the record with id 12), "new:n1" (the NewPerson or
NewOrganisation with key "n1", created in the same transaction if a kept row refers to it, with a position from its
title when it has an organisation) or "" (none). `ref()` makes one from an id.

A row list that is None leaves the workshop's rows of that kind as they are. A list replaces them: a row with an
id changes that row, a row without one is added, and a row on record that the list leaves out is removed. The order
of a list is the order of the rows.

`WorkshopData.from_workshop(workshop)` gives the record as it is on record (the row endpoints change one row of it
and write it back); `to_json()` and `from_json()` carry it, e.g. as the report reader's draft in the session.

LIMITS bounds every list: the service refuses more before it reads any row, and the entry page's formsets build no
row form past them.
"""

import dataclasses
import datetime
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

NEW = "new:"
_ID = re.compile(r"[0-9]{1,18}")

# The most rows of each kind one workshop record may have (README, "Limits").
LIMITS = {
    "hosts": 50,
    "attendance": 500,
    "statements": 300,
    "outcomes": 100,
    "actions": 200,
    "topics": 100,
    "new_records": 200,
}
LIMIT_LABELS = {
    "hosts": _("host and represented organisations"),
    "attendance": _("attendance rows"),
    "statements": _("statements"),
    "outcomes": _("outcomes"),
    "actions": _("follow-up actions"),
    "topics": _("topics"),
    "new_records": _("new people and organisations"),
}

WORKSHOP_FIELDS = (
    "title",
    "other_title",
    "kind",
    "format",
    "status",
    "start_date",
    "date_precision",
    "start_time",
    "end_date",
    "end_time",
    "timezone",
    "venue",
    "platform",
    "programme",
    "initiative",
    "coordinator",
    "reported_attendance",
    "summary",
    "minutes",
)
FOREIGN_KEYS = ("programme", "initiative", "coordinator")
# Who follows the workshop up is not part of its minutes: changing it opens no new revision.
FOLLOW_UP_FIELDS = ("coordinator",)


def ref(pk):
    """The reference to a record by its id (None: no record)."""
    return "" if pk is None else str(pk)


def is_new(reference):
    return isinstance(reference, str) and reference.startswith(NEW)


def is_record_id(value):
    """Whether a value is a record's id as a select sends it: ASCII digits, no larger than the database holds."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _row(cls):
    """A row class: its MODEL_FIELDS are its fields that are the model's own columns (not its id, nor what
    `NOT_COLUMNS` names), in order."""
    cls = dataclass(cls)
    cls.MODEL_FIELDS = tuple(
        f.name for f in dataclasses.fields(cls) if f.name not in ("id", *getattr(cls, "NOT_COLUMNS", ()))
    )
    return cls


@_row
class HostRow:
    organisation: str = ""
    role: str = "host"
    id: int | None = None


@_row
class AttendanceRow:
    person: str = ""
    organisation: str = ""
    title: str = ""
    role: str = "participant"
    presence: str = "present"
    contribution: str = ""
    meeting_role: str = ""
    joined_at: datetime.datetime | None = None
    left_at: datetime.datetime | None = None
    minutes_attended: int | None = None
    id: int | None = None


@_row
class StatementRow:
    speaker: str = ""
    text: str = ""
    is_verbatim: bool = False
    id: int | None = None


@_row
class OutcomeRow:
    kind: str = "consensus"
    text: str = ""
    id: int | None = None


@_row
class ActionRow:
    NOT_COLUMNS = ("responsible_organisations", "completed_on")  # a many-to-many, and set from the status
    title: str = ""
    owner: str = ""
    owner_organisation: str = ""
    due_date: datetime.date | None = None
    status: str = "open"
    description: str = ""
    agreement: int | None = None
    responsible_organisations: list[int] = field(default_factory=list)
    completed_on: datetime.date | None = None
    id: int | None = None


@dataclass
class NewPerson:
    key: str
    honorific: str = ""
    family_name: str = ""
    given_name: str = ""
    name_order: str = "given_first"
    name_local: str = ""
    email: str = ""
    organisation: str = ""  # a reference
    title: str = ""

    @property
    def value(self):
        return NEW + self.key


@dataclass
class NewOrganisation:
    key: str
    name: str = ""
    short_name: str = ""
    name_local: str = ""
    kind: str = "other"
    country: str = ""

    @property
    def value(self):
        return NEW + self.key


# A row's fields that name a person or an organisation (as references, see above).
PERSON_REFERENCES = ("person", "speaker", "owner")
ORGANISATION_REFERENCES = ("organisation", "owner_organisation")
REFERENCES = PERSON_REFERENCES + ORGANISATION_REFERENCES


def row_of(kind, instance, changes=None):
    """The WorkshopData row of `kind` for a row on record (or an unsaved one): its references as strings. `changes`
    ({field: value}, records as instances, as a form or serializer gives them) are applied over it."""
    row_class = ROW_CLASSES[kind]
    values = {}
    for name in row_class.MODEL_FIELDS:
        if name in REFERENCES:
            values[name] = ref(getattr(instance, f"{name}_id"))
        elif name == "agreement":
            values[name] = instance.agreement_id
        else:
            values[name] = getattr(instance, name)
    if kind == "actions":
        values["completed_on"] = instance.completed_on
        if instance.pk is not None:
            values["responsible_organisations"] = sorted(o.pk for o in instance.responsible_organisations.all())
    for name, value in (changes or {}).items():
        if name not in values and name != "responsible_organisations":
            continue
        if name in REFERENCES:
            value = ref(getattr(value, "pk", value))
        elif name == "agreement":
            value = getattr(value, "pk", value)
        elif name == "responsible_organisations":
            value = sorted(getattr(o, "pk", o) for o in value)
        values[name] = value
    return row_class(**values, id=instance.pk)


ROW_CLASSES = {
    "hosts": HostRow,
    "attendance": AttendanceRow,
    "statements": StatementRow,
    "outcomes": OutcomeRow,
    "actions": ActionRow,
}


@dataclass
class WorkshopData:
    title: str = ""
    other_title: str = ""
    kind: str = "bilateral"
    format: str = "online"
    status: str = ""
    start_date: datetime.date | None = None
    date_precision: str = "day"
    start_time: datetime.time | None = None
    end_date: datetime.date | None = None
    end_time: datetime.time | None = None
    timezone: str = "UTC"
    venue: str = ""
    platform: str = ""
    programme: int | None = None
    initiative: int | None = None
    coordinator: int | None = None
    reported_attendance: int | None = None
    summary: str = ""
    minutes: str = ""
    topics: list[int] = field(default_factory=list)
    new_topics: list[str] = field(default_factory=list)
    hosts: list[HostRow] | None = None
    attendance: list[AttendanceRow] | None = None
    statements: list[StatementRow] | None = None
    outcomes: list[OutcomeRow] | None = None
    actions: list[ActionRow] | None = None
    new_people: list[NewPerson] = field(default_factory=list)
    new_organisations: list[NewOrganisation] = field(default_factory=list)
    source_report: str = ""
    source_report_name: str = ""
    notes: list[str] = field(default_factory=list)

    def rows(self, kind):
        return getattr(self, kind)

    def new_record(self, reference):
        """The NewPerson or NewOrganisation a "new:<key>" reference names, or None."""
        if not is_new(reference):
            return None
        key = reference.removeprefix(NEW)
        return next((r for r in [*self.new_people, *self.new_organisations] if r.key == key), None)

    @classmethod
    def from_workshop(cls, workshop, only=None):
        """The record as it is on record, every row included (or the rows of kind `only`, the others None: left as
        they are): a fixed number of queries."""
        values = {}
        for name in WORKSHOP_FIELDS:
            values[name] = getattr(workshop, f"{name}_id" if name in FOREIGN_KEYS else name)
        data = cls(**values)
        if workshop.pk is None:
            return data
        data.topics = sorted(workshop.topics.values_list("pk", flat=True))
        related = {
            "hosts": workshop.organisation_links.order_by("id"),
            "attendance": workshop.attendances.order_by("order", "id"),
            "statements": workshop.statements.order_by("order", "id"),
            "outcomes": workshop.outcomes.order_by("order", "id"),
            "actions": workshop.action_items.order_by("id").prefetch_related("responsible_organisations"),
        }
        for kind in ROW_CLASSES if only is None else [only] if only else []:
            setattr(data, kind, [row_of(kind, instance) for instance in related[kind]])
        return data

    def to_json(self):
        return json.dumps(_plain(dataclasses.asdict(self)), ensure_ascii=False)

    @classmethod
    def from_json(cls, text):
        """The data `to_json` gave. ValueError for anything else."""
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not a workshop record")
        return _build(cls, raw)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


_PARSERS = {
    **dict.fromkeys(("start_date", "end_date", "due_date", "completed_on"), datetime.date.fromisoformat),
    **dict.fromkeys(("start_time", "end_time"), datetime.time.fromisoformat),
    **dict.fromkeys(("joined_at", "left_at"), datetime.datetime.fromisoformat),
}
_NESTED = {**ROW_CLASSES, "new_people": NewPerson, "new_organisations": NewOrganisation}


def _build(cls, raw):
    if not isinstance(raw, dict):
        raise ValueError("not a record")
    values = {}
    for each in dataclasses.fields(cls):
        if each.name not in raw:
            continue
        value = raw[each.name]
        if cls is WorkshopData and each.name in _NESTED and value is not None:
            if not isinstance(value, list):
                raise ValueError(each.name)
            value = [_build(_NESTED[each.name], item) for item in value]
        elif isinstance(value, str) and value and each.name in _PARSERS:
            value = _PARSERS[each.name](value)
        values[each.name] = value
    return cls(**values)
