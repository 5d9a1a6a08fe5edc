"""No lost updates: an edit based on an old version of a record is refused, and the user sees what changed.

Edit forms carry the record's version (its `updated_at`, to the microsecond) in a hidden field. Inside the saving
transaction, `refuse_stale()` locks the row and compares; if someone saved in between it raises `StaleEdit`, the view
shows the other person's changes beside everything this user typed, and the re-shown form carries the new version
so a second save, after reconciling, goes through.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


def version_of(instance_or_datetime):
    value = getattr(instance_or_datetime, "updated_at", instance_or_datetime)
    return value.isoformat() if value else ""


class StaleEdit(Exception):
    def __init__(self, current, changes):
        super().__init__(f"{current!r} changed since the form was opened")
        self.current = current
        self.changes = changes  # [(field label, value now)] with the user who saved last

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
    raise StaleEdit(current, _changes_since(current, submitted_version))


def _changes_since(current, submitted_version):
    history = current.history.order_by("-history_date", "-history_id")
    base = next((h for h in history if version_of(h.updated_at) == submitted_version), None)
    latest = history.first()
    if base is None or latest is None:
        return []
    delta = latest.diff_against(base, excluded_fields=[f.name for f in type(current)._meta.many_to_many])
    model = type(current)
    rows = []
    for change in delta.changes:
        if change.field == "updated_at":
            continue
        field = model._meta.get_field(change.field)
        value = getattr(current, field.name)
        if field.choices:
            value = getattr(current, f"get_{field.name}_display")()
        rows.append((field.verbose_name, value))
    return rows


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

    def take_version(self, current):
        """After a refusal: carry the current version, keep everything the user typed."""
        data = self.data.copy()
        data[self.add_prefix("version")] = version_of(current)
        self.data = data
