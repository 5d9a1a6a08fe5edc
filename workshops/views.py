import datetime
import hashlib
from dataclasses import dataclass
from uuid import uuid4

from csp.constants import NONCE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.utils import ErrorDict
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from django_countries import countries

from common.concurrency import StaleEdit
from common.pagination import paginate
from institutes.models import Organisation
from participants.models import Person
from participants.names import HONORIFICS

from . import services
from .attendance_files import Table, detect_format
from .attendance_matching import build_preview, choose_organisations, may_be_new, meeting_warning
from .filters import WorkshopFilter
from .forms import (
    ENTRY_FORMSETS,
    AttendanceUploadForm,
    ColumnMappingForm,
    MeetingRecordSendForm,
    WorkshopEntryForm,
    entry_formsets,
)
from .models import ActionItem, Attendance, MeetingRecordSending, Statement, Workshop, WorkshopOrganisation
from .new_records import NewRecords, is_record_id
from .services import workshop_save
from .timezones import default_timezone, timezone_choices


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
# The printed page's footer is a <style> made per request (its words are translated, its date is today's); the
# policy lets that one block in by its nonce and still refuses any other inline style.
@csp_update({"style-src": [NONCE]})
def workshop_detail(request, pk):
    return render(request, "workshops/workshop_detail.html", _record_context(pk))


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_pdf(request, pk):
    """The meeting record as an A4 PDF: the record page through its print stylesheet, laid out by WeasyPrint."""
    context = _record_context(pk)
    try:
        pdf = _record_pdf(request, context)
    except PdfTooSlow:
        messages.error(request, _("The PDF of this record took too long to make: use your browser's Print instead."))
        return redirect(context["workshop"])
    if pdf is None:
        messages.error(request, _("PDF is not available on this server: use your browser's Print instead."))
        return redirect(context["workshop"])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_pdf_filename(context["workshop"])}"'
    return response


class PdfTooSlow(Exception):
    """The record's PDF took longer than settings.PDF_TIMEOUT to make."""


def _pdf_filename(workshop):
    return f"workshop-{workshop.date_iso}-{workshop.pk}.pdf"


def _record_pdf(request, context):
    """The record's PDF, or None where this server cannot make PDFs; PdfTooSlow past the time limit."""
    try:
        from common.pdf import PdfTimeout, html_to_pdf
    except (ImportError, OSError):  # WeasyPrint needs Pango; without it the page still prints from the browser
        return None
    html = render(request, "workshops/workshop_detail.html", context).content.decode()
    try:
        return html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    except PdfTimeout:
        raise PdfTooSlow from None


@require_POST
@login_required
@permission_required("workshops.change_workshop", raise_exception=True)
def workshop_approve(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    try:
        services.workshop_approve(workshop=workshop, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Minutes approved: revision %(revision)s.") % {"revision": workshop.revision})
    return redirect(workshop)


@login_required
@permission_required("workshops.change_workshop", raise_exception=True)
def workshop_send(request, pk):
    """E-mail the meeting record's PDF to chosen participants, with a short message."""
    workshop = get_object_or_404(Workshop, pk=pk)
    form = MeetingRecordSendForm(request.POST if request.method == "POST" else None, workshop=workshop)
    if form.is_valid():
        context = _record_context(pk)
        try:
            pdf = _record_pdf(request, context)
        except PdfTooSlow:
            pdf = None
        if pdf is None:
            form.add_error(None, _("PDF is not available on this server, so the record cannot be sent from here."))
        else:
            recipients = list(form.cleaned_data["recipients"])
            sending, failed = services.meeting_record_send(
                workshop=workshop,
                recipients=recipients,
                message=form.cleaned_data["message"],
                pdf=pdf,
                filename=_pdf_filename(workshop),
                user=request.user,
            )
            if sending is not None:
                count = sending.recipients.count()
                messages.success(
                    request,
                    ngettext(
                        "The meeting record was sent to %(count)s person.",
                        "The meeting record was sent to %(count)s people.",
                        count,
                    )
                    % {"count": count},
                )
            if failed:
                messages.error(
                    request,
                    gettext("The mail server did not accept the message for: %(names)s.")
                    % {"names": ", ".join(person.formal_name for person in failed)},
                )
            if sending is not None:
                return redirect(workshop)
    return render(
        request,
        "workshops/workshop_send.html",
        {"workshop": workshop, "form": form, "previous_approval": workshop.previous_approval()},
    )


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
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner", "owner_organisation", "agreement").prefetch_related(
                    "responsible_organisations"
                ),
            ),
            Prefetch(
                "record_sendings",
                queryset=MeetingRecordSending.objects.select_related("sent_by").prefetch_related("recipients"),
            ),
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
    # People whose organisation the record does not give come last, whatever the database sorts NULL as.
    grouped = sorted(by_organisation.items(), key=lambda item: item[0] is None)
    unnamed = (workshop.reported_attendance or 0) - len(attendances)
    return {
        "workshop": workshop,
        "attendances_by_organisation": grouped,
        "named_count": len(attendances),
        "unnamed_count": max(unnamed, 0),
        "organisation_roles": [(label, orgs) for label, orgs in organisation_roles.items() if orgs],
        "hosts": [link.organisation for link in links if link.role == WorkshopOrganisation.Role.HOST],
        "coordinators": [link.organisation for link in links if link.role == WorkshopOrganisation.Role.COORDINATOR],
        "represented": [link.organisation for link in links if link.role == WorkshopOrganisation.Role.PARTICIPANT],
        "organisations": _organisations_present(workshop, attendances),
        "previous_approval": workshop.previous_approval(),
        "letterhead": {"organisation": settings.MEETING_RECORD_ORGANISATION, "logo": settings.MEETING_RECORD_LOGO},
        "page_footer_css": _page_footer_css(),
    }


def _css_string(text):
    """Text as a CSS string, every character but letters, digits and spaces escaped: safe inside <style>."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_footer_css(today=None):
    """The `content` of the printed page's footer boxes: the day the record was produced and "Page x of y", in the
    reader's language. Page margin boxes take their text only from CSS, so the words are made into CSS strings."""
    produced = gettext("Produced on %(date)s") % {"date": date_format(today or timezone.localdate(), "DATE_FORMAT")}
    try:
        page, rest = gettext("Page %(page)s of %(pages)s").split("%(page)s", 1)
        of, after = rest.split("%(pages)s", 1)
    except ValueError:  # a translation that puts the total first: numbers only
        page, of, after = "", " / ", ""
    pages = " ".join(
        part for part in [_css_string(page), "counter(page)", _css_string(of), "counter(pages)", _css_string(after)]
    )
    return {"produced": mark_safe(_css_string(produced)), "pages": mark_safe(pages)}


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
    error every message shows next to its field, a summary at the top links to each, and everything typed is shown
    again. GET ?draft=<token> fills the page in from a draft kept in the session, without messages until saved."""
    data = request.POST if request.method == "POST" else None
    draft_token = request.POST.get("draft", "") if data is not None else request.GET.get("draft", "")
    quiet = False
    if data is None and draft_token and not workshop.pk:
        data = _draft_data(request, draft_token)
        quiet = data is not None
    new_records = NewRecords(data.get("new_records", "") if data is not None else "")
    form = WorkshopEntryForm(data, instance=workshop, new_records=new_records)
    formsets = entry_formsets(data, workshop, new_records)
    conflict = None
    if quiet:
        _silence(form, formsets)
    elif data is not None and form.is_valid() and all(fs.is_valid() for fs in formsets if fs.is_bound):
        try:
            saved = workshop_save(form=form, formsets=formsets, user=request.user)
        except StaleEdit as stale:
            conflict = stale
            form.take_version(stale)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            request.session.get("workshop_drafts", {}).pop(draft_token, None)
            request.session.modified = True
            messages.success(request, _("Saved “%(record)s”.") % {"record": saved})
            return redirect(saved)
    hosts = _host_countries(formsets[0], new_records)
    if not workshop.pk and not form.is_bound:
        form.initial["timezone"] = default_timezone(hosts) or "UTC"
    elif quiet and not data.get("timezone"):
        data["timezone"] = default_timezone(hosts) or "UTC"  # a draft's: from its hosts
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
            "error_summary": [] if quiet or data is None else error_summary(form, formsets),
            "draft_token": draft_token if data is not None else "",
            "timezone_choices": timezone_choices(hosts),
            "host_countries": hosts,
            "honorifics": HONORIFICS,
            "organisation_kinds": Organisation.Kind.choices,
            "countries": list(countries),
            "name_orders": Person.NameOrder.choices,
        },
        status=409 if conflict else 200,
    )


def _draft_data(request, token):
    """The draft's fields as a QueryDict, or None (with a message) if the session has no such draft.

    A draft is request.session["workshop_drafts"][token]: a dict shaped like the page's POST (field names with the
    formsets' prefixes and their TOTAL_FORMS; a list for a field of several values), plus new_records (JSON, see
    new_records.py) and optionally source_report and source_report_name. It is removed once the entry is saved."""
    draft = request.session.get("workshop_drafts", {}).get(token)
    if not isinstance(draft, dict):
        messages.warning(request, _("That draft is no longer available: start the entry here."))
        return None
    data = QueryDict(mutable=True)
    for name, value in draft.items():
        values = value if isinstance(value, list | tuple) else [value]
        data.setlist(str(name), ["" if v is None else str(v) for v in values])
    for prefix, _formset, _heading in ENTRY_FORMSETS:
        if f"{prefix}-TOTAL_FORMS" in data:  # a draft's rows are all new
            data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    return data


def _silence(form, formsets):
    """A draft is shown as filled in, not as refused: its forms are read, then their messages dropped."""
    for each in [form, *(row for fs in formsets if fs.is_bound for row in fs.forms)]:
        each.full_clean()
        each._errors = ErrorDict()
    for formset in formsets:
        if formset.is_bound:
            formset.full_clean()
            formset._non_form_errors = formset.error_class()


def _host_countries(hosts_formset, new_records):
    """The countries of the host organisations the page has (chosen or added), in their order."""
    countries_ = []
    if hosts_formset.is_bound:
        ids = []
        for row in hosts_formset.forms:
            value = row["organisation"].value()
            record = new_records.resolve(value, Organisation)
            if record is not None:
                countries_.append(str(record.instance.country))
            elif is_record_id(value):
                ids.append(int(value))
        by_id = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "country"))
        countries_ += [str(by_id.get(pk, "")) for pk in ids]
    elif hosts_formset.instance.pk:
        countries_ = [
            str(link.organisation.country)
            for link in hosts_formset.get_queryset().select_related("organisation")
            if link.role == WorkshopOrganisation.Role.HOST
        ]
    return [code for code in countries_ if code]


def error_summary(form, formsets):
    """[(text, anchor)] for every message of a refused entry, in the page's order: the workshop's fields, then each
    formset's rows ("Who attended, row 3: Person — This field is required.")."""
    items = []
    for message in form.non_field_errors():
        items.append((message, "workshop-entry"))
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound = form[name]
        anchor = bound.id_for_label or "workshop-entry"
        label = bound.label if not bound.is_hidden else _("New people and organisations")
        items += [(f"{label} — {message}", anchor) for message in errors]
    for formset in formsets:
        if not formset.is_bound:
            continue
        for message in formset.non_form_errors():
            items.append((f"{formset.heading} — {message}", f"formset-{formset.prefix}"))
        for number, row in enumerate(formset.forms, start=1):
            for name, errors in row.errors.items():
                where = gettext("%(heading)s, row %(number)s") % {"heading": formset.heading, "number": number}
                if name == "__all__":
                    anchor, text = f"formset-{formset.prefix}", where
                else:
                    anchor, text = row[name].id_for_label, f"{where}: {row[name].label}"
                items += [(f"{text} — {message}", anchor) for message in errors]
    return items


IMPORT_SALT = "workshops.attendance-import"
IMPORT_TEMPLATE = "workshops/attendance_import.html"
FORMAT_LABELS = {"zoom": _("Zoom participant report"), "teams": _("Microsoft Teams attendance report")}


@dataclass
class _Upload:
    """The file between the steps: signed, as the page carries it, and as read."""

    payload: str
    kind: str | None
    table: Table
    uploaded_at: datetime.datetime | None = None


@login_required
@permission_required(
    ["workshops.change_workshop", "workshops.add_attendance", "participants.add_person"], raise_exception=True
)
def attendance_import(request, pk):
    """Upload a report, map its columns if it is not a known one, check the preview, confirm. The file travels
    between the steps as a signed hidden field, so nothing is stored or written before the confirmation."""
    workshop = get_object_or_404(Workshop, pk=pk)
    step = request.POST.get("step") if request.method == "POST" else None
    return _IMPORT_STEPS.get(step, _import_start)(request, workshop)


def _import_start(request, workshop):
    return _import_page(request, workshop)


def _import_upload(request, workshop):
    upload_form = AttendanceUploadForm(request.POST, request.FILES)
    if not upload_form.is_valid():
        return _import_page(request, workshop, upload_form=upload_form)
    table = upload_form.table
    kind, mapping = detect_format(table)
    payload = signing.dumps(
        # The random part makes every upload a preview of its own: confirming it twice is a repeat, while the same
        # file uploaded again (by someone else, in the same second) is a new import.
        {
            "file": upload_form.cleaned_data["file"].name,
            "kind": kind,
            "table": table.__dict__,
            "upload": uuid4().hex,
            "at": timezone.now().isoformat(),
        },
        salt=IMPORT_SALT + str(workshop.pk),
        compress=True,
    )
    upload = _Upload(payload, kind, table)
    if kind is None:
        mapping_form = ColumnMappingForm(headers=table.headers, mapping=mapping)
        return _import_page(request, workshop, upload=upload, mapping_form=mapping_form)
    mapping_form = ColumnMappingForm({f"map-{n}": str(i) for n, i in mapping.items()}, headers=table.headers)
    return _import_preview(request, workshop, upload, mapping_form)


def _import_map(request, workshop):
    upload = _read_back(request, workshop)
    if upload is None:
        return _import_refused(request, workshop)
    mapping_form = ColumnMappingForm(request.POST, headers=upload.table.headers)
    return _import_preview(request, workshop, upload, mapping_form)


def _import_confirm(request, workshop):
    upload = _read_back(request, workshop)
    if upload is None:
        return _import_refused(request, workshop)
    mapping_form = ColumnMappingForm(request.POST, headers=upload.table.headers)
    if not mapping_form.is_valid():
        return _import_page(request, workshop, upload=upload, mapping_form=mapping_form)
    rows, for_all_error = _preview_rows(request, workshop, upload.table, mapping_form)
    undecided = [row for row in rows if not row.choice_is_valid()]
    for row in undecided:
        row.errors.append(_("Choose who this is, “a new person” or “skip”."))
    other_meeting = meeting_warning(upload.table, workshop) and not request.POST.get("other-meeting")
    if undecided or other_meeting or for_all_error or any(row.organisation_error for row in rows):
        return _import_page(
            request,
            workshop,
            upload=upload,
            mapping_form=mapping_form,
            rows=rows,
            for_all_error=for_all_error,
            other_meeting_error=_("Tick this box to import a file of another meeting.") if other_meeting else "",
        )
    # The signed payload differs for every upload, so it names this preview: the same confirmation sent twice, or
    # by two people at once, is written once.
    key = hashlib.sha256(upload.payload.encode()).hexdigest()
    result = services.attendance_import(
        workshop=workshop, rows=rows, user=request.user, key=key, uploaded_at=upload.uploaded_at
    )
    if result.repeated:
        messages.info(request, _("This preview was imported already: nothing was added."))
        return redirect(workshop)
    done = _(
        "Attendance imported: %(added)s added (%(created)s of them new people), "
        "%(listed)s already listed, %(skipped)s skipped."
    ) % {
        "added": result.added,
        "created": result.created,
        "listed": result.already_listed,
        "skipped": result.skipped,
    }
    if result.unnamed:
        done += " " + ngettext(
            "%(count)s row that is no person counted as unnamed attendance.",
            "%(count)s rows that are no person counted as unnamed attendance.",
            result.unnamed,
        ) % {"count": result.unnamed}
    if result.emails_added:
        done += " " + ngettext(
            "%(count)s e-mail address added to the records.",
            "%(count)s e-mail addresses added to the records.",
            result.emails_added,
        ) % {"count": result.emails_added}
    messages.success(request, done)
    return redirect(workshop)


_IMPORT_STEPS = {"upload": _import_upload, "map": _import_map, "confirm": _import_confirm}


def _import_preview(request, workshop, upload, mapping_form):
    if not mapping_form.is_valid():
        return _import_page(request, workshop, upload=upload, mapping_form=mapping_form)
    rows, for_all_error = _preview_rows(request, workshop, upload.table, mapping_form)
    return _import_page(
        request, workshop, upload=upload, mapping_form=mapping_form, rows=rows, for_all_error=for_all_error
    )


def _read_back(request, workshop):
    """The file as the previous step signed it for this workshop, or None if the field was changed or is too old."""
    payload = request.POST.get("payload", "")
    try:
        data = signing.loads(payload, salt=IMPORT_SALT + str(workshop.pk), max_age=60 * 60 * 24)
    except signing.BadSignature:
        return None
    at = datetime.datetime.fromisoformat(data["at"]) if "at" in data else None
    return _Upload(payload, data["kind"], Table(**data["table"]), at)


def _import_refused(request, workshop):
    messages.error(request, _("The uploaded file could not be read back. Upload it again."))
    return _import_page(request, workshop)


def _preview_rows(request, workshop, table, mapping_form):
    """The preview's rows, with the choices the user made on the page before, and the error of the organisation
    given for all new people ("" if none)."""
    rows = build_preview(table, mapping_form.mapping(), workshop)
    post = request.POST
    shown = post.get("preview-shown") == "1"  # the preview's own fields were on the page that was sent
    typed = {}
    for row in rows:
        row.choice = post.get(f"choice-{row.key}", "")
        if shown:
            row.add_email = bool(post.get(f"email-{row.key}"))
            if may_be_new(row):
                typed[row.key] = (post.get(f"organisation-{row.key}", ""), post.get(f"organisation-{row.key}-id", ""))
    for_all = (post.get("organisation-all", ""), post.get("organisation-all-id", "")) if shown else ("", "")
    return rows, choose_organisations(rows, typed, for_all)


def _known_organisations(workshop, rows):
    """The organisations the preview's organisation fields offer before anything is typed: the workshop's and the
    file's."""
    known = {row.organisation.pk: row.organisation for row in rows if row.organisation is not None}
    for organisation in workshop.organisations.order_by("name"):
        known.setdefault(organisation.pk, organisation)
    return sorted(known.values(), key=str)


def _import_page(
    request,
    workshop,
    *,
    upload_form=None,
    upload=None,
    mapping_form=None,
    rows=None,
    for_all_error="",
    other_meeting_error="",
):
    """The page at any step: the upload form until a file is read, then the column mapping (hidden for a known
    report once the preview shows) and the preview."""
    counts = {}
    for row in rows or []:
        counts[row.status] = counts.get(row.status, 0) + 1
    if rows is not None and upload.kind:
        mapping_form.hide()
    return render(
        request,
        IMPORT_TEMPLATE,
        {
            "workshop": workshop,
            "upload_form": upload_form or AttendanceUploadForm(),
            "payload": upload.payload if upload else None,
            "kind_label": FORMAT_LABELS.get(upload.kind, "") if upload else "",
            "table": upload.table if upload else None,
            "mapping_form": mapping_form,
            "rows": rows,
            "counts": counts,
            "people_count": len(rows or []) - counts.get("nonperson", 0),
            "merged": sum(len(row.numbers) - 1 for row in rows or []),
            "meeting_warning": meeting_warning(upload.table, workshop) if rows is not None else "",
            "other_meeting_checked": bool(request.POST.get("other-meeting")),
            "other_meeting_error": other_meeting_error,
            "organisation_all": request.POST.get("organisation-all", "") if rows is not None else "",
            "organisation_all_id": request.POST.get("organisation-all-id", "") if rows is not None else "",
            "for_all_error": for_all_error,
            "offer_organisations": any(may_be_new(row) for row in rows or []),
            "known_organisations": _known_organisations(workshop, rows) if rows is not None else [],
        },
    )
