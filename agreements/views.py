from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partnership.pagination import paginate
from workshops.models import ActionItem

from .filters import AgreementFilter
from .models import Agreement, AgreementParty, AgreementStatusChange


def _parties():
    return Prefetch(
        "parties",
        queryset=AgreementParty.objects.select_related("organisation", "signatory").order_by(
            "role", "organisation__name"
        ),
    )


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreement_list(request):
    queryset = Agreement.objects.select_related("programme").prefetch_related(_parties())
    filterset = AgreementFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    return render(request, "agreements/agreement_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreement_detail(request, pk):
    agreement = get_object_or_404(
        Agreement.objects.select_related("programme", "renews", "created_by").prefetch_related(
            _parties(),
            "documents",
            "amendments",
            "renewals",
            "scope_topics",
            "origin_workshops",
            "origin_outcomes__workshop",
            Prefetch("status_changes", queryset=AgreementStatusChange.objects.select_related("changed_by")),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner", "workshop")),
        ),
        pk=pk,
    )
    return render(request, "agreements/agreement_detail.html", {"agreement": agreement})
