"""The one way a record's form page saves: validate, refuse a stale edit, save in one transaction, redirect."""

from django.contrib import messages
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .concurrency import StaleEdit


def limit_choices_to_scope(form, user):
    """A form offers only the records the user may see (a model whose QuerySet has visible_to: accounts/scope.py);
    common sits below accounts and reaches the rule through the QuerySet. A user of some programmes (not all) must
    choose one of them as the record's programme: without one, the record would leave their sight."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(user)
            if name == "programme" and not queryset.sees_all(user) and not field.disabled:
                field.required = True


def save_record_form(request, form_class, *, instance, template, context=None, formsets=()):
    """GET shows the form; POST saves it or shows it again with every message next to its field and every value
    the user typed. A save based on an old version is refused with the other person's changes (no lost update).

    formsets: inline formset classes of the record (its other names) shown below the form and saved with it, in the
    same transaction. A POST without a formset's management data (a client that only knows the record's fields)
    leaves that formset's rows alone."""
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    limit_choices_to_scope(form, request.user)
    bound = [
        formset_class(
            request.POST if f"{formset_class.get_default_prefix()}-TOTAL_FORMS" in request.POST else None,
            instance=instance,
        )
        for formset_class in formsets
    ]
    conflict = None
    formsets_valid = all(formset.is_valid() for formset in bound if formset.is_bound)
    if request.method == "POST" and form.is_valid() and formsets_valid:
        try:
            with transaction.atomic():
                form.refuse_stale()
                saved = form.save()
                for formset in bound:
                    if formset.is_bound:
                        formset.instance = saved
                        formset.save()
        except StaleEdit as stale:
            conflict = stale
            form.take_version(stale)
        else:
            messages.success(request, _("Saved “%(record)s”.") % {"record": saved})
            return redirect(saved)
    status = 409 if conflict else 200
    return render(
        request,
        template,
        {
            "form": form,
            "formsets": bound,
            "conflict": conflict,
            "object": instance if instance.pk else None,
            **(context or {}),
        },
        status=status,
    )


class RowsFormSet(BaseInlineFormSet):
    """An inline formset shown as rows under a record's form (templates/_partials/alias_formset.html)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
