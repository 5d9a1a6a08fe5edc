"""The "possible duplicates" pages of people and organisations: likely pairs side by side, a page at a time, and a
merge from there through the record's merge service (the one the Django admin's merge action calls)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
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


def merge_pair(request, *, model, merge, redirect_to):
    """POST pair=<id>&pair=<id>&keep=<id>: fold the other record of the pair into the one kept, in one
    transaction."""
    form = MergePairForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose two different records to merge."))
        return redirect(redirect_to)
    with transaction.atomic():
        keep = get_object_or_404(model.objects.select_for_update(), pk=form.cleaned_data["keep"])
        other = get_object_or_404(model.objects.select_for_update(), pk=form.cleaned_data["other"])
        label = str(other)
        moved = merge(keep=keep, duplicates=[other])
    messages.success(
        request,
        _("Merged “%(other)s” into “%(keep)s”; %(moved)d rows moved.") % {"other": label, "keep": keep, "moved": moved},
    )
    return redirect(redirect_to)
