"""CSV and XLSX downloads of the agreement list, with exactly the rows its filters select."""

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.exports import download

from .filters import AgreementFilter
from .models import Agreement, AgreementParty


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreements_export(request, fmt):
    queryset = (
        Agreement.objects.visible_to(request.user)
        .select_related("programme")
        .prefetch_related(Prefetch("parties", queryset=AgreementParty.objects.select_related("organisation")))
    )
    filterset = AgreementFilter(request.GET or None, queryset=queryset, request=request)
    headers = [
        _("ID"),
        _("Title"),
        _("Kind"),
        _("Scope"),
        _("Status"),
        _("Programme"),
        _("Parties"),
        _("Proposed on"),
        _("Signed on"),
        _("In force from"),
        _("Expires on"),
        _("Status since"),
    ]
    rows = [
        [
            a.pk,
            a.title,
            a.get_kind_display(),
            a.get_scope_display(),
            a.get_status_display(),
            a.programme.name if a.programme_id else "",
            "; ".join(f"{p.organisation.label} ({p.get_role_display()})" for p in a.parties.all()),
            a.proposed_on,
            a.signed_on,
            a.effective_from,
            a.expires_on,
            a.status_since,
        ]
        for a in filterset.qs
    ]
    return download(fmt, "agreements", _("Agreements"), headers, rows)
