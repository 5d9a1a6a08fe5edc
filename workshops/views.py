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
from django.db.models.functions import Length
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from django_countries import countries

from accounts.roles import may_see_contacts
from common.concurrency import StaleEdit
from common.files import stored_file_response
from common.pagination import paginate
from common.search import every_word_in_any_field, search_words
from institutes.models import Organisation
from participants.forms import PersonBasisForm
from participants.models import Person, SharedNames
from participants.names import HONORIFICS

from . import drafts, partners, services
from .attendance_files import Table, detect_format
from .attendance_matching import build_preview, choose_organisations, may_be_new, meeting_warning
from .data import (
    LIMITS,
    ORGANISATION_REFERENCES,
    PERSON_REFERENCES,
    REFERENCES,
    WORKSHOP_FIELDS,
    NewOrganisation,
    WorkshopData,
    is_record_id,
)
from .duplicates import possible_duplicates
from .filters import WorkshopFilter
from .forms import (
    ENTRY_FORMSETS,
    ENTRY_KINDS,
    AttendanceUploadForm,
    ColumnMappingForm,
    DuplicateChoiceForm,
    MeetingRecordSendForm,
    WorkshopEntryForm,
    entry_formsets,
    rows_from_formset,
)
from .models import (
    ActionItem,
    ActionReport,
    Attachment,
    Attendance,
    MeetingRecordSending,
    Programme,
    Statement,
    Topic,
    Workshop,
    WorkshopOrganisation,
)
from .new_records import NewRecords
from .timezones import default_timezone, timezone_choices

TYPE_AHEAD_RESULTS = 8  # suggestions under a topic or programme box


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_list(request):
    filterset = WorkshopFilter(
        request.GET or None, queryset=Workshop.objects.visible_to(request.user).for_list(), request=request
    )
    page = paginate(request, filterset.qs)
    return render(request, "workshops/workshop_list.html", {"filter": filterset, "page": page})


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
# The printed page's footer is a <style> made per request (its words are translated, its date is today's); the
# policy lets that one block in by its nonce and still refuses any other inline style.
@csp_update({"style-src": [NONCE]})
def workshop_detail(request, pk):
    context = _record_context(request, pk)
    workshop = context["workshop"]
    # Who confirmed which revision, and the partners' reports on the actions waiting for a coordinator: two queries.
    context["confirmations"] = partners.workshop_confirmations(workshop)
    context["partner_reports"] = list(
        ActionReport.objects.filter(action__workshop=workshop, status=ActionReport.Status.PENDING)
        .select_related("action", "link__person")
        .order_by("created_at", "id")
    )
    return render(request, "workshops/workshop_detail.html", context)


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_attachment(request, pk, attachment_pk):
    """An attachment's file (the kept source report among them), to whoever may see the workshop's page."""
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=attachment_pk, workshop_id=pk)
    return stored_file_response(attachment.file)


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def workshop_pdf(request, pk):
    """The meeting record as an A4 PDF: the record page through its print stylesheet, laid out by WeasyPrint."""
    context = _record_context(request, pk)
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
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
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
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
    form = MeetingRecordSendForm(
        request.POST if request.method == "POST" else None,
        workshop=workshop,
        contacts=may_see_contacts(request.user),
    )
    if form.is_valid():
        recipients = list(form.cleaned_data["recipients"])
        try:
            services.meeting_record_send_check(workshop=workshop, recipients=recipients)
        except ValidationError as error:
            form.add_error(None, error)
    if form.is_valid():
        context = _record_context(request, pk)
        try:
            pdf = _record_pdf(request, context)
        except PdfTooSlow:
            pdf = None
        if pdf is None:
            form.add_error(None, _("PDF is not available on this server, so the record cannot be sent from here."))
        else:
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
        {
            "workshop": workshop,
            "form": form,
            "previous_approval": workshop.previous_approval(),
            "max_recipients": services.RECORD_SEND_MAX_RECIPIENTS,
            "sendings_per_day": services.RECORD_SENDINGS_PER_DAY,
        },
    )


def _record_context(request, pk, *, token_page=False):
    """The meeting record's context: of a workshop the user may see, or, on a partner's token page (token_page, the
    token being the permission), of the link's workshop."""
    workshops = Workshop.objects.all() if token_page else Workshop.objects.visible_to(request.user)
    workshop = get_object_or_404(
        workshops.select_related("programme", "initiative", "created_by", "coordinator").prefetch_related(
            "topics",
            "outcomes",
            "attachments",
            # Agreements of another programme than the user's are not named.
            Prefetch("agreements", queryset=Workshop.agreements.rel.related_model.objects.visible_to(request.user)),
            Prefetch(
                "organisation_links",
                queryset=WorkshopOrganisation.objects.select_related(
                    "organisation", "organisation__city"
                ).prefetch_related("organisation__aliases"),  # for the name each bore on the day (name_on)
            ),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "organisation")
                .prefetch_related("organisation__aliases")
                .order_by("organisation__name", "order", "id"),
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
    # What the record shared outside names each speaker: a person who may not be named as a participant of the
    # organisation they attended for (Person.shared_name).
    organisation_of = {attendance.person_id: attendance.organisation for attendance in attendances}
    shared_statements = [
        (statement, _speaker_shared(statement, organisation_of)) for statement in workshop.statements.all()
    ]
    # Their names in the record's free text (summary, statements, outcomes, actions, minutes) read the same.
    shared_names = SharedNames.of(
        [(a.person, a.organisation) for a in attendances]
        + [(s.speaker, organisation_of.get(s.speaker_id)) for s in workshop.statements.all() if s.speaker_id]
        + [(a.owner, a.owner_organisation) for a in workshop.action_items.all() if a.owner_id]
    )
    return {
        "workshop": workshop,
        "shared_statements": shared_statements,
        "shared_names": shared_names,
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


def _speaker_shared(statement, organisation_of):
    if statement.speaker_id is None:
        return ""
    return statement.speaker.shared_name(organisation_of.get(statement.speaker_id))


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


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def topic_match(request):
    """Type-ahead for the entry page's topics: those holding the words typed, by name."""
    return _name_matches(request, Topic.objects.all())


@require_safe
@login_required
@permission_required("workshops.view_workshop", raise_exception=True)
def programme_match(request):
    """Type-ahead for the entry page's programme and initiative: by name, short name or other name."""
    return _name_matches(request, Programme.objects.visible_to(request.user), ("short_name", "other_names"))


def _name_matches(request, queryset, other_fields=()):
    text = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:200]
    if len(text) < 2:
        return JsonResponse({"results": []})
    found = queryset.filter(every_word_in_any_field(search_words(text), ("name", *other_fields)))
    found = found.order_by(Length("name"), "name", "pk")[:TYPE_AHEAD_RESULTS]
    return JsonResponse({"results": [{"id": r.pk, "name": str(r), "label": str(r)} for r in found]})


@login_required
@permission_required("workshops.add_workshop", raise_exception=True)
def workshop_create(request):
    return _workshop_entry(request, Workshop(), heading=_("Log a workshop"))


@login_required
@permission_required("workshops.change_workshop", raise_exception=True)
def workshop_edit(request, pk):
    return _workshop_entry(
        request, get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk), heading=_("Edit workshop")
    )


def _workshop_entry(request, workshop, *, heading):
    """The one-page entry: the page reads what was typed into a WorkshopData and hands it to workshop_write, which
    checks it all and saves it in one transaction; on any error every message shows next to its field, a summary at
    the top links to each, and everything typed is shown again. GET ?draft=<token> fills the page in from a draft
    (a WorkshopData the report reader stored for this user), without messages until saved."""
    data = request.POST if request.method == "POST" else None
    draft_token = request.POST.get("draft", "") if data is not None else request.GET.get("draft", "")
    stored = WorkshopData.from_workshop(workshop) if workshop.pk else WorkshopData()
    record = stored
    if data is None and draft_token and not workshop.pk:
        record = drafts.load(request, draft_token)
        if record is None:
            messages.warning(request, _("That draft is no longer available: start the entry here."))
            record = stored
    too_many = _too_many_rows(data) if data is not None else []
    if data is not None:
        new_records = NewRecords(data.get("new_records", ""))
        form = WorkshopEntryForm(data, instance=workshop, new_records=new_records)
    else:
        new_records = NewRecords.of(record.new_people, record.new_organisations)
        form = WorkshopEntryForm(
            instance=workshop, initial=_entry_initial(record, new_records), new_records=new_records
        )
    labels = _record_labels(data, record, new_records)
    formsets = entry_formsets(data, None if data is not None else record, labels)
    conflict = None
    allow_duplicate = data is not None and not workshop.pk and DuplicateChoiceForm(data).allowed()
    duplicates_ = possible_duplicates(record, user=request.user) if data is None and record is not stored else []
    if too_many:
        for formset in formsets:
            formset.is_valid()
    elif data is not None:
        read = [form.is_valid(), *(fs.is_valid() for fs in formsets if fs.is_bound)]
        entry = form.workshop_data(stored)
        sources = {}
        for formset in formsets:
            if formset.is_bound:
                rows, sources[formset.prefix] = rows_from_formset(formset, stored.rows(formset.prefix))
                setattr(entry, formset.prefix, rows)
        try:
            # What could not be read has its message already: the service says what else is wrong, all at once.
            saved = services.workshop_write(
                data=entry,
                workshop=workshop,
                user=request.user,
                version=form.cleaned_data.get("version", ""),
                check_only=not all(read),
                allow_duplicate=allow_duplicate,
            )
        except services.WorkshopMayDuplicate as may_duplicate:
            duplicates_ = may_duplicate.candidates
        except StaleEdit as stale:
            conflict = stale
            form.take_version(stale)
        except services.WorkshopInvalid as error:
            _show_errors(error, form, formsets, sources)
        else:
            if saved is not None:
                drafts.forget(request, draft_token)
                messages.success(request, _("Saved “%(record)s”.") % {"record": saved})
                return redirect(saved)
    hosts = _host_countries(formsets[0], record, new_records)
    if not workshop.pk and not form.is_bound and (record is stored or not form.initial.get("timezone")):
        form.initial["timezone"] = default_timezone(hosts) or "UTC"
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
            "error_summary": [] if data is None else error_summary(form, formsets),
            "duplicates": duplicates_,
            "allow_duplicate": allow_duplicate,
            "draft_token": draft_token if record is not stored or data is not None else "",
            "draft_notes": record.notes if data is None else [],
            "timezone_choices": timezone_choices(hosts),
            "honorifics": HONORIFICS,
            "organisation_kinds": Organisation.Kind.choices,
            "countries": list(countries),
            "name_orders": Person.NameOrder.examples,
        },
        status=409 if conflict else 200,
    )


def _too_many_rows(data):
    """The lists the POST says have more rows than their limit: refused before any row form is built."""
    over = []
    for prefix, formset_class, _heading in ENTRY_FORMSETS:
        try:
            total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
        except (TypeError, ValueError):
            continue
        if total > formset_class.absolute_max:
            over.append(prefix)
    return over


def _entry_initial(record, new_records):
    """The workshop's fields of a WorkshopData as the entry form's initial values."""
    initial = {name: getattr(record, name) for name in WORKSHOP_FIELDS}
    if record.start_date:
        initial["start_date"] = Workshop(start_date=record.start_date, date_precision=record.date_precision).date_iso
    initial["topics"] = record.topics
    initial["new_topics"] = "; ".join(record.new_topics)
    initial["new_records"] = new_records.as_json()
    initial["source_report"] = record.source_report
    initial["source_report_name"] = record.source_report_name
    return initial


def _record_labels(data, record, new_records):
    """{(model, id) or "new:<key>": label} for every person and organisation the page's rows hold: two queries."""
    values = set()
    if data is not None:
        for name, value in data.items():
            if name.rsplit("-", 1)[-1] in REFERENCES and is_record_id(value):
                values.add((name.rsplit("-", 1)[-1], value))
    else:
        for kind in ENTRY_KINDS:
            for row in record.rows(kind) or []:
                for name in REFERENCES:
                    value = str(getattr(row, name, "") or "")
                    if is_record_id(value):
                        values.add((name, value))
    people = [int(v) for name, v in values if name in PERSON_REFERENCES]
    organisations = [int(v) for name, v in values if name in ORGANISATION_REFERENCES]
    labels = new_records.labels()
    # A person and an organisation may have the same id: a record's label is under (its model, its id).
    for person in Person.objects.filter(pk__in=people[: 4 * LIMITS["attendance"]]):
        labels[Person, str(person.pk)] = str(person)
    for organisation in Organisation.objects.filter(pk__in=organisations[: 4 * LIMITS["attendance"]]):
        labels[Organisation, str(organisation.pk)] = str(organisation)
    return labels


def _show_errors(error, form, formsets, sources):
    """The service's messages next to their fields: "title" on the workshop's form, "attendance-2-person" on the
    form of the third kept attendance row, "attendance" above its list, anything else at the top. A field that has a
    message of its own already (it could not be read) keeps that one."""
    by_prefix = {formset.prefix: formset for formset in formsets}
    for key, messages_ in error.message_dict.items():
        prefix, _sep, rest = key.partition("-")
        if key in form.errors or (prefix in sources and _row_has_error(sources[prefix], rest)):
            continue
        if key in form.fields and not form.fields[key].widget.is_hidden or key == "new_records":
            form.add_error(key, messages_)
        elif key in by_prefix:
            by_prefix[key].service_errors.extend(messages_)
        elif prefix in sources and rest:
            index, _sep, name = rest.partition("-")
            rows = sources[prefix]
            row_form = rows[int(index)] if index.isdigit() and int(index) < len(rows) else None
            if row_form is None:
                by_prefix[prefix].service_errors.extend(messages_)
            else:
                row_form.add_error(name if name in row_form.fields else None, messages_)
        elif key in form.fields:
            form.add_error(key, messages_)
        else:
            form.add_error(None, messages_)


def _row_has_error(rows, rest):
    index, _sep, name = rest.partition("-")
    if not index.isdigit() or int(index) >= len(rows):
        return False
    return name in rows[int(index)].errors


def _host_countries(hosts_formset, record, new_records):
    """The countries of the host organisations the page has (chosen or added), in their order."""
    if hosts_formset.is_bound:
        values = [row["organisation"].value() for row in hosts_formset.forms]
    else:
        values = [row.organisation for row in record.hosts or [] if row.role == WorkshopOrganisation.Role.HOST]
    ids = [int(value) for value in values if is_record_id(value)]
    by_id = dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "country"))
    countries_ = []
    for value in values:
        new = new_records.get(value)
        if isinstance(new, NewOrganisation):
            countries_.append(str(new.country))
        elif is_record_id(value):
            countries_.append(str(by_id.get(int(value), "")))
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
        for message in [*formset.non_form_errors(), *formset.service_errors]:
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
    workshop = get_object_or_404(Workshop.objects.visible_to(request.user), pk=pk)
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
    basis_form = PersonBasisForm(request.POST, prefix="basis", optional=True)
    basis_refused = not basis_form.is_valid()
    if undecided or other_meeting or for_all_error or basis_refused or any(row.organisation_error for row in rows):
        return _import_page(
            request,
            workshop,
            upload=upload,
            mapping_form=mapping_form,
            rows=rows,
            basis_form=basis_form,
            for_all_error=for_all_error,
            other_meeting_error=_("Tick this box to import a file of another meeting.") if other_meeting else "",
        )
    # The signed payload differs for every upload, so it names this preview: the same confirmation sent twice, or
    # by two people at once, is written once.
    key = hashlib.sha256(upload.payload.encode()).hexdigest()
    result = services.attendance_import(
        workshop=workshop,
        rows=rows,
        user=request.user,
        key=key,
        uploaded_at=upload.uploaded_at,
        basis=basis_form.basis_kwargs(),
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
    if result.times_kept:
        done += " " + ngettext(
            "%(count)s listed attendance given the file's times and role.",
            "%(count)s listed attendances given the file's times and role.",
            result.times_kept,
        ) % {"count": result.times_kept}
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
    rows = build_preview(table, mapping_form.mapping(), workshop, contacts=may_see_contacts(request.user))
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
    basis_form=None,
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
            "basis_form": basis_form or PersonBasisForm(prefix="basis", optional=True),
            "known_organisations": _known_organisations(workshop, rows) if rows is not None else [],
        },
    )
