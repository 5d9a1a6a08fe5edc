from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from partnership.editing import save_record_form
from partnership.pagination import paginate
from workshops.models import ActionItem

from .filters import AgreementFilter
from .forms import AgreementForm
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


@login_required
@permission_required("agreements.add_agreement", raise_exception=True)
def agreement_create(request):
    return save_record_form(
        request,
        AgreementForm,
        instance=Agreement(created_by=request.user),
        template="record_form.html",
        context={"heading": _("New agreement"), "cancel_url": reverse("agreements:list")},
    )


@login_required
@permission_required("agreements.change_agreement", raise_exception=True)
def agreement_edit(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    return save_record_form(
        request,
        AgreementForm,
        instance=agreement,
        template="record_form.html",
        context={"heading": _("Edit agreement")},
    )
