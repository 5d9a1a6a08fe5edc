"""A person's own export: every row that refers to them, from every table, the history included.

    person_export(person) -> {"person": {...}, "tables": {"workshops.attendance": [{...}, ...], ...}}

The tables are found by walking the models (privacy.services.person_tables), not listed: a table added later with
a foreign key to Person is in the export without anyone remembering it.
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import names_of
from participants.models import Person

from .services import person_tables

# Never handed out, not even to the person: sign-in secrets and the calendar feed's token.
SECRET_FIELDS = {"password", "calendar_token", "session_generation"}


def _row(obj, fields):
    return {field.attname: field.value_from_object(obj) for field in fields if field.name not in SECRET_FIELDS}


def _fields(model):
    return [field for field in model._meta.concrete_fields if field.name not in SECRET_FIELDS]


def person_export(person):
    """{"person": the record, "tables": {table label: [rows]}} with every row of every table that refers to the
    person (the history's versions of the person under "participants.historicalperson")."""
    tables = {}
    history = Person.history.model
    tables[history._meta.label_lower] = [
        _row(row, _fields(history)) for row in history.objects.filter(id=person.pk).order_by("history_date")
    ]
    for model, field in person_tables():
        rows = model._base_manager.filter(**{field.name: person.pk}).order_by(model._meta.pk.attname)
        label = model._meta.label_lower
        tables[label] = tables.get(label, []) + [_row(row, _fields(model)) for row in rows]
    # The meeting records sent to them: the sending itself, not only the link.
    sendings = person.record_sendings.order_by("id")
    tables["workshops.meetingrecordsending"] = [_row(s, _fields(s._meta.model)) for s in sendings]
    return {
        "exported_at": timezone.now(),
        "person": _row(person, _fields(Person)),
        "tables": {label: rows for label, rows in sorted(tables.items()) if rows},
    }


class ExportEncoder(DjangoJSONEncoder):
    def default(self, o):
        if hasattr(o, "code") and hasattr(o, "name"):  # a country
            return o.code
        return super().default(o)


class Section:
    """One table of the export, as the readable summary shows it: headings and rows of shown values."""

    def __init__(self, model, rows, related):
        self.model = model
        instance_type = getattr(model, "instance_type", None)
        if instance_type is not None:  # a history table
            self.title = _("Earlier versions: %(records)s") % {"records": instance_type._meta.verbose_name_plural}
        else:
            self.title = model._meta.verbose_name_plural
        self.label = model._meta.label_lower
        shown = [f for f in _fields(model) if f.attname in (rows[0] if rows else {})]
        self.headings = [str(f.verbose_name) for f in shown]
        self.rows = [[_shown(f, row[f.attname], related) for f in shown] for row in rows]


def _shown(field, value, related):
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        return related.get((field.related_model, value), f"#{value}")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return value


def export_sections(data):
    """The export's tables as Sections, the records they point to named, in one query per model pointed to."""
    from django.apps import apps

    wanted = {}
    for label, rows in [("participants.person", [data["person"]]), *data["tables"].items()]:
        model = apps.get_model(label)
        for field in _fields(model):
            if field.is_relation and isinstance(field, models.ForeignKey) and field.related_model is not None:
                for row in rows:
                    value = row.get(field.attname)
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
    related = {}
    for model, ids in wanted.items():
        if model._meta.model_name.startswith("historical"):
            related.update({(model, pk): f"#{pk}" for pk in ids})
            continue
        for pk, name in names_of(model, ids).items():
            related[model, pk] = name
    # The record first, then the rows that refer to it, then the earlier versions of each.
    sections = [Section(Person, [data["person"]], related)]
    tables = sorted(data["tables"].items(), key=lambda item: (".historical" in item[0], item[0]))
    return sections + [Section(apps.get_model(label), rows, related) for label, rows in tables]
