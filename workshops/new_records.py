"""People and organisations typed on the workshop entry page that are not on record yet.

The page carries them in its hidden field `new_records`, a JSON list, until the workshop is saved; nothing is written
before. Each item has a key ("n1") and a type:

    {"key": "n1", "type": "person", "honorific": "Prof.", "family_name": "Shi", "given_name": "Lei",
     "name_order": "family_first", "name_local": "", "email": "", "organisation": "<id>" | "new:n2" | "",
     "title": "Professor"}
    {"key": "n2", "type": "organisation", "name": "…", "short_name": "…", "name_local": "…", "kind": "government",
     "country": "KH"}

A person or organisation select of the page's rows refers to one with the value "new:<key>". This module only reads
and writes that JSON as WorkshopData's NewPerson and NewOrganisation (data.py); workshop_write checks them and
creates those the rows refer to, in the workshop's transaction, so a refused or abandoned entry leaves nothing.
"""

import dataclasses
import json
import re

from django.utils.translation import gettext as _

from participants.models import Person

from .data import LIMITS, NewOrganisation, NewPerson, is_new

_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
PERSON_FIELDS = ("honorific", "family_name", "given_name", "name_order", "name_local", "email", "organisation", "title")
ORGANISATION_FIELDS = ("name", "short_name", "name_local", "kind", "country")
LIMITS_OF_TEXT = {"title": 200, "organisation": 60}


class NewRecords:
    """The page's new records, read from its JSON. Never raises: what cannot be read is in `errors`."""

    def __init__(self, text=""):
        self.text = text or ""
        self.people = []
        self.organisations = []
        self.errors = []
        if self.text.strip():
            self._read()

    @classmethod
    def of(cls, people, organisations):
        records = cls()
        records.people, records.organisations = list(people), list(organisations)
        records.text = records.as_json()
        return records

    def labels(self):
        """{"new:<key>": the select's label} for every new record."""
        labels = {}
        for person in self.people:
            name = Person(
                given_name=person.given_name,
                family_name=person.family_name,
                name_order=person.name_order,
                name_local=person.name_local,
            ).full_name
            labels[person.value] = _("%(name)s (new)") % {"name": name or person.key}
        for organisation in self.organisations:
            name = organisation.name or organisation.key
            if organisation.short_name:
                name = f"{name} ({organisation.short_name})"
            labels[organisation.value] = _("%(name)s (new)") % {"name": name}
        return labels

    def get(self, value):
        if not is_new(value):
            return None
        key = value.removeprefix("new:")
        return next((r for r in [*self.people, *self.organisations] if r.key == key), None)

    def as_json(self):
        items = [{"type": "organisation", **dataclasses.asdict(o)} for o in self.organisations]
        items += [{"type": "person", **dataclasses.asdict(p)} for p in self.people]
        return json.dumps(items, ensure_ascii=False) if items else ""

    def _read(self):
        unreadable = _("The new people and organisations of this page could not be read; add them again.")
        try:
            items = json.loads(self.text)
        except ValueError:
            self.errors.append(unreadable)
            return
        if (
            not isinstance(items, list)
            or len(items) > LIMITS["new_records"]
            or not all(isinstance(i, dict) for i in items)
        ):
            self.errors.append(unreadable)
            return
        keys = set()
        for item in items:
            key = str(item.get("key", ""))
            if not _KEY.match(key) or key in keys:
                self.errors.append(_("A new record has a missing or repeated key: %(key)s.") % {"key": key[:40]})
                continue
            keys.add(key)
            if item.get("type") == "person":
                self.people.append(NewPerson(key=key, **{name: _text(item, name) for name in PERSON_FIELDS}))
            elif item.get("type") == "organisation":
                self.organisations.append(
                    NewOrganisation(key=key, **{name: _text(item, name) for name in ORGANISATION_FIELDS})
                )
            else:
                self.errors.append(_("A new record is neither a person nor an organisation: %(key)s.") % {"key": key})


def _text(item, name):
    value = item.get(name, "")
    return " ".join(str(value).split())[: LIMITS_OF_TEXT.get(name, 300)] if value is not None else ""
