from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from common.concurrency import StaleEdit
from common.pagination import paginate

from . import importing
from .filters import WorkshopFilter
from .forms import AttendanceUploadForm, ColumnMappingForm, WorkshopEntryForm, entry_formsets
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
    return render(request, "workshops/workshop_detail.html", _record_context(pk))


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_pdf(request, pk):
    """The meeting record as an A4 PDF: the record page through its print stylesheet, laid out by WeasyPrint."""
    context = _record_context(pk)
    workshop = context["workshop"]
    try:
        from common.pdf import html_to_pdf
    except (ImportError, OSError):  # WeasyPrint needs Pango; without it the page still prints from the browser
        messages.error(request, _("PDF is not available on this server: use your browser's Print instead."))
        return redirect(workshop)
    html = render(request, "workshops/workshop_detail.html", context).content.decode()
    response = HttpResponse(html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="workshop-{workshop.start_date:%Y-%m-%d}-{workshop.pk}.pdf"'
    )
    return response


def _record_context(pk):
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
    return {
        "workshop": workshop,
        "attendances_by_organisation": list(by_organisation.items()),
        "named_count": len(attendances),
        "organisation_roles": [(label, orgs) for label, orgs in organisation_roles.items() if orgs],
        "organisations": _organisations_present(workshop, attendances),
    }


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


IMPORT_SALT = "workshops.attendance-import"
FORMAT_LABELS = {"zoom": _("Zoom participant report"), "teams": _("Microsoft Teams attendance report")}


@login_required
@permission_required(
    ["workshops.change_workshop", "workshops.add_attendance", "participants.add_person"], raise_exception=True
)
def attendance_import(request, pk):
    """Upload a report, map its columns if it is not a known one, check the preview, confirm. The file travels
    between the steps as a signed hidden field, so nothing is stored or written before the confirmation."""
    workshop = get_object_or_404(Workshop, pk=pk)
    step = request.POST.get("step") if request.method == "POST" else None
    context = {"workshop": workshop, "upload_form": AttendanceUploadForm()}
    if step == "upload":
        upload_form = AttendanceUploadForm(request.POST, request.FILES)
        context["upload_form"] = upload_form
        if not upload_form.is_valid():
            return render(request, "workshops/attendance_import.html", context)
        table = upload_form.table
        kind, mapping = importing.detect_format(table)
        payload = signing.dumps(
            {"file": upload_form.cleaned_data["file"].name, "kind": kind, "table": table.__dict__},
            salt=IMPORT_SALT + str(workshop.pk),
            compress=True,
        )
        if kind is None:
            mapping_form = ColumnMappingForm(headers=table.headers, mapping=mapping)
            return _import_page(request, context, payload=payload, kind=kind, table=table, mapping_form=mapping_form)
        mapping_form = ColumnMappingForm({f"map-{n}": str(i) for n, i in mapping.items()}, headers=table.headers)
    elif step in ("map", "confirm"):
        try:
            payload = request.POST.get("payload", "")
            data = signing.loads(payload, salt=IMPORT_SALT + str(workshop.pk), max_age=60 * 60 * 24)
        except signing.BadSignature:
            messages.error(request, _("The uploaded file could not be read back. Upload it again."))
            return render(request, "workshops/attendance_import.html", context)
        kind, table = data["kind"], importing.Table(**data["table"])
        mapping_form = ColumnMappingForm(request.POST, headers=table.headers)
    else:
        return render(request, "workshops/attendance_import.html", context)

    if not mapping_form.is_valid():
        return _import_page(request, context, payload=payload, kind=kind, table=table, mapping_form=mapping_form)
    rows = importing.build_preview(table, mapping_form.mapping(), workshop)
    for row in rows:
        row.choice = request.POST.get(f"choice-{row.key}", "")
    if step == "confirm":
        undecided = [row for row in rows if not row.choice_is_valid()]
        for row in undecided:
            row.errors.append(_("Choose who this is, “a new person” or “skip”."))
        if not undecided:
            result = importing.apply_import(rows, workshop=workshop, user=request.user)
            messages.success(
                request,
                _(
                    "Attendance imported: %(added)s added (%(created)s of them new people), "
                    "%(listed)s already listed, %(skipped)s skipped."
                )
                % {
                    "added": result.added,
                    "created": result.created,
                    "listed": result.already_listed,
                    "skipped": result.skipped,
                },
            )
            return redirect(workshop)
    return _import_page(
        request,
        context,
        payload=payload,
        kind=kind,
        table=table,
        mapping_form=mapping_form.hide() if kind else mapping_form,
        rows=rows,
    )


def _import_page(request, context, *, payload, kind, table, mapping_form, rows=None):
    counts = {}
    for row in rows or []:
        counts[row.status] = counts.get(row.status, 0) + 1
    return render(
        request,
        "workshops/attendance_import.html",
        {
            **context,
            "payload": payload,
            "kind_label": FORMAT_LABELS.get(kind, ""),
            "table": table,
            "mapping_form": mapping_form,
            "rows": rows,
            "counts": counts,
            "merged": sum(len(row.numbers) - 1 for row in rows or []),
        },
    )
