import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.roles import ADMIN
from accounts.scope import sees_all_programmes
from common.security import client_address
from participants.models import Person

from .export import ExportEncoder, export_sections, person_export
from .forms import AnonymiseForm
from .services import RETENTION_REASON, person_anonymise, person_check_anonymisable

# Who read or erased whose data, by record id only: the security log may outlive an erasure.
security = logging.getLogger("common.security")


def may_handle_personal_data(user):
    """Exporting or anonymising a person: admins for all programmes only (and superusers), at every page. A person's
    export lists their rows of every programme, so an admin of some programmes gets 403 (accounts/scope.py)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name=ADMIN).exists() and sees_all_programmes(user)


def _person_for_admin(request, pk):
    if not may_handle_personal_data(request.user):
        raise PermissionDenied
    return get_object_or_404(Person, pk=pk)


@require_safe
def privacy_notice(request):
    return render(
        request,
        "privacy/notice.html",
        {"retention_days": settings.RETENTION_DAYS, "contact": settings.PRIVACY_CONTACT},
    )


@require_safe
@login_required
def person_export_page(request, pk):
    person = _person_for_admin(request, pk)
    data = person_export(person)
    _log(request, "export-page", person)
    return render(
        request,
        "privacy/export.html",
        {"person": person, "exported_at": data["exported_at"], "sections": export_sections(data)},
    )


@require_safe
@login_required
def person_export_json(request, pk):
    person = _person_for_admin(request, pk)
    _log(request, "export-json", person)
    content = json.dumps(person_export(person), cls=ExportEncoder, ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def person_anonymise_page(request, pk):
    person = _person_for_admin(request, pk)
    form = AnonymiseForm(request.POST or None)
    refused = None
    try:
        person_check_anonymisable(person=person)
    except ValidationError as error:
        refused = error.messages[0]
    if request.method == "POST" and form.is_valid() and refused is None:
        try:
            person_anonymise(person=person, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, texts in errors.items():
                for text in texts:
                    form.add_error(field if field in form.fields else None, text)
        else:
            _log(request, "anonymise", person)
            messages.success(request, _("The person was anonymised and their history deleted; the log keeps why."))
            return redirect(person)
    return render(
        request,
        "privacy/anonymise.html",
        {"person": person, "form": form, "refused": refused, "retention_reason": RETENTION_REASON},
    )


def _log(request, what, person):
    user, address = request.user.get_username(), client_address(request)
    security.info("personal data %s person=%s user=%s ip=%s", what, person.pk, user, address)
