"""The "possible duplicates" pages of people and organisations: likely pairs side by side, a page at a time, and a
merge screen from there that shows both records field by field and merges with the values picked, through the
record's merge service (the one the API and the Django admin's merge action call)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

PAGE_SIZE = 10


class MergePairForm(forms.Form):
    """The two records of a pair (pair=<id>&pair=<id>) and the one kept."""

    pair = forms.TypedMultipleChoiceField(coerce=int, choices=())
    keep = forms.IntegerField()

    def __init__(self, data):
        super().__init__(data)
        self.fields["pair"].choices = [(value, value) for value in data.getlist("pair")]

    def clean(self):
        cleaned = super().clean()
        pair, keep = cleaned.get("pair") or [], cleaned.get("keep")
        if len(set(pair)) != 2 or keep not in pair:
            raise forms.ValidationError(_("Choose two different records to merge."))
        cleaned["other"] = next(pk for pk in pair if pk != keep)
        return cleaned


def duplicates_page(request, *, pairs, details, template, context, merge_allowed):
    """pairs() -> [(id, id, score, name matched)]; details(ids) -> {id: record with weight and created_by}."""
    paginator = Paginator(pairs(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    records = details({pk for a, b, _score, _name in page.object_list for pk in (a, b)})
    rows = []
    for a, b, score, name in page.object_list:
        if a in records and b in records:
            left, right = records[a], records[b]
            # The record with more history is the one to keep: more attendance, positions, agreements; else the older.
            keep = left if (left.weight, -left.pk) >= (right.weight, -right.pk) else right
            rows.append(
                {"left": left, "right": right, "pair": (left, right), "score": score, "matched_on": name, "keep": keep}
            )
    return render(request, template, {"page": page, "rows": rows, "merge_allowed": merge_allowed, **context})


def _shown(record, name):
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if field.choices:
        value = getattr(record, f"get_{name}_display")()
    value = getattr(value, "name", value)  # a country
    return "" if value is None else str(value)


def merge_rows(keep, other, fields, picks=None):
    """The merge screen's rows: each field with both records' values shown and the one picked (from `picks`, else
    the kept record's value, or the other's where the kept one is blank)."""
    rows = []
    for name in fields:
        attname = keep._meta.get_field(name).attname
        ours, theirs = getattr(keep, attname), getattr(other, attname)
        differs = str(ours if ours is not None else "") != str(theirs if theirs is not None else "")
        picked = (picks or {}).get(name) or ("keep" if ours not in ("", None) or not differs else "other")
        rows.append(
            {
                "name": name,
                "label": keep._meta.get_field(name).verbose_name,
                "keep": _shown(keep, name),
                "other": _shown(other, name),
                "differs": differs,
                "picked": picked if picked in ("keep", "other") else "keep",
                "errors": [],
            }
        )
    return rows


def merge_page(request, *, model, fields, merge, details, card, redirect_to):
    """The merge screen: GET pair=<id>&pair=<id>&keep=<id> shows both records side by side, field by field, with a
    choice for each value that differs; POST merges the other record into the one kept with the values picked
    (pick-<field>=keep|other), through the record's merge service, as the API and the admin's action do."""
    form = MergePairForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose two different records to merge."))
        return redirect(redirect_to)
    keep = get_object_or_404(model, pk=form.cleaned_data["keep"])
    other = get_object_or_404(model, pk=form.cleaned_data["other"])
    picks = {name: request.POST.get(f"pick-{name}") for name in fields} if request.method == "POST" else {}
    rows = merge_rows(keep, other, fields, picks)
    errors, failed = [], False
    if request.method == "POST":
        values = {}
        for row in rows:
            source = other if row["picked"] == "other" else keep
            values[row["name"]] = getattr(source, model._meta.get_field(row["name"]).attname)
        try:
            result = merge(keep=keep, duplicate=other, values=values, user=request.user)
        except ValidationError as error:
            failed = True
            by_field = dict(error.message_dict) if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
            for row in rows:
                row["errors"] = by_field.pop(row["name"], [])
            errors = [message for field_messages in by_field.values() for message in field_messages]
        else:
            messages.success(request, result.message())
            return redirect(redirect_to)
    found = details([keep.pk, other.pk])
    return render(
        request,
        "merge.html",
        {
            "keep": found.get(keep.pk, keep),
            "other": found.get(other.pk, other),
            "rows": rows,
            "card": card,
            "errors": errors,
            "cancel_url": reverse(redirect_to),
            "verbose_name": model._meta.verbose_name,
        },
        status=400 if failed else 200,
    )
