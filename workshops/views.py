from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from partnership.concurrency import StaleEdit
from partnership.pagination import paginate

from .filters import WorkshopFilter
from .forms import WorkshopEntryForm, entry_formsets
from .models import ActionItem, Attendance, Statement, Workshop, WorkshopOrganisation
from .services import workshop_save


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_list(request):
    filterset = WorkshopFilter(request.GET or None, queryset=Workshop.objects.for_list())
    page = paginate(request, filterset.qs)
    return render(request, "workshops/workshop_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_detail(request, pk):
    workshop = get_object_or_404(
        Workshop.objects.select_related("programme", "initiative", "created_by").prefetch_related(
            "topics",
            "outcomes",
            "attachments",
            "agreements",
            Prefetch(
                "organisation_links",
                queryset=WorkshopOrganisation.objects.select_related("organisation", "organisation__city"),
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organisation").order_by(
                    "organisation__name", "order", "id"
                ),
            ),
            Prefetch("statements", queryset=Statement.objects.select_related("speaker")),
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner", "agreement")),
        ),
        pk=pk,
    )
    attendances = list(workshop.attendances.all())
    links = list(workshop.organisation_links.all())
    organisation_roles = {
        label: [link.organisation for link in links if link.role == role]
        for role, label in WorkshopOrganisation.Role.choices
    }
    by_organisation = {}
    for attendance in attendances:
        by_organisation.setdefault(attendance.organisation, []).append(attendance)
    return render(
        request,
        "workshops/workshop_detail.html",
        {
            "workshop": workshop,
            "attendances_by_organisation": list(by_organisation.items()),
            "named_count": len(attendances),
            "organisation_roles": [(label, orgs) for label, orgs in organisation_roles.items() if orgs],
            "organisations": _organisations_present(workshop, attendances),
        },
    )


def _organisations_present(workshop, attendances):
    """Every organisation the record puts at the meeting: hosts, coordinators, represented, and named attendees'."""
    seen = {}
    for link in workshop.organisation_links.all():
        seen.setdefault(link.organisation.pk, link.organisation)
    for attendance in attendances:
        if attendance.organisation is not None:
            seen.setdefault(attendance.organisation.pk, attendance.organisation)
    return sorted(seen.values(), key=lambda org: org.name)


@login_required
@permission_required("workshops.add_workshop", raise_exception=True)
def workshop_create(request):
    return _workshop_entry(request, Workshop(), heading=_("Log a workshop"))


@login_required
@permission_required("workshops.change_workshop", raise_exception=True)
def workshop_edit(request, pk):
    return _workshop_entry(request, get_object_or_404(Workshop, pk=pk), heading=_("Edit workshop"))


def _workshop_entry(request, workshop, *, heading):
    """The one-page entry: the workshop and its rows are validated together and saved in one transaction; on any
    error every message shows next to its field and everything typed is shown again."""
    data = request.POST if request.method == "POST" else None
    form = WorkshopEntryForm(data, instance=workshop)
    formsets = entry_formsets(data, workshop)
    conflict = None
    if data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets if fs.is_bound):
        try:
            saved = workshop_save(form=form, formsets=formsets, user=request.user)
        except StaleEdit as stale:
            conflict = stale
            form.take_version(stale)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Saved “%(record)s”.") % {"record": saved})
            return redirect(saved)
    return render(
        request,
        "workshops/workshop_form.html",
        {
            "form": form,
            "formsets": formsets,
            "conflict": conflict,
            "object": workshop if workshop.pk else None,
            "heading": heading,
            "cancel_url": reverse("workshops:list"),
        },
        status=409 if conflict else 200,
    )
