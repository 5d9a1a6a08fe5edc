"""CSV and XLSX downloads of the list pages, with exactly the rows the page's filters select.

CSV starts with a UTF-8 byte order mark: without it Excel reads the file as the local code page and turns
无锡技师学院 or ព្រះសីហនុ into mojibake. Headers are translated like the pages' column headings.
"""

import csv
import io

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.styles import Font

from agreements.filters import AgreementFilter
from agreements.models import Agreement, AgreementParty
from institutes.filters import OrganisationFilter
from institutes.models import Organisation
from participants.filters import PersonFilter
from participants.models import Person
from workshops.actions_views import ActionFilter
from workshops.filters import WorkshopFilter
from workshops.models import ActionItem, Attendance, Workshop

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell that starts with one of these is run as a formula by spreadsheet programs: quote it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    value = value if isinstance(value, int | float) or hasattr(value, "isoformat") else str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_text(_cell(v)) for v in row])
    return "\ufeff".encode() + buffer.getvalue().encode()


def xlsx_bytes(title, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if hasattr(cell.value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(fmt, name, title, headers, rows):
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


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
            w.start_date,
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
    filterset = WorkshopFilter(request.GET or None, queryset=Workshop.objects.for_list())
    headers, rows = workshop_rows(filterset.qs)
    return download(fmt, "workshops", _("Workshops"), headers, rows)


@require_safe
@login_required
@permission_required("workshops.view_attendance", raise_exception=True)
def attendance_export(request, pk, fmt):
    workshop = get_object_or_404(Workshop, pk=pk)
    attendances = Attendance.objects.filter(workshop=workshop).select_related("person", "organisation")
    headers = [
        _("Name"),
        _("Name in own script"),
        _("Title"),
        _("Organisation"),
        _("Country"),
        _("Role"),
        _("Presence"),
        _("Contribution"),
    ]
    rows = [
        [
            a.person.formal_name,
            a.person.name_local,
            a.title,
            a.organisation.name if a.organisation_id else "",
            a.organisation.country.name if a.organisation_id and a.organisation.country else "",
            a.get_role_display(),
            a.get_presence_display(),
            a.contribution,
        ]
        for a in attendances.order_by("order", "id")
    ]
    return download(fmt, f"workshop-{workshop.pk}-attendance", _("Attendance"), headers, rows)


@require_safe
@login_required
@permission_required("participants.view_person", raise_exception=True)
def people_export(request, fmt):
    queryset = (
        Person.objects.with_current_position().prefetch_related("aliases").order_by("family_name", "given_name", "id")
    )
    filterset = PersonFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("Honorific"),
        _("Given name"),
        _("Family name"),
        _("Name in own script"),
        _("Other names"),
        _("Current positions"),
        _("Country"),
        _("Email"),
    ]
    rows = [
        [
            p.pk,
            p.honorific,
            p.given_name,
            p.family_name,
            p.name_local,
            "; ".join(a.name for a in p.aliases.all()),
            "; ".join(f"{pos.title}, {pos.organisation.label}" for pos in p.current_positions),
            p.country.name if p.country else "",
            p.email,
        ]
        for p in filterset.qs
    ]
    return download(fmt, "people", _("People"), headers, rows)


@require_safe
@login_required
@permission_required("institutes.view_organisation", raise_exception=True)
def organisations_export(request, fmt):
    queryset = Organisation.objects.select_related("city").prefetch_related("aliases").order_by("name", "id")
    filterset = OrganisationFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("Name"),
        _("Short name"),
        _("Name in own script"),
        _("Other names"),
        _("Kind"),
        _("IATI organisation type"),
        _("Country"),
        _("City"),
        _("Active"),
    ]
    rows = [
        [
            o.pk,
            o.name,
            o.short_name,
            o.name_local,
            "; ".join(a.name for a in o.aliases.all()),
            o.get_kind_display(),
            o.get_iati_type_display() if o.iati_type else "",
            o.country.name if o.country else "",
            o.city.name if o.city_id else "",
            o.is_active,
        ]
        for o in filterset.qs
    ]
    return download(fmt, "organisations", _("Organisations"), headers, rows)


@require_safe
@login_required
@permission_required("agreements.view_agreement", raise_exception=True)
def agreements_export(request, fmt):
    queryset = Agreement.objects.select_related("programme").prefetch_related(
        Prefetch("parties", queryset=AgreementParty.objects.select_related("organisation"))
    )
    filterset = AgreementFilter(request.GET or None, queryset=queryset)
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
        ]
        for a in filterset.qs
    ]
    return download(fmt, "agreements", _("Agreements"), headers, rows)


@require_safe
@login_required
@permission_required("workshops.view_actionitem", raise_exception=True)
def actions_export(request, fmt):
    queryset = (
        ActionItem.objects.select_related("workshop", "agreement", "owner")
        .prefetch_related("responsible_organisations")
        .order_by("due_date", "id")
    )
    if request.GET.get("mine"):
        queryset = queryset.filter(owner=request.user)
    filterset = ActionFilter(request.GET or None, queryset=queryset)
    headers = [
        _("ID"),
        _("What"),
        _("Status"),
        _("Due date"),
        _("Completed on"),
        _("Owner"),
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
            a.owner.get_username() if a.owner_id else "",
            _names(a.responsible_organisations.all()),
            a.workshop.title if a.workshop_id else "",
            a.agreement.title if a.agreement_id else "",
        ]
        for a in filterset.qs
    ]
    return download(fmt, "actions", _("Actions"), headers, rows)


def export_paths():
    fmt = r"(?P<fmt>csv|xlsx)"
    return [
        re_path(rf"^workshops/export\.{fmt}$", workshops_export, name="export_workshops"),
        re_path(rf"^workshops/(?P<pk>[0-9]+)/attendance/export\.{fmt}$", attendance_export, name="export_attendance"),
        re_path(rf"^people/export\.{fmt}$", people_export, name="export_people"),
        re_path(rf"^institutes/export\.{fmt}$", organisations_export, name="export_organisations"),
        re_path(rf"^agreements/export\.{fmt}$", agreements_export, name="export_agreements"),
        re_path(rf"^actions/export\.{fmt}$", actions_export, name="export_actions"),
    ]
