from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.roles import may_merge
from common.duplicates import duplicates_page, merge_page
from common.editing import save_record_form
from common.pagination import paginate
from common.quick_add import matches_json, quick_add
from common.search import cut_query

from . import duplicates
from .filters import OrganisationFilter
from .forms import OrganisationAliasFormSet, OrganisationForm
from .matching import is_acronym
from .models import Organisation, OrganisationRelation
from .search import match_organisations, search_organisations
from .services import ORGANISATION_MERGE_FIELDS, organisation_merge


@require_safe
@login_required
@permission_required("institutes.view_organisation", raise_exception=True)
def organisation_list(request):
    queryset = (
        Organisation.objects.select_related("city", "now_known_as")
        # Counted per row of the page, not by grouping every position of every organisation.
        .annotate(
            people_count=Coalesce(
                Subquery(
                    Organisation.objects.filter(pk=OuterRef("pk"))
                    .order_by()
                    .values("pk")
                    .annotate(n=Count("positions__person", distinct=True))
                    .values("n")
                ),
                0,
            )
        )
        .order_by("name", "id")
    )
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    page = paginate(request, filterset.qs)
    return render(request, "institutes/organisation_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("institutes.view_organisation", raise_exception=True)
def organisation_detail(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.select_related("city", "now_known_as").prefetch_related(
            "aliases",
            "former_records",
            Prefetch("relations_from", to_attr="outgoing", queryset=_relations("to_organisation")),
            Prefetch("relations_to", to_attr="incoming", queryset=_relations("from_organisation")),
        ),
        pk=pk,
    )
    # People and agreements come through the reverse relations their apps declare; the workshops section is
    # rendered by the workshops app's tag (institutes sits below both and imports neither).
    positions = organisation.positions.select_related("person").order_by("person__family_name", "-start_date")
    # Agreements of the user's programmes only (accounts/scope.py: the related manager is the model's ScopedQuerySet).
    parties = (
        organisation.agreement_parties.visible_to(request.user)
        .select_related("agreement", "signatory")
        .order_by("-agreement__updated_at")
    )
    return render(
        request,
        "institutes/organisation_detail.html",
        {"organisation": organisation, "positions": positions, "agreement_parties": parties},
    )


def _relations(other):
    return OrganisationRelation.objects.select_related(other)


@login_required
@permission_required("institutes.add_organisation", raise_exception=True)
def organisation_create(request):
    return save_record_form(
        request,
        OrganisationForm,
        instance=Organisation(),
        template="record_form.html",
        context={"heading": _("New organisation"), "cancel_url": reverse("institutes:list")},
    )


@login_required
@permission_required("institutes.change_organisation", raise_exception=True)
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    return save_record_form(
        request,
        OrganisationForm,
        instance=organisation,
        template="record_form.html",
        context={"heading": _("Edit organisation")},
        formsets=[OrganisationAliasFormSet] if request.user.has_perm("institutes.change_organisationalias") else [],
    )


@require_safe
@login_required
@permission_required("institutes.view_organisation", raise_exception=True)
def organisation_match(request):
    """Type-ahead for the organisation fields: organisations whose name, short name, own-script name or other name
    matches what was typed (acronyms with one wrong letter, legal forms and word order allowed), best first, then
    those the list page's search finds for the words typed."""
    text, cut = cut_query(request.GET.get("q", ""))
    matches = search_organisations(text, limit=8) if len(text.strip()) >= 2 else []
    # cut: only the first words typed were searched (common.search.cut_query); the box says so.
    return JsonResponse({"results": matches_json(matches, str), "cut": cut, "searched": text})


@require_POST
@login_required
@permission_required("institutes.add_organisation", raise_exception=True)
def organisation_quick_add(request):
    """A new organisation from the name typed on the workshop entry page, unless one on record may be it. A name
    typed as one short word ("SSEZ") is kept as its short name too."""
    return quick_add(
        request,
        find=look_alikes,
        build=lambda name, email: Organisation(name=name, short_name=name if is_acronym(name) else ""),
        label=str,
    )


def look_alikes(name, _email):
    """What a new organisation may duplicate: the organisations the name stands for (match_organisations), then
    whatever the search finds for it."""
    found = match_organisations(name, limit=8)
    seen = {match.record.pk for match in found}
    return (found + [match for match in search_organisations(name, limit=8) if match.record.pk not in seen])[:8]


@require_safe
@login_required
@permission_required("institutes.change_organisation", raise_exception=True)
def organisation_duplicates(request):
    """Likely pairs of organisations recorded twice, side by side, with a merge for those who may merge."""
    return duplicates_page(
        request,
        pairs=duplicates.likely_pairs,
        details=duplicates.details,
        template="institutes/organisation_duplicates.html",
        context={},
        merge_allowed=may_merge(request.user),
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_merge_pair(request):
    """The merge screen of two organisation records: admins only."""
    if not may_merge(request.user):
        raise PermissionDenied
    return merge_page(
        request,
        model=Organisation,
        fields=ORGANISATION_MERGE_FIELDS,
        merge=organisation_merge,
        details=duplicates.details,
        card="institutes/_duplicate_card.html",
        redirect_to="institutes:duplicates",
    )
