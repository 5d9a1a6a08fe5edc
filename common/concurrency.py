"""No lost updates: an edit based on an old version of a record is refused, and the user sees what changed.

Edit forms carry the record's version (its `updated_at`, to the microsecond) in a hidden field. Inside the saving
transaction, `refuse_stale()` locks the row and compares; if someone saved in between it raises `StaleEdit`, the view
shows the other person's changes beside everything this user typed, and the re-shown form carries the new version
so a second save, after reconciling, goes through.
"""

from django import forms
from django.db import connection, models
from django.utils.translation import gettext_lazy as _


def version_of(instance_or_datetime):
    value = getattr(instance_or_datetime, "updated_at", instance_or_datetime)
    return value.isoformat() if value else ""


class StaleEdit(Exception):
    def __init__(self, current, changes, base=None, changed_fields=()):
        super().__init__(f"{current!r} changed since the form was opened")
        self.current = current
        self.changes = changes  # [(field label, value now)]
        self.base = base  # the version the user started from (a historical record), when history has it
        self.changed_fields = list(changed_fields)
        self.merged = []  # labels of their changes taken into the form because the user had not touched them
        self.conflicts = []  # labels of fields both changed: the form keeps the user's value for them to decide

    @property
    def changed_by(self):
        latest = self.current.history.order_by("-history_date").first()
        return latest.history_user if latest else None


def refuse_stale(instance, submitted_version):
    """Lock the row and raise StaleEdit if it was saved after `submitted_version`. Call inside a transaction."""
    if instance.pk is None:
        return
    model = type(instance)
    current = model._default_manager.select_for_update().get(pk=instance.pk)
    if version_of(current) == submitted_version:
        return
    history = current.history.order_by("-history_date", "-history_id")
    base = next((h for h in history if version_of(h.updated_at) == submitted_version), None)
    latest = history.first()
    if base is None or latest is None:
        raise StaleEdit(current, [])
    delta = latest.diff_against(base, excluded_fields=[f.name for f in model._meta.many_to_many])
    names = [change.field for change in delta.changes if change.field != "updated_at"]
    rows = []
    for name in names:
        field = model._meta.get_field(name)
        value = getattr(current, f"get_{name}_display")() if field.choices else getattr(current, name)
        rows.append((field.verbose_name, value))
    raise StaleEdit(current, rows, base=base, changed_fields=names)


class VersionField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class VersionedFormMixin:
    """For a ModelForm of a model with `updated_at`: adds the hidden `version` field, set from the instance."""

    version_error = _("Someone else saved this record while you were editing it. Review their changes below.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField()
        self.fields["version"].initial = version_of(self.instance) if self.instance.pk else ""

    def refuse_stale(self):
        refuse_stale(self.instance, self.cleaned_data.get("version", ""))

    def take_version(self, stale):
        """After a refusal: carry the current version and merge the other person's changes three ways.

        A field only they changed takes their value; a field the user changed keeps what the user typed and is
        listed as a conflict for the user to decide. Everything else the user typed stays as typed.
        """
        data = self.data.copy()
        data[self.add_prefix("version")] = version_of(stale.current)
        current_form = type(self)(instance=stale.current)
        for name in stale.changed_fields:
            if name not in self.fields:
                continue
            label = self.fields[name].label or name
            mine = self.cleaned_data.get(name)
            untouched = stale.base is not None and mine == getattr(stale.base, name, None)
            if isinstance(mine, models.Model):
                untouched = stale.base is not None and mine.pk == getattr(stale.base, f"{name}_id", None)
            if untouched:
                value = current_form[name].value()
                widget = self.fields[name].widget
                if isinstance(widget, forms.CheckboxInput):
                    data.pop(self.add_prefix(name), None)
                    if value:
                        data[self.add_prefix(name)] = "on"
                else:
                    formatted = widget.format_value(value)
                    data[self.add_prefix(name)] = "" if formatted is None else formatted
                stale.merged.append(label)
            else:
                stale.conflicts.append(label)
        self.data = data


def bump_version(record, *, user, reason):
    """A row that belongs to `record` (an attendance to its workshop, a party to its agreement) was changed on its
    own: give `record` a new version, so an edit page opened before is refused rather than writing back the old
    row. Call inside the transaction that changes the row; it locks `record`'s row and records `reason` in its
    history, which the conflict screen shows as "related rows" changed."""
    model = type(record)
    current = model._default_manager.select_for_update().get(pk=record.pk)
    current._history_user = user
    current._change_reason = reason
    current.save(update_fields=["updated_at"])
    record.updated_at = current.updated_at
    return current


def lock_version(record):
    """Lock `record`'s row first, before its rows: the order the edit page's save takes them in, so an API write to
    a row and a save of the page wait for each other instead of deadlocking."""
    type(record)._default_manager.select_for_update().filter(pk=record.pk).values_list("pk").first()


def lock_name(name):
    """A lock on a name rather than a row, held to the end of the transaction: for writes that have no row to lock
    yet (creating people who must not be created twice). PostgreSQL only; SQLite takes one writer at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])
