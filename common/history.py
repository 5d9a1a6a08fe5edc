"""History pages: who changed what and when, field by field, for any model with django-simple-history records.

Each page shows the record's own versions and the versions of the rows that belong to it and matter for the record
(a workshop's attendance, an agreement's parties). Each app routes its models' pages through history_view().
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from common.pagination import paginate

PAGE_SIZE = 50


class Change:
    """One saved version, with the fields it changed compared with the version before it."""

    def __init__(self, record, label, changes):
        self.record = record
        self.label = label
        self.changes = changes  # [(field label, old, new)]
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


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _changes(records, model, label_of):
    """Pair each version with the one before it (same object) and list what changed, in a fixed number of queries."""
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
        for obj in related_model._base_manager.filter(pk__in=ids):
            related[related_model, obj.pk] = str(obj)

    result = []
    for record, delta in deltas:
        rows = []
        for change in delta.changes if delta else []:
            field = _field(model, change.field)
            rows.append(
                (
                    field.verbose_name if field is not None else change.field,
                    _display(field, change.old, related),
                    _display(field, change.new, related),
                )
            )
        result.append(Change(record, label_of(record), rows))
    return result


def _m2m_names(model):
    return [field.name for field in model._meta.many_to_many]


def history_view(model, *, related=()):
    """The history page of `model`'s records. `related` lists the rows whose history belongs on the page, as
    (model, key pointing at the record, foreign key that names the row or None to use the row's own name)."""
    opts = model._meta

    @require_safe
    @login_required
    def view(request, pk):
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        obj = get_object_or_404(model, pk=pk)
        own = model.history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id")
        page = paginate(request, own, per_page=PAGE_SIZE)
        # One version more than the page shows, so the page's oldest version can be compared with its predecessor.
        start = page.start_index() - 1 if page.paginator.count else 0
        window = list(own[start : start + PAGE_SIZE + 1])
        versions = _changes(window, model, lambda record: str(obj))[: len(page.object_list)]

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
                ids = {getattr(r, label_field) for r in records}
                labels = {o.pk: str(o) for o in label_model._base_manager.filter(pk__in=ids)}
            sections.append(
                (
                    related_model._meta.verbose_name_plural,
                    _changes(
                        records,
                        related_model,
                        lambda record, lf=label_field, names=labels: (
                            names.get(getattr(record, lf), "—") if lf else str(record)
                        ),
                    ),
                )
            )

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
