"""The one way a record's form page saves: validate, refuse a stale edit, save in one transaction, redirect."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .concurrency import StaleEdit


def save_record_form(request, form_class, *, instance, template, context=None):
    """GET shows the form; POST saves it or shows it again with every message next to its field and every value
    the user typed. A save based on an old version is refused with the other person's changes (no lost update)."""
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.refuse_stale()
                saved = form.save()
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
        {"form": form, "conflict": conflict, "object": instance if instance.pk else None, **(context or {})},
        status=status,
    )
