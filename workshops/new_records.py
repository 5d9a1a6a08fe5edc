"""People and organisations typed on the workshop entry page that are not on record yet.

The page carries them in its hidden field `new_records`, a JSON list, until the workshop is saved; nothing is written
before. Each item has a key ("n1") and a type:

    {"key": "n1", "type": "person", "honorific": "Prof.", "family_name": "Shi", "given_name": "Lei",
     "name_order": "family_first", "name_local": "", "email": "", "organisation": "<id>" | "new:n2" | "",
     "title": "Professor"}
    {"key": "n2", "type": "organisation", "name": "…", "short_name": "…", "name_local": "…", "kind": "government",
     "country": "KH"}

A person or organisation select of the page's rows refers to one with the value "new:<key>". workshop_save creates
those the rows refer to (and the new organisations of those people) in the workshop's transaction, so a refused or
abandoned entry leaves nothing behind.
"""

import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from institutes.models import Organisation
from participants.models import Person, Position

PREFIX = "new:"
MAX_RECORDS = 200
_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_ID = re.compile(r"[0-9]{1,18}")
PERSON_FIELDS = ("honorific", "family_name", "given_name", "name_order", "name_local", "email")
ORGANISATION_FIELDS = ("name", "short_name", "name_local", "kind", "country")


def is_record_id(value):
    """Whether a value is a record's id as a select sends it: ASCII digits, no larger than the database holds."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


@dataclass
class NewRecord:
    key: str
    type: str  # "person" or "organisation"
    instance: Person | Organisation
    organisation: str = ""  # a person's: an organisation id, "new:<key>" or ""
    title: str = ""  # a person's job title
    errors: list = field(default_factory=list)

    @property
    def value(self):
        return PREFIX + self.key

    @property
    def label(self):
        name = self.instance.full_name if self.type == "person" else str(self.instance)
        return _("%(name)s (new)") % {"name": name or self.key}

    def organisation_record(self, new_records):
        """The person's organisation: a NewRecord, an Organisation, or None."""
        if self.organisation.startswith(PREFIX):
            return new_records.get(self.organisation.removeprefix(PREFIX), "organisation")
        if is_record_id(self.organisation):
            return Organisation.objects.filter(pk=self.organisation).first()
        return None


class NewRecords:
    """The page's new records, read from its JSON. Never raises: what cannot be read is in `errors`."""

    def __init__(self, text=""):
        self.text = text or ""
        self.records = {}
        self.errors = []
        if self.text.strip():
            self._read()

    def __bool__(self):
        return bool(self.records)

    def get(self, key, type_):
        record = self.records.get(key)
        return record if record is not None and record.type == type_ else None

    def of_type(self, type_):
        return [record for record in self.records.values() if record.type == type_]

    def for_model(self, model):
        if model is Person:
            return self.of_type("person")
        if model is Organisation:
            return self.of_type("organisation")
        return []

    def resolve(self, value, model):
        """The NewRecord a select's value "new:<key>" stands for, if it is one of `model`'s kind."""
        if not isinstance(value, str) or not value.startswith(PREFIX):
            return None
        return self.get(value.removeprefix(PREFIX), "person" if model is Person else "organisation")

    def _read(self):
        try:
            items = json.loads(self.text)
        except ValueError:
            self.errors.append(_("The new people and organisations of this page could not be read; add them again."))
            return
        if not isinstance(items, list) or len(items) > MAX_RECORDS or not all(isinstance(i, dict) for i in items):
            self.errors.append(_("The new people and organisations of this page could not be read; add them again."))
            return
        for item in items:
            key = str(item.get("key", ""))
            if not _KEY.match(key) or key in self.records:
                self.errors.append(_("A new record has a missing or repeated key: %(key)s.") % {"key": key[:40]})
                continue
            if item.get("type") == "person":
                record = self._person(key, item)
            elif item.get("type") == "organisation":
                record = self._organisation(key, item)
            else:
                self.errors.append(_("A new record is neither a person nor an organisation: %(key)s.") % {"key": key})
                continue
            self.records[key] = record
        for record in self.of_type("person"):
            self._check_person_organisation(record)
        for record in self.records.values():
            self.errors.extend(self._describe(record, message) for message in record.errors)

    @staticmethod
    def _text(item, name, limit=300):
        value = item.get(name, "")
        return " ".join(str(value).split())[:limit] if value is not None else ""

    def _person(self, key, item):
        values = {name: self._text(item, name) for name in PERSON_FIELDS}
        values["name_order"] = values["name_order"] or Person.NameOrder.GIVEN_FIRST
        person = Person(**values)
        record = NewRecord(
            key=key,
            type="person",
            instance=person,
            organisation=self._text(item, "organisation", 60),
            title=self._text(item, "title", 200),
        )
        record.errors = _model_errors(person)
        return record

    def _organisation(self, key, item):
        values = {name: self._text(item, name) for name in ORGANISATION_FIELDS}
        values["kind"] = values["kind"] or Organisation.Kind.OTHER
        values["country"] = values["country"].upper()
        organisation = Organisation(**values)
        record = NewRecord(key=key, type="organisation", instance=organisation)
        record.errors = _model_errors(organisation)
        return record

    def _check_person_organisation(self, record):
        reference = record.organisation
        if not reference:
            return
        if reference.startswith(PREFIX):
            if self.get(reference.removeprefix(PREFIX), "organisation") is None:
                record.errors.append(_("Its organisation is not among the new organisations of this page."))
        elif not is_record_id(reference) or not Organisation.objects.filter(pk=reference).exists():
            record.errors.append(_("Its organisation is not on record."))

    @staticmethod
    def _describe(record, message):
        if record.type == "person":
            return _("New person “%(name)s”: %(error)s") % {"name": record.instance.full_name, "error": message}
        return _("New organisation “%(name)s”: %(error)s") % {"name": record.instance.name, "error": message}

    def save(self, referenced, *, user, start_date=None):
        """Create the records in `referenced` (NewRecords) and the new organisations of those people; give each new
        person with an organisation and a title that position. The caller holds the transaction."""
        wanted = {record.key: record for record in referenced}
        for record in list(wanted.values()):
            organisation = record.organisation_record(self) if record.type == "person" else None
            if isinstance(organisation, NewRecord):
                wanted[organisation.key] = organisation
        for type_ in ("organisation", "person"):
            for record in wanted.values():
                if record.type != type_ or record.instance.pk is not None:
                    continue
                instance = record.instance
                instance._history_user = user
                instance._change_reason = _("Added from the workshop entry page")
                instance.full_clean()
                instance.save()
                organisation = record.organisation_record(self) if type_ == "person" else None
                if isinstance(organisation, NewRecord):
                    organisation = organisation.instance
                if organisation is not None and record.title:
                    position = Position(
                        person=instance, organisation=organisation, title=record.title, start_date=start_date
                    )
                    position._history_user = user
                    position.full_clean()
                    position.save()
        return [record.instance for record in wanted.values()]


def _model_errors(instance):
    try:
        instance.full_clean(validate_unique=False)
    except ValidationError as error:
        return [
            f"{_field_label(instance, name)}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        ]
    return []


def _field_label(instance, name):
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
