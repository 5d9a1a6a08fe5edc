from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from participants.models import Person
from participants.services import person_from_name

from .attendance_matching import split_parenthesis
from .models import ActionItem, Attendance, MeetingRecordSending, Topic


@transaction.atomic
def action_item_set_status(*, action_item, status, user, today=None):
    """Set an action's status. Marking it done records the day (unless one is given); reopening or cancelling it
    clears that day. The action page, the API and the admin all save a status through here."""
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
    workshop.save()
    form.save_m2m()
    for name in form.cleaned_data.get("new_topics", []):
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        workshop.topics.add(topic)
    for formset in formsets:
        if formset.is_bound:
            _save_rows(formset, workshop)
    return workshop


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


def _save_rows(formset, workshop):
    formset.instance = workshop
    formset.save(commit=False)  # works out deleted_objects
    for obj in formset.deleted_objects:
        obj.delete()
    kept = [f for f in formset.forms if f not in formset.deleted_forms and (f.instance.pk or f.has_changed())]
    for position, row_form in enumerate(kept):
        obj = row_form.instance
        obj.workshop = workshop
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


@transaction.atomic
def attendance_import(*, workshop, rows, user):
    """Write the previewed rows as each row's choice says: a person's id, "new" or "skip" (no choice: the preview's
    suggestion, the matched person or a new one), and return the counts as an ImportResult.

    The caller has checked every row.choice_is_valid(). A person who already attends is counted as already listed,
    not added again. New people and attendance rows are bulk inserted with their history rows."""
    result = ImportResult()
    to_create, pending = [], []
    attending = set(workshop.attendances.select_for_update().values_list("person_id", flat=True))
    for row in rows:
        choice = row.choice
        if row.status in ("error", "listed") or choice == "skip":
            result.skipped += row.status != "listed"
            result.already_listed += row.status == "listed"
            continue
        if choice.isdigit():
            person = dict(row.options)[choice]
        elif choice == "new" or row.person is None:
            person = person_from_name(split_parenthesis(row.name)[0], email=row.email)
            to_create.append(person)
        else:
            person = row.person
        pending.append((row, person))
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
                order=order + len(attendances),
            )
        )
    bulk_create_with_history(attendances, Attendance, default_user=user, default_change_reason="attendance import")
    result.added = len(attendances)
    if attendances and workshop.approved_at is not None:
        workshop_open_revision(workshop=workshop)
        workshop._history_user = user
        workshop.save()
    return result
