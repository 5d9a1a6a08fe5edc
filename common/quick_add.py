"""Create a person or organisation from inside another form (the workshop entry page) without leaving it.

The page sends the name typed; the answer is either the records already on record that may be the same (so the user
picks one instead of making a duplicate) or, when there are none or the user insists, the new record's id and name.
The page also sends a key per name typed, so the same request sent twice (a double click) creates one record.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

from . import idempotency


class QuickAddForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    anyway = forms.BooleanField(required=False)
    key = forms.CharField(max_length=64, required=False)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


def matches_json(matches, label):
    """The JSON a type-ahead or a quick add answers with for matches: id, name, the name matched, the score and,
    from a search, how it matched (exact, prefix, word or near)."""
    return [
        {"id": m.record.pk, "name": label(m.record), "matched_on": m.matched_on, "score": m.score}
        | {"label": suggestion_label(label(m.record), m.matched_on)}
        | ({"kind": m.kind} if getattr(m, "kind", "") else {})
        for m in matches
    ]


def suggestion_label(name, matched_on):
    """What a suggestion reads: the record's name, and the name it was found by when the name does not show it
    already ("International Labour Organization (ILO)", never "… (ILO) (ILO)")."""
    if not matched_on or matched_on.casefold() in name.casefold():
        return name
    return f"{name} ({matched_on})"


def quick_add(request, *, find, build, label, ask=None):
    """find(name, email) -> matches; build(name, email) -> unsaved record; label(record) -> its display name;
    ask(name) -> the choices the user must make first (for a person's name whose order is a guess: {"name_order",
    "label"}, posted back as name_order), or []."""
    form = QuickAddForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": {f: [str(e) for e in errs] for f, errs in form.errors.items()}}, status=400)
    name, email = form.cleaned_data["name"], form.cleaned_data["email"]
    if not form.cleaned_data["anyway"]:
        matches = find(name, email)
        if matches:
            return JsonResponse({"created": False, "matches": matches_json(matches, label)})
    choices = ask(name) if ask else []
    if choices:
        return JsonResponse({"created": False, "choices": choices})
    key = form.cleaned_data["key"]
    record = build(name, email)
    try:
        with transaction.atomic():
            claimed = idempotency.claim(f"{request.path}:{key}", user=request.user) if key else None
            if key and claimed is None:
                return JsonResponse(idempotency.answer_of(f"{request.path}:{key}", user=request.user), status=200)
            record.full_clean()
            record.save()
            answer = {"created": True, "id": record.pk, "name": label(record)}
            if claimed is not None:
                idempotency.remember(claimed, answer)
    except ValidationError as error:
        return JsonResponse({"errors": {"name": error.messages}}, status=400)
    return JsonResponse(answer, status=201)
