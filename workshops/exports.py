"""CSV and XLSX downloads of the workshop list, a workshop's attendance and the follow-up actions."""

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.exports import download

from .actions_views import ActionFilter
from .filters import WorkshopFilter
from .models import ActionItem, Attendance, Workshop


def _names(objects):
    return "; ".join(str(o.label) for o in objects)


def workshop_rows(queryset):
    headers = [
        _("ID"),
        _("Title"),
        _("Start date"),
        _("End date"),
        _("Kind"),
        _("Format"),
        _("Status"),
        _("Programme"),
        _("Hosts"),
        _("Named attendees"),
        _("Reported attendance"),
    ]
    rows = [
        [
            w.pk,
            w.title,
            w.start_date if w.date_precision == Workshop.DatePrecision.DAY else w.date_iso,
            w.end_date,
            w.get_kind_display(),
            w.get_format_display(),
            w.get_status_display(),
            w.programme.name if w.programme_id else "",
            _names(w.hosts),
            w.named_count,
            w.reported_attendance,
        ]
        for w in queryset
    ]
    return headers, rows


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshops_export(request, fmt):
    filterset = WorkshopFilter(
        request.GET or None, queryset=Workshop.objects.visible_to(request.user).for_list(), request=request
    )
    headers, rows = workshop_rows(filterset.qs)
    return download(fmt, "workshops", _("Workshops"), headers, rows)


@require_safe
@login_required
@permission_required("workshops.view_attendance", raise_exception=True)
def attendance_export(request, pk, fmt):
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
    attendances = (
        Attendance.objects.filter(workshop=workshop)
        .select_related("person", "organisation")
        .prefetch_related("organisation__aliases")
    )
    headers = [
        _("Name"),
        _("Name in own script"),
        _("Title"),
        _("Organisation"),
        _("Country"),
        _("Role"),
        _("Presence"),
        _("Contribution"),
        _("Role in the online meeting"),
        _("Joined"),
        _("Left"),
        _("Minutes attended"),
    ]
    tzinfo = workshop.tzinfo

    def local(moment):  # in the workshop's time zone, as the meeting's other times are
        return moment.astimezone(tzinfo).replace(tzinfo=None) if moment else None

    # The list that goes to partners: a person who may not be named is "Participant (PCCFPI)", without the name in
    # own script or the title that would name them (Person.shared_name).
    rows = [
        [
            a.person.shared_name(a.organisation),
            a.person.name_local if a.person.may_be_named else "",
            a.title if a.person.may_be_named else "",
            a.organisation.name_on(workshop.start_date) if a.organisation_id else "",
            a.organisation.country.name if a.organisation_id and a.organisation.country else "",
            a.get_role_display(),
            a.get_presence_display(),
            a.contribution,
            a.meeting_role,
            local(a.joined_at),
            local(a.left_at),
            a.minutes_attended,
        ]
        for a in attendances.order_by("order", "id")
    ]
    return download(fmt, f"workshop-{workshop.pk}-attendance", _("Attendance"), headers, rows)


@require_safe
@login_required
@permission_required("workshops.view_actionitem", raise_exception=True)
def actions_export(request, fmt):
    queryset = (
        ActionItem.objects.visible_to(request.user)
        .select_related("workshop", "agreement", "owner", "owner_organisation")
        .prefetch_related("responsible_organisations")
        .order_by("due_date", "id")
    )
    if request.GET.get("mine"):
        queryset = queryset.owned_by(request.user)
    filterset = ActionFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("What"),
        _("Status"),
        _("Due date"),
        _("Completed on"),
        _("Owner"),
        _("On behalf of"),
        _("Responsible organisations"),
        _("Workshop"),
        _("Agreement"),
    ]
    rows = [
        [
            a.pk,
            a.title,
            a.get_status_display(),
            a.due_date,
            a.completed_on,
            a.owner.full_name if a.owner_id else "",
            a.owner_organisation.label if a.owner_organisation_id else "",
            _names(a.responsible_organisations.all()),
            a.workshop.title if a.workshop_id else "",
            a.agreement.title if a.agreement_id else "",
        ]
        for a in filterset.qs
    ]
    return download(fmt, "actions", _("Actions"), headers, rows)
