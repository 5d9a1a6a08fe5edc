"""History pages: who changed what and when, field by field, for any model with django-simple-history records.

Each page shows the record's own versions and the versions of the rows that belong to it and matter for the record
(a workshop's attendance, an agreement's parties). Each app routes its models' pages through history_view().
"""

import difflib
import re
from typing import NamedTuple

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.pagination import paginate

PAGE_SIZE = 50
# A row's place in its list is renumbered whenever a row above it is added or removed: no change anyone made.
UNLISTED_FIELDS = {"order"}
# A text longer than this is shown as the words that changed, with DIFF_CONTEXT words around each change.
LONG_TEXT = 200
DIFF_CONTEXT = 8
WORDS = re.compile(r"\s+|[^\s]+")


class FieldChange(NamedTuple):
    """One field's change: its label and the values before and after, as shown."""

    field: str
    old: object
    new: object

    @property
    def diff(self):
        """For a long text, [(kind, text)] with kind "same", "del", "ins" or "gap" (unchanged words left out): the
        changed words with some context. None for other values, which are shown whole."""
        if not (isinstance(self.old, str) and isinstance(self.new, str)):
            return None
        if max(len(self.old), len(self.new)) <= LONG_TEXT:
            return None
        return word_diff(self.old, self.new)


def word_diff(old, new, context=DIFF_CONTEXT):
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = old_words[i1:i2]
            # Whitespace tokens count as words here, so context words are 2 tokens each.
            keep = 2 * context
            head = same[:keep] if index > 0 else []
            tail = same[-keep:] if index < len(opcodes) - 1 else []
            if len(head) + len(tail) >= len(same):
                parts.append(("same", "".join(same)))
            else:
                if head:
                    parts.append(("same", "".join(head)))
                parts.append(("gap", "…"))
                if tail:
                    parts.append(("same", "".join(tail)))
            continue
        if i2 > i1:
            parts.append(("del", "".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(("ins", "".join(new_words[j1:j2])))
    return parts


class Change:
    """One saved version, with the fields it changed compared with the version before it."""

    def __init__(self, record, label, changes, *, unlisted_only=False):
        self.record = record
        self.label = label
        self.changes = changes  # [FieldChange(field label, old, new)]
        self.unlisted_only = unlisted_only  # changed, but only in UNLISTED_FIELDS
        self.date = record.history_date
        self.user = record.history_user
        self.kind = record.get_history_type_display()
        self.reason = record.history_change_reason


def _display(field, value, related):
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    if field is not None and isinstance(field, models.ForeignKey):
        return related.get((field.related_model, value), f"#{value}")
    return value


def names_of(model, ids):
    """{id: name} of `model`'s records with these ids; a record no longer on record (deleted, or merged into
    another) by the name its history last knew, marked as gone."""
    names = {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}
    missing = set(ids) - set(names)
    history = getattr(model, "history", None)
    if missing and history is not None:
        last = {}
        for record in history.filter(id__in=missing).order_by("history_date", "history_id"):
            last[record.id] = record
        for pk, record in last.items():
            names[pk] = _("%(name)s (no longer on record)") % {"name": str(record.instance)}
    return names


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _changes(records, model, label_of, hidden=frozenset()):
    """Pair each version with the one before it (same object) and list what changed, in a fixed number of queries.
    The fields in `hidden` are left out, as if unchanged (a version that changed only them shows no field)."""
    records = list(records)
    previous = {}
    for record in reversed(records):  # oldest first, so each version finds its predecessor
        record._previous = previous.get(record.id)
        previous[record.id] = record
    deltas = [
        (record, record.diff_against(record._previous, excluded_fields=_m2m_names(model)) if record._previous else None)
        for record in records
    ]

    # Resolve foreign keys in one query per related model.
    wanted = {}
    for _record, delta in deltas:
        for change in delta.changes if delta else []:
            field = _field(model, change.field)
            if isinstance(field, models.ForeignKey):
                for value in (change.old, change.new):
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
    related = {}
    for related_model, ids in wanted.items():
        for pk, name in names_of(related_model, ids).items():
            related[related_model, pk] = name

    result = []
    for record, delta in deltas:
        rows = []
        for change in delta.changes if delta else []:
            if change.field in UNLISTED_FIELDS or change.field in hidden:
                continue
            field = _field(model, change.field)
            rows.append(
                FieldChange(
                    field.verbose_name if field is not None else change.field,
                    _display(field, change.old, related),
                    _display(field, change.new, related),
                )
            )
        result.append(Change(record, label_of(record), rows, unlisted_only=bool(delta and delta.changes) and not rows))
    return result


def _m2m_names(model):
    return [field.name for field in model._meta.many_to_many]


def history_view(model, *, related=(), restricted=None):
    """The history page of `model`'s records. `related` lists the rows whose history belongs on the page, as
    (model, key pointing at the record, the field that names the row — a foreign key or a text — or None to use the
    row's own name). A row's version that changed only unlisted fields (its place in the list) is left out.
    `restricted`: {field name: permission}; a user without the permission sees no change of that field."""
    opts = model._meta

    @require_safe
    @login_required
    def view(request, pk):
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        records = model._default_manager.all()
        # A record outside the user's programmes (a model whose QuerySet has visible_to) is not found.
        if hasattr(records, "visible_to"):
            records = records.visible_to(request.user)
        obj = get_object_or_404(records, pk=pk)
        own = model.history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id")
        page = paginate(request, own, per_page=PAGE_SIZE)
        # One version more than the page shows, so the page's oldest version can be compared with its predecessor.
        start = page.start_index() - 1 if page.paginator.count else 0
        window = list(own[start : start + PAGE_SIZE + 1])
        hidden = {name for name, permission in (restricted or {}).items() if not request.user.has_perm(permission)}
        versions = _changes(window, model, lambda record: str(obj), hidden)[: len(page.object_list)]

        sections = []
        for related_model, key, label_field in related:
            records = (
                related_model.history.filter(**{key: pk})
                .select_related("history_user")
                .order_by("-history_date", "-history_id")[:200]
            )
            label_model = _field(related_model, label_field.removesuffix("_id")).related_model if label_field else None
            records = list(records)
            labels = {}
            if label_model is not None:
                labels = names_of(label_model, {getattr(r, label_field) for r in records} - {None})

            def label_of(record, lf=label_field, names=labels, by_key=label_model is not None):
                if not lf:
                    return str(record)
                return names.get(getattr(record, lf), "—") if by_key else getattr(record, lf)

            changes = _changes(records, related_model, label_of)
            changes = [c for c in changes if not c.unlisted_only]
            sections.append((related_model._meta.verbose_name_plural, changes))

        admin_history = None
        if request.user.is_staff and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            admin_history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[pk])
        return render(
            request,
            "history.html",
            {
                "object": obj,
                "verbose_name": opts.verbose_name,
                "page": page,
                "versions": versions,
                "sections": sections,
                "admin_history": admin_history,
            },
        )

    return view
