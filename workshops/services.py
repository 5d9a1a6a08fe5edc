from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common import idempotency
from common.concurrency import bump_version, lock_name, lock_version
from participants.models import Person
from participants.services import person_from_name, positions_from_attendance

from .attendance_matching import split_parenthesis
from .models import ActionItem, Attachment, Attendance, MeetingRecordSending, Topic, Workshop


@transaction.atomic
def action_item_set_status(*, action_item, status, user, today=None):
    """Set an action's status. Marking it done records the day (unless one is given); reopening or cancelling it
    clears that day. The action page, the API and the admin all save a status through here."""
    _bump_parents(action_item, user=user, reason=_("A follow-up action was changed."))
    action_item.status = status
    if status == ActionItem.Status.DONE:
        if action_item.completed_on is None:
            action_item.completed_on = today or timezone.localdate()
    else:
        action_item.completed_on = None
    action_item._history_user = user
    action_item.full_clean()
    action_item.save()
    return action_item


def _bump_parents(action_item, *, user, reason):
    stored = ActionItem.objects.filter(pk=action_item.pk).values("workshop_id", "agreement_id").first() or {}
    for model, ids in (
        (Workshop, {stored.get("workshop_id"), action_item.workshop_id}),
        (ActionItem.agreement.field.related_model, {stored.get("agreement_id"), action_item.agreement_id}),
    ):
        for record in model.objects.filter(pk__in=ids - {None}).order_by("pk"):
            bump_version(record, user=user, reason=reason)


@transaction.atomic
def attendance_save(*, attendance, user):
    """Add or change one attendance row on its own (the API): the workshop gets a new version, so its edit page
    opened before is refused instead of writing the old row back."""
    stored = Attendance.objects.filter(pk=attendance.pk).values_list("workshop_id", flat=True).first()
    for workshop in Workshop.objects.filter(pk__in={stored, attendance.workshop_id} - {None}).order_by("pk"):
        bump_version(workshop, user=user, reason=_("An attendance row was changed."))
    attendance._history_user = user
    attendance.full_clean()
    attendance.save()
    attendance_positions([attendance], workshop=attendance.workshop, user=user)
    return attendance


@transaction.atomic
def attendance_delete(*, attendance, user):
    bump_version(attendance.workshop, user=user, reason=_("An attendance row was removed."))
    attendance._history_user = user
    attendance.delete()


@transaction.atomic
def workshop_save(*, form, formsets, user):
    """Save the workshop, its new topics and every bound formset together, or nothing.

    The caller has validated form and formsets. A stale edit raises StaleEdit and a row that breaks a database
    rule raises ValidationError, both before the transaction commits."""
    form.refuse_stale()
    edited = form.has_changed() or any(fs.has_changed() for fs in formsets if fs.is_bound)
    workshop = form.save(commit=False)
    if workshop.pk is None:
        workshop.created_by = user
    elif edited:
        workshop_open_revision(workshop=workshop)
    workshop.full_clean()
    # The people and organisations added on the page that a kept row refers to: created first, so the rows can.
    new_records = getattr(form, "new_record_set", None)
    if new_records:
        referenced = {
            id(value)
            for formset in formsets
            if formset.is_bound
            for row_form in _kept_forms(formset)
            for value in row_form.new_values()
        }
        new_records.save(
            [record for record in new_records.records.values() if id(record.instance) in referenced],
            user=user,
            start_date=workshop.start_date,
        )
    workshop.save()
    form.save_m2m()
    for name in form.cleaned_data.get("new_topics", []):
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        workshop.topics.add(topic)
    for formset in formsets:
        if formset.is_bound:
            _save_rows(formset, workshop)
    # Titles typed on attendance rows added or changed become the people's positions.
    typed = [
        row.instance
        for formset in formsets
        if formset.is_bound and formset.model is Attendance
        for row in formset.forms
        if row not in formset.deleted_forms
        and row.instance.pk
        and {"person", "organisation", "title"} & set(row.changed_data)
    ]
    attendance_positions(typed, workshop=workshop, user=user)
    if form.cleaned_data.get("source_report"):
        _attach_source_report(workshop, form.cleaned_data, user=user)
    return workshop


def attendance_positions(attendances, *, workshop, user):
    """Each attendance row's title at its organisation becomes the person's position from the workshop's date.
    Every door that writes attendance (entry page, import, API, admin) calls this after saving the rows."""
    rows = [(a.person, a.organisation, a.title) for a in attendances if a.organisation_id and a.title]
    positions_from_attendance(rows, on_date=workshop.start_date, user=user)


def _attach_source_report(workshop, cleaned_data, *, user):
    """The report the entry was read from, kept with the workshop as a text file."""
    name = cleaned_data.get("source_report_name") or _("Source report")
    stem = slugify(name.rsplit(".", 1)[0])[:80] or "source-report"
    attachment = Attachment(workshop=workshop, kind=Attachment.Kind.REPORT, title=name[:300], uploaded_by=user)
    attachment.file.save(f"{stem}.txt", ContentFile(cleaned_data["source_report"].encode()), save=False)
    attachment._history_user = user
    attachment.full_clean()
    attachment.save()


def workshop_open_revision(*, workshop):
    """An approved record that is edited becomes the next revision, a draft again. The caller saves it; the approved
    revision stays in the history."""
    if workshop.approved_at is not None:
        workshop.revision += 1
        workshop.approved_by = None
        workshop.approved_at = None
    return workshop


@transaction.atomic
def workshop_approve(*, workshop, user, now=None):
    """Approve the meeting record's current revision, recording who and when. The record page, the API and the admin
    all approve through here."""
    if workshop.approved_at is not None:
        raise ValidationError(_("Revision %(revision)s is already approved.") % {"revision": workshop.revision})
    workshop.approved_by = user
    workshop.approved_at = now or timezone.now()
    workshop._history_user = user
    workshop._change_reason = _("Minutes approved (revision %(revision)s)") % {"revision": workshop.revision}
    workshop.full_clean()
    workshop.save()
    return workshop


def meeting_record_send(*, workshop, recipients, message, pdf, filename, user):
    """E-mail the meeting record's PDF to each recipient, one message each, and log the sending.

    Returns (the logged sending or None, the recipients it could not be sent to). The log names only the people
    the mail server accepted, so a failure halfway leaves a truthful record of who has it."""
    subject = _("Meeting record: %(title)s") % {"title": workshop.title}
    reply_to = [user.email] if user.email else None
    sent, failed = [], []
    connection = get_connection()
    try:
        connection.open()
    except OSError:
        return None, list(recipients)
    try:
        for person in recipients:
            email = EmailMessage(
                subject,
                message,
                settings.DEFAULT_FROM_EMAIL,
                [person.email],
                reply_to=reply_to,
                connection=connection,
            )
            email.attach(filename, pdf, "application/pdf")
            try:
                email.send()
            except OSError:  # smtplib's errors are OSErrors: refused, unreachable, timed out
                failed.append(person)
            else:
                sent.append(person)
    finally:
        connection.close()
    if not sent:
        return None, failed
    with transaction.atomic():
        sending = MeetingRecordSending.objects.create(
            workshop=workshop,
            sent_by=user,
            revision=workshop.revision,
            was_approved=workshop.approved_at is not None,
            addresses="\n".join(person.email for person in sent),
            message=message,
        )
        sending.recipients.set(sent)
    return sending, failed


def _kept_forms(formset):
    return [f for f in formset.forms if f not in formset.deleted_forms and (f.instance.pk or f.has_changed())]


def _save_rows(formset, workshop):
    formset.instance = workshop
    formset.save(commit=False)  # works out deleted_objects
    for obj in formset.deleted_objects:
        obj.delete()
    kept = _kept_forms(formset)
    for position, row_form in enumerate(kept):
        obj = row_form.instance
        obj.workshop = workshop
        for field in obj._meta.concrete_fields:
            # A person or organisation added on the page was chosen before it had an id: it has one now.
            if field.is_relation and field.is_cached(obj):
                related = field.get_cached_value(obj)
                if related is not None and getattr(obj, field.attname) is None:
                    setattr(obj, field.attname, related.pk)
        if hasattr(obj, "order"):
            obj.order = position
        obj.full_clean()
        obj.save()
        if hasattr(row_form, "save_m2m"):
            row_form.save_m2m()


@dataclass
class ImportResult:
    added: int = 0
    created: int = 0
    already_listed: int = 0
    skipped: int = 0
    unnamed: int = 0  # rows that are no person (a phone, a room, a recorder, a device), skipped and counted
    emails_added: int = 0
    repeated: bool = False  # this preview was imported before: nothing written now


def _people_by_name(people):
    """The people on record with the name and email of one of `people`, by _same_person_key (the first, if two)."""
    found = {}
    same_names = Person.objects.filter(
        given_name__in={p.given_name for p in people},
        family_name__in={p.family_name for p in people},
        name_local__in={p.name_local for p in people},
    )
    for person in same_names.order_by("-pk"):
        found[_same_person_key(person)] = person
    return found


def _same_person_key(person):
    return (
        person.given_name.casefold(),
        person.family_name.casefold(),
        person.name_local.casefold(),
        person.email.casefold(),
    )


def _record_import(workshop, *, user, added, reported):
    """The workshop after an import: its reported attendance raised to `reported` (the people named and the rows
    that are no person; 0 when there were none) if it was lower, and a new version, or a new draft revision of
    approved minutes."""
    current = Workshop.objects.select_for_update().get(pk=workshop.pk)
    fields = ["updated_at"]
    raise_reported = reported > (current.reported_attendance or 0)
    if not raise_reported and not added:
        return
    if not raise_reported and current.approved_at is None:
        bump_version(workshop, user=user, reason=_("Attendance imported."))
        return
    if raise_reported:
        current.reported_attendance = workshop.reported_attendance = reported
        fields.append("reported_attendance")
    if current.approved_at is not None:
        # New names on approved minutes make them a new draft revision, as an edit of the page does.
        workshop_open_revision(workshop=current)
        fields += ["revision", "approved_by", "approved_at"]
    current._history_user = user
    current._change_reason = _("Attendance imported.")
    current.save(update_fields=fields)
    for field in ("revision", "approved_by_id", "approved_at", "updated_at"):
        setattr(workshop, field, getattr(current, field))


def _add_emails(emails, *, user):
    """Give each person on record their address from the file, {person id: address}, unless they have one by now."""
    people = list(Person.objects.select_for_update().filter(pk__in=emails, email="").order_by("pk"))
    now = timezone.now()
    for person in people:
        # A new version too (bulk updates leave auto_now alone): a person's page opened before is refused.
        person.email, person.updated_at = emails[person.pk][:254], now
    if people:
        bulk_update_with_history(
            people, Person, ["email", "updated_at"], default_user=user, default_change_reason="attendance import"
        )
    return len(people)


@transaction.atomic
def attendance_import(*, workshop, rows, user, key="", uploaded_at=None):
    """Write the previewed rows as each row's choice says: a person's id, "new" or "skip" (no choice: the preview's
    suggestion, the matched person or a new one; for a row that is no person, skip), and return the counts as an
    ImportResult.

    Rows that are no person and are skipped count as unnamed attendance: the workshop's reported attendance is
    raised to the people named plus them, if it was lower. A row's e-mail address is added to the person on record
    it stands for if they have none and the row's `add_email` is ticked; an address on record is never replaced.
    Each attendance keeps the row's organisation (as the preview resolved it), meeting role and times.

    The caller has checked every row.choice_is_valid(). A person who already attends is counted as already listed,
    not added again. New people and attendance rows are bulk inserted with their history rows.

    Imports into one workshop run one at a time (the workshop's row is locked). `key` names the preview: a second
    confirmation of it writes nothing and says so (`repeated`). People are created by one import at a time, and a
    new person who is on record by now under the same name and email, and was not there for the user to choose
    (created since the file was uploaded at `uploaded_at`, or not offered), is taken instead of created again: the
    same names imported just before, elsewhere."""
    refused = [row for row in rows if not row.choice_is_valid() or row.organisation_error]
    if refused:
        raise ValidationError(
            _("Rows %(rows)s are not decided.") % {"rows": ", ".join(r.number_label for r in refused)}
        )
    lock_version(workshop)
    claimed = idempotency.claim(f"attendance-import:{workshop.pk}:{key}") if key else None
    if key and claimed is None:
        return ImportResult(repeated=True)
    result = ImportResult()
    new, pending = [], []
    attending = set(workshop.attendances.values_list("person_id", flat=True))
    emails = {}  # person id: the address to add
    for row in rows:
        choice = row.choice
        if row.status == "nonperson" and choice != "new":
            result.unnamed += 1
            continue
        if row.status in ("error", "listed") or choice == "skip":
            result.skipped += row.status not in ("listed", "nonperson")
            result.already_listed += row.status == "listed"
            if row.status == "listed" and row.add_email and row.email_offered_to(row.person):
                emails.setdefault(row.person.pk, row.email)
            continue
        if choice.isdigit():
            person = dict(row.options)[choice]
        elif choice == "new" or row.person is None:
            person = person_from_name(split_parenthesis(row.name)[0], email=row.email)
            new.append((row, person))
        else:
            person = row.person
        if row.add_email and row.email_offered_to(person):
            emails.setdefault(person.pk, row.email)
        pending.append((row, person))
    if emails:
        result.emails_added = _add_emails(emails, user=user)
    if new:
        lock_name("participants.person-create")
        on_record = _people_by_name([person for _row, person in new])
        attending_now = {_same_person_key(p): p for p in Person.objects.filter(attendances__workshop=workshop)}
        taken = {}
        for row, person in new:
            found = attending_now.get(_same_person_key(person))
            if found is None:
                # Someone with this very name the user could not have chosen is on record now: the same person.
                since = on_record.get(_same_person_key(person))
                offered = {p.pk for _value, p in row.options}
                unseen = since is not None and (
                    since.pk not in offered or (uploaded_at is not None and since.created_at > uploaded_at)
                )
                found = since if unseen else None
            taken[id(person)] = found
        pending = [(row, taken.get(id(person)) or person) for row, person in pending]
        to_create = [person for _row, person in new if taken[id(person)] is None]
        if to_create:
            bulk_create_with_history(to_create, Person, default_user=user, default_change_reason="attendance import")
            result.created = len(to_create)
    order = workshop.attendances.count()
    attendances = []
    for row, person in pending:
        if person.pk in attending:
            result.already_listed += 1
            continue
        attending.add(person.pk)
        attendances.append(
            Attendance(
                workshop=workshop,
                person=person,
                organisation=row.organisation,
                title=row.title[:200],
                role=row.role,
                meeting_role=row.meeting_role[:50],
                joined_at=row.joined_at,
                left_at=row.left_at,
                minutes_attended=row.minutes,
                order=order + len(attendances),
            )
        )
    bulk_create_with_history(attendances, Attendance, default_user=user, default_change_reason="attendance import")
    result.added = len(attendances)
    attendance_positions(attendances, workshop=workshop, user=user)
    reported = len(attending) + result.unnamed if result.unnamed else 0
    _record_import(workshop, user=user, added=bool(attendances), reported=reported)
    if claimed is not None:
        idempotency.remember(claimed, {"added": result.added, "created": result.created})
    return result
