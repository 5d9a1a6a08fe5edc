import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.scope import is_visible
from common import idempotency
from common.concurrency import bump_version, lock_name, lock_version, refuse_stale
from common.deletion import refuse_if_referred_to
from institutes.models import Organisation
from participants.models import Person, Position
from participants.services import person_basis_set, person_from_name, positions_from_attendance

from . import partners, signals
from .data import (
    FOLLOW_UP_FIELDS,
    FOREIGN_KEYS,
    LIMIT_LABELS,
    LIMITS,
    NEW,
    ORGANISATION_REFERENCES,
    PERSON_REFERENCES,
    WORKSHOP_FIELDS,
    AttendanceRow,
    NewOrganisation,
    NewPerson,
    WorkshopData,
    is_new,
    is_record_id,
    ref,
)
from .duplicates import possible_duplicates
from .models import (
    ActionItem,
    Attachment,
    Attendance,
    MeetingRecordSending,
    Outcome,
    Statement,
    Topic,
    Workshop,
    WorkshopOrganisation,
)


@transaction.atomic
def action_item_set_status(*, action_item, status, user, today=None):
    """Set an action's status. Marking it done records the day (unless one is given); reopening or cancelling it
    clears that day. The action page, the API and the admin all save a status through here."""
    _bump_parents(action_item, user=user, reason=_("A follow-up action was changed."))
    stored_owner = ActionItem.objects.filter(pk=action_item.pk).values_list("owner_id", flat=True).first()
    action_item.status = status
    if status == ActionItem.Status.DONE:
        if action_item.completed_on is None:
            action_item.completed_on = today or timezone.localdate()
    else:
        action_item.completed_on = None
    action_item._history_user = user
    action_item.full_clean()
    action_item.save()
    if action_item.owner_id and action_item.owner_id != stored_owner:
        signals.action_assigned.send(sender=ActionItem, action=action_item, user=user)
    return action_item


def _bump_parents(action_item, *, user, reason):
    stored = ActionItem.objects.filter(pk=action_item.pk).values("workshop_id", "agreement_id").first() or {}
    for model, ids in (
        (Workshop, {stored.get("workshop_id"), action_item.workshop_id}),
        (ActionItem.agreement.field.related_model, {stored.get("agreement_id"), action_item.agreement_id}),
    ):
        for record in model.objects.filter(pk__in=ids - {None}).order_by("pk"):
            bump_version(record, user=user, reason=reason)


class WorkshopInvalid(ValidationError):
    """The record was not written. Its message_dict is keyed by the place in WorkshopData each message is about: a
    workshop field ("title"), a row's field ("attendance-2-person", rows counted from 0), a row as a whole
    ("attendance-2"), a list ("attendance"), the new records ("new_records") or the whole ("__all__"). The entry
    page's forms use the same names, so each door shows a message next to its field."""


class WorkshopMayDuplicate(Exception):
    """A new workshop was not written: `candidates`, workshops on record, may be the same meeting (duplicates.py).
    The door shows them; writing it anyway is the caller's choice (allow_duplicate=True)."""

    def __init__(self, candidates):
        super().__init__(_("This workshop may already be on record."))
        self.candidates = candidates


ROW_MODELS = {
    "hosts": WorkshopOrganisation,
    "attendance": Attendance,
    "statements": Statement,
    "outcomes": Outcome,
    "actions": ActionItem,
}
ROW_RELATIONS = {
    "hosts": "organisation_links",
    "attendance": "attendances",
    "statements": "statements",
    "outcomes": "outcomes",
    "actions": "action_items",
}
REFERENCE_FIELDS = {**dict.fromkeys(PERSON_REFERENCES, Person), **dict.fromkeys(ORGANISATION_REFERENCES, Organisation)}
# Following an action up (its status, the day it was done) is not a change of the minutes: it opens no revision.
TRACKING_FIELDS = {"status", "completed_on"}
# A row that must be unique in its workshop: the field, and the message for the second one.
UNIQUE_IN_WORKSHOP = {
    "hosts": ("organisation", gettext_lazy("This organisation is already listed for this workshop.")),
    "attendance": ("person", gettext_lazy("This person is already listed as attending this workshop.")),
}


def _limit_errors(data):
    errors = {}
    counts = {kind: len(data.rows(kind) or []) for kind in ROW_MODELS}
    counts["topics"] = len(data.topics) + len(data.new_topics)
    counts["new_records"] = len(data.new_people) + len(data.new_organisations)
    for kind, count in counts.items():
        if count > LIMITS[kind]:
            errors[kind] = [
                _("At most %(limit)s %(what)s in one workshop record; this one has %(count)s.")
                % {"limit": LIMITS[kind], "what": LIMIT_LABELS[kind], "count": count}
            ]
    return errors


class _References:
    """The people and organisations `data` refers to, read in two queries; a reference to no record is an error at
    its place."""

    def __init__(self, data, errors):
        self.data = data
        self.errors = errors
        ids = {Person: set(), Organisation: set()}
        for person in data.new_people:
            if person.organisation and not is_new(person.organisation):
                ids[Organisation].add(person.organisation)
        for kind in ROW_MODELS:
            for row in data.rows(kind) or []:
                for name, model in REFERENCE_FIELDS.items():
                    value = str(getattr(row, name, "") or "")
                    if value and not is_new(value):
                        ids[model].add(value)
        self.records = {}
        for model, values in ids.items():
            numbers = [int(v) for v in values if is_record_id(v)]
            self.records[model] = model.objects.in_bulk(numbers) if numbers else {}

    def organisation(self, value):
        """The organisation on record with the id `value`, read with the others; None if there is none."""
        return self.records[Organisation].get(int(value)) if is_record_id(value) else None

    def get(self, model, value, where):
        """The record `value` names: an instance, the NewPerson/NewOrganisation, or None. An unknown one is an error
        at `where`."""
        if not value:
            return None
        if is_new(value):
            record = self.data.new_record(value)
            expected = NewPerson if model is Person else NewOrganisation
            if isinstance(record, expected):
                return record
            message = _("Select a valid choice. That choice is not one of the available choices.")
            self.errors.setdefault(where, []).append(message)
            return None
        elif is_record_id(value):
            found = self.records[model].get(int(value))
            if found is not None:
                return found
        field = where.rsplit("-", 1)[-1]
        if field == "owner":
            message = _("This person is not on record any more (merged or removed): choose the owner again.")
        elif field == "speaker":
            message = _("This person is not on record any more (merged or removed): choose the speaker again.")
        elif model is Person:
            message = _("This person is not on record any more (merged or removed): choose the person again.")
        else:
            message = _("This organisation is not on record any more (merged or removed): choose it again.")
        self.errors.setdefault(where, []).append(message)
        return None


def _add_errors(errors, error, prefix):
    for name, messages in error.message_dict.items():
        key = prefix if name == NON_FIELD_ERRORS else f"{prefix}-{name}" if prefix else name
        errors.setdefault(key or NON_FIELD_ERRORS, []).extend(messages)


def _new_instances(data, refs, errors):
    """The new people and organisations as unsaved instances, {key: (instance, NewPerson/NewOrganisation)}, each
    checked; what is wrong is said under "new_records", naming the record."""
    made = {}
    for record in data.new_organisations:
        instance = Organisation(
            **{name: " ".join(str(getattr(record, name) or "").split()) for name in ORGANISATION_NEW_FIELDS}
        )
        instance.kind = instance.kind or Organisation.Kind.OTHER
        instance.country = str(instance.country).upper()
        made[record.key] = (instance, record)
    for record in data.new_people:
        instance = Person(**{name: " ".join(str(getattr(record, name) or "").split()) for name in PERSON_NEW_FIELDS})
        instance.name_order = instance.name_order or Person.NameOrder.GIVEN_FIRST
        made[record.key] = (instance, record)
    for instance, record in made.values():
        problems = []
        if isinstance(record, NewPerson):
            name = instance.full_name
            describe = _("New person “%(name)s”: %(error)s")
            organisation = record.organisation
            if is_new(organisation) and not isinstance(data.new_record(organisation), NewOrganisation):
                problems.append(_("Its organisation is not among the new organisations of this page."))
            elif organisation and not is_new(organisation) and refs.organisation(organisation) is None:
                problems.append(_("Its organisation is not on record."))
        else:
            name = instance.name
            describe = _("New organisation “%(name)s”: %(error)s")
        try:
            # A person's one rule across fields is checked here rather than by a query per person.
            instance.full_clean(validate_unique=False, validate_constraints=isinstance(record, NewOrganisation))
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                label = "" if field_name == NON_FIELD_ERRORS else str(instance._meta.get_field(field_name).verbose_name)
                problems += [f"{label}: {message}" if label else message for message in messages]
        if isinstance(record, NewPerson) and not (instance.family_name or instance.given_name or instance.name_local):
            problems.append(_("Give at least a given name, a family name or a name in own script."))
        for problem in problems:
            errors.setdefault("new_records", []).append(describe % {"name": name, "error": problem})
    return made


class _RowPlan:
    def __init__(self, kind):
        self.kind = kind
        self.kept = []  # (index, row, instance, changed fields, fields waiting for a new record)
        self.removed = []


def _plan_rows(kind, rows, existing, refs, errors):
    """Apply `rows` to the rows on record, unsaved: what to save, what to remove, what changed."""
    model = ROW_MODELS[kind]
    plan = _RowPlan(kind)
    seen_ids = set()
    unique_field, unique_message = UNIQUE_IN_WORKSHOP.get(kind, (None, None))
    unique_seen = set()
    for index, row in enumerate(rows):
        where = f"{kind}-{index}"
        if row.id is not None:
            instance = existing.get(row.id)
            if instance is None or row.id in seen_ids:
                errors.setdefault(where, []).append(
                    _("This row is no longer on record (someone removed it): add it again as a new row.")
                )
                continue
            seen_ids.add(row.id)
        else:
            instance = model()
        before = {f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields}
        waiting = {}
        for name in row.MODEL_FIELDS:
            value = getattr(row, name)
            if name in REFERENCE_FIELDS:
                record = refs.get(REFERENCE_FIELDS[name], value, f"{where}-{name}")
                if isinstance(record, NewPerson | NewOrganisation):
                    waiting[name] = record.key
                    setattr(instance, f"{name}_id", None)
                else:
                    setattr(instance, name, record)
            elif name == "agreement":
                instance.agreement_id = value
            else:
                setattr(instance, name, value)
        if kind == "actions":
            if instance.status == ActionItem.Status.DONE:
                instance.completed_on = row.completed_on or instance.completed_on or timezone.localdate()
            else:
                instance.completed_on = None
        if hasattr(instance, "order"):
            instance.order = index
        changed = {
            f.name
            for f in model._meta.concrete_fields
            if f.attname not in ("id", "workshop_id", "updated_at", "created_at")
            and getattr(instance, f.attname) != before[f.attname]
        } | set(waiting)
        responsible = None
        if kind == "actions":
            responsible = sorted(set(row.responsible_organisations))
            stored = sorted(o.pk for o in instance.responsible_organisations.all()) if instance.pk is not None else []
            if responsible != stored:
                changed.add("responsible_organisations")
        if unique_field:
            value = getattr(row, unique_field)
            if value and value in unique_seen:
                errors.setdefault(f"{where}-{unique_field}", []).append(unique_message)
            unique_seen.add(value)
        if instance.pk is None or changed:
            # The people and organisations were read and checked above (_References): not once more per row.
            exclude = {"workshop", "order", *(set(row.MODEL_FIELDS) & set(REFERENCE_FIELDS))}
            try:
                instance.full_clean(exclude=exclude, validate_unique=False)
            except ValidationError as error:
                _add_errors(errors, error, where)
        plan.kept.append((index, row, instance, changed, waiting, responsible))
    plan.removed = [instance for pk, instance in existing.items() if pk not in seen_ids]
    return plan


def _content_changed(plan):
    if plan.removed:
        return True
    for _index, _row, instance, changed, _waiting, _responsible in plan.kept:
        if instance.pk is None or changed - TRACKING_FIELDS:
            return True
    return False


@transaction.atomic
def workshop_write(*, data, user, workshop=None, version=None, reason=None, check_only=False, allow_duplicate=False):
    """Write the workshop record `data` (a WorkshopData, see data.py) in one transaction, and return the workshop.

    `workshop` is the record to change (None or unsaved: a new one). `version` is the `updated_at` the change was
    made to, when the door carries one: a record saved since raises StaleEdit. Everything is checked before
    anything is written; WorkshopInvalid says what is wrong and where, and nothing is kept.

    The rules every door keeps because they are here: at most LIMITS rows; people and organisations exist (or are
    new records of `data`, created only when a kept row refers to them); one attendance per person and one link per
    organisation; each row's model rules; an action done has its day; a change to approved minutes opens the next
    revision (the approved one stays in history; following an action up is not a change of the minutes); the titles
    typed on attendance rows become positions; the source report is kept as an attachment.

    A new workshop that may repeat one on record (duplicates.possible_duplicates: near in date, sharing a host, two
    named people or its title) raises WorkshopMayDuplicate once it is otherwise valid, unless `allow_duplicate`.

    `check_only`: check and raise WorkshopInvalid as a write would, write nothing, return None (a page whose own
    fields could not all be read shows the record's other messages at once)."""
    errors = _limit_errors(data)
    if errors:
        raise WorkshopInvalid(errors)
    if workshop is not None and workshop.pk is not None:
        if version is not None and not check_only:
            refuse_stale(workshop, version)
        current = Workshop.objects.select_for_update().get(pk=workshop.pk)
    else:
        current = Workshop(created_by=user)
    refs = _References(data, errors)
    new = _new_instances(data, refs, errors)

    before = {name: getattr(current, current._meta.get_field(name).attname) for name in WORKSHOP_FIELDS}
    for name in WORKSHOP_FIELDS:
        setattr(current, current._meta.get_field(name).attname, getattr(data, name))
    try:
        current.full_clean(exclude=["created_by"])
    except ValidationError as error:
        _add_errors(errors, error, "")
    # A user of some programmes records workshops of those programmes only, at every door (accounts/scope.py). An
    # edit that keeps the programmes was let in by the door that fetched the workshop through the same rule.
    moved = current.pk is None or any(before[name] != getattr(current, f"{name}_id") for name in FOREIGN_KEYS)
    if user is not None and moved and not is_visible(user, current):
        errors.setdefault("programme", []).append(_("Choose one of your programmes, or an initiative under one."))
    fields_changed = [
        name
        for name in WORKSHOP_FIELDS
        if getattr(current, current._meta.get_field(name).attname) != before[name] and name not in FOLLOW_UP_FIELDS
    ]
    follow_up_changed = any(
        getattr(current, current._meta.get_field(name).attname) != before[name] for name in FOLLOW_UP_FIELDS
    )

    topic_ids = set(data.topics)
    if topic_ids and Topic.objects.filter(pk__in=topic_ids).count() != len(topic_ids):
        errors.setdefault("topics", []).append(_("A chosen topic is not on record any more: choose it again."))
    new_topics = []
    for name in data.new_topics:
        name = " ".join(name.split())
        if len(name) > 200:
            errors.setdefault("new_topics", []).append(_("A topic can be at most 200 characters long."))
        elif name and name.casefold() not in {t.casefold() for t in new_topics}:
            new_topics.append(name)

    plans = []
    for kind in ROW_MODELS:
        rows = data.rows(kind)
        if rows is None:
            continue
        existing = {}
        if current.pk is not None:
            related = getattr(current, ROW_RELATIONS[kind]).all()
            if kind == "actions":
                related = related.prefetch_related("responsible_organisations")
            existing = {instance.pk: instance for instance in related}
        plans.append(_plan_rows(kind, rows, existing, refs, errors))
    if errors:
        raise WorkshopInvalid(errors)
    if check_only:
        return None
    if current.pk is None and not allow_duplicate:
        candidates = possible_duplicates(data, user=user)
        if candidates:
            raise WorkshopMayDuplicate(candidates)

    stored_topics = set(current.topics.values_list("pk", flat=True)) if current.pk else set()
    content_changed = bool(fields_changed or new_topics or topic_ids != stored_topics) or any(
        _content_changed(plan) for plan in plans
    )
    anything_changed = (
        content_changed
        or follow_up_changed
        or any(
            plan.removed or any(changed or i.pk is None for _x, _r, i, changed, _w, _s in plan.kept) for plan in plans
        )
    )
    if current.pk is not None and content_changed:
        workshop_open_revision(workshop=current)
    # An agreement whose actions change gets a new version too, as when its actions change on their own.
    agreement_ids = {
        instance.agreement_id
        for plan in plans
        if plan.kind == "actions"
        for instance in [
            *plan.removed,
            *(i for _x, _r, i, changed, _w, _s in plan.kept if i.pk is None or changed),
        ]
        if instance.agreement_id
    }

    try:
        created = _create_new_records(new, plans, refs, user=user, start_date=current.start_date)
        if current.pk is None or anything_changed or data.source_report:
            current._history_user = user
            current._change_reason = reason
            current.save()
        if topic_ids != stored_topics or new_topics:
            topics = set(topic_ids)
            for name in new_topics:
                topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
                topics.add(topic.pk)
            current.topics.set(sorted(topics))
        typed = []
        for plan in plans:
            typed += _write_rows(plan, current, created, user=user, reason=reason)
    except IntegrityError as error:
        message = _("The record could not be saved: %(error)s") % {"error": error}
        raise WorkshopInvalid({NON_FIELD_ERRORS: [message]}) from None
    attendance_positions(typed, workshop=current, user=user)
    agreement_model = ActionItem.agreement.field.related_model
    for agreement in agreement_model.objects.filter(pk__in=agreement_ids).order_by("pk"):
        bump_version(agreement, user=user, reason=_("A follow-up action was changed."))
    if data.source_report:
        _attach_source_report(current, data.source_report, data.source_report_name, user=user)
    if workshop is not None:
        for each in current._meta.concrete_fields:
            setattr(workshop, each.attname, getattr(current, each.attname))
    return current


PERSON_NEW_FIELDS = ("honorific", "family_name", "given_name", "name_order", "name_local", "email")
ORGANISATION_NEW_FIELDS = ("name", "short_name", "name_local", "kind", "country")


def _create_new_records(new, plans, refs, *, user, start_date):
    """Create the new people and organisations a kept row refers to (and the organisations of those people);
    {key: instance}."""
    wanted = []
    for plan in plans:
        for _index, _row, _instance, _changed, waiting, _responsible in plan.kept:
            wanted += [key for key in waiting.values() if key not in wanted]
    for key in list(wanted):
        record = new[key][1]
        if isinstance(record, NewPerson) and is_new(record.organisation):
            organisation_key = record.organisation.removeprefix(NEW)
            if organisation_key not in wanted:
                wanted.insert(0, organisation_key)
    created = {}
    reason = _("Added from the workshop entry page")
    for kind in (NewOrganisation, NewPerson):
        keys = [key for key in wanted if isinstance(new[key][1], kind)]
        instances = [new[key][0] for key in keys]
        if instances:
            bulk_create_with_history(instances, type(instances[0]), default_user=user, default_change_reason=reason)
        created.update(zip(keys, instances, strict=True))
    positions = []
    for key in wanted:
        record = new[key][1]
        if isinstance(record, NewPerson) and record.organisation and record.title:
            organisation = (
                created.get(record.organisation.removeprefix(NEW))
                if is_new(record.organisation)
                else refs.organisation(record.organisation)
            )
            if organisation is not None:
                positions.append(
                    Position(
                        person=created[key], organisation=organisation, title=record.title[:200], start_date=start_date
                    )
                )
    if positions:
        bulk_create_with_history(positions, Position, default_user=user, default_change_reason=reason)
    return created


def _write_rows(plan, workshop, created, *, user, reason):
    """Remove, change and add the plan's rows; the attendance rows whose person, organisation or title is new."""
    for instance in plan.removed:
        instance._history_user = user
        instance._change_reason = reason
        instance.delete()
    typed, to_add, assigned = [], [], []
    for _index, row, instance, changed, waiting, responsible in plan.kept:
        for name, key in waiting.items():
            setattr(instance, name, created[key])
        instance.workshop = workshop
        if plan.kind == "actions" and instance.owner_id and (instance.pk is None or "owner" in changed):
            assigned.append(instance)
        if instance.pk is None:
            to_add.append((row, instance, responsible))
        elif changed:
            instance._history_user = user
            instance._change_reason = reason
            instance.save()
            if responsible is not None and "responsible_organisations" in changed:
                instance.responsible_organisations.set(responsible)
            if plan.kind == "attendance" and changed & {"person", "organisation", "title"}:
                typed.append(instance)
        row.id = instance.pk
    if to_add:
        model = ROW_MODELS[plan.kind]
        instances = [instance for _row, instance, _responsible in to_add]
        bulk_create_with_history(instances, model, default_user=user, default_change_reason=reason)
        for row, instance, responsible in to_add:
            row.id = instance.pk
            if responsible:
                instance.responsible_organisations.set(responsible)
        if plan.kind == "attendance":
            typed += instances
    for action in assigned:
        signals.action_assigned.send(sender=ActionItem, action=action, user=user)
    return typed


ROW_CHANGED = {
    "hosts": gettext_lazy("An organisation of the workshop was changed."),
    "attendance": gettext_lazy("An attendance row was changed."),
    "statements": gettext_lazy("A statement was changed."),
    "outcomes": gettext_lazy("An outcome was changed."),
    "actions": gettext_lazy("A follow-up action was changed."),
}
ROW_REMOVED = {
    "hosts": gettext_lazy("An organisation of the workshop was removed."),
    "attendance": gettext_lazy("An attendance row was removed."),
    "statements": gettext_lazy("A statement was removed."),
    "outcomes": gettext_lazy("An outcome was removed."),
    "actions": gettext_lazy("A follow-up action was removed."),
}


def workshop_row_write(*, workshop, kind, row, user, position=None, reason=None):
    """Add `row` (its id None) to the workshop's rows of `kind`, or change the row it names, through workshop_write:
    the row endpoints of the API and the admin's row pages. Returns the saved row. A message about the row is
    raised under the row's own field names."""
    data = WorkshopData.from_workshop(workshop, only=kind)
    rows = data.rows(kind)
    if row.id is not None:
        index = next((i for i, each in enumerate(rows) if each.id == row.id), None)
        if index is None:
            raise ValidationError(_("This row is not part of that workshop."))
        rows.pop(index)
    else:
        index = len(rows)
    index = index if position is None else max(0, min(position, len(rows)))
    rows.insert(index, row)
    try:
        workshop_write(data=data, workshop=workshop, user=user, reason=reason or ROW_CHANGED[kind])
    except WorkshopInvalid as error:
        raise _row_error(error, kind, index) from None
    return ROW_MODELS[kind].objects.get(pk=row.id)


def row_workshop(instance, changes):
    """The workshop a row (an attendance, an action) is written to: the one `changes` names, else its own. A row
    stays in its workshop: moving it is refused, at every door."""
    stored = type(instance).objects.filter(pk=instance.pk).values_list("workshop_id", flat=True).first()
    workshop = changes.get("workshop", instance.workshop if instance.workshop_id else None)
    if instance.pk is not None and stored is not None and (workshop is None or workshop.pk != stored):
        raise ValidationError(
            {"workshop": _("A row stays in its workshop: remove it there and add it to the other one.")}
        )
    return workshop


def workshop_row_delete(*, workshop, kind, row_id, user, reason=None):
    """Remove one row through workshop_write (the API's and the admin's deletes of a row)."""
    data = WorkshopData.from_workshop(workshop, only=kind)
    setattr(data, kind, [row for row in data.rows(kind) if row.id != row_id])
    workshop_write(data=data, workshop=workshop, user=user, reason=reason or ROW_REMOVED[kind])


def _row_error(error, kind, index):
    """The service's messages about one row, under the row's field names; any other as the row's own."""
    prefix = f"{kind}-{index}-"
    fields = {}
    for key, messages in error.message_dict.items():
        if key.startswith(prefix):
            fields.setdefault(key.removeprefix(prefix), []).extend(messages)
        else:
            fields.setdefault(NON_FIELD_ERRORS, []).extend(messages)
    return ValidationError(fields)


def rows_merged(sender, *, duplicate, keep, rows, **kwargs):
    """After a merge moved rows of workshop records (an attendance, a statement, an action, a host) from `duplicate`
    to `keep`: each of those records gets a new version, and approved minutes open their next revision, as an edit
    would. Called by institutes.signals.references_moved, inside the merge's transaction."""
    ids = {row.workshop_id for row in rows if isinstance(row, tuple(ROW_MODELS.values())) and row.workshop_id}
    reason = _("“%(duplicate)s” was merged into “%(keep)s”.") % {"duplicate": duplicate, "keep": keep}
    for workshop in Workshop.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        workshop_open_revision(workshop=workshop)
        workshop._change_reason = reason
        workshop.save()


def workshop_check_deletable(*, workshop):
    """Raise a ValidationError saying why the workshop record must stay: its minutes were approved, or an agreement
    came from it, from one of its decisions or follows one of its actions."""
    if workshop.approved_at is not None or workshop.revision > 1:
        raise ValidationError(_("Approved minutes cannot be deleted."), code="protected")
    refuse_if_referred_to(workshop, parts=(*ROW_MODELS.values(), MeetingRecordSending, Attachment))
    if (
        Outcome.objects.filter(workshop=workshop, agreements__isnull=False).exists()
        or ActionItem.objects.filter(workshop=workshop, agreement__isnull=False).exists()
    ):
        raise ValidationError(
            _("“%(record)s” is kept because agreements refer to its decisions or actions.") % {"record": workshop},
            code="referred_to",
        )


@transaction.atomic
def workshop_delete(*, workshop, user):
    """Delete a workshop record that was never approved and that no agreement refers to. Approved minutes (and any
    revision after them) stay: the page, the API and the admin all refuse through here."""
    current = Workshop.objects.select_for_update().get(pk=workshop.pk)
    workshop_check_deletable(workshop=current)
    current._history_user = user
    current._change_reason = _("Deleted: never approved.")
    current.delete()


def attendance_positions(attendances, *, workshop, user):
    """Each attendance row's title at its organisation becomes the person's position from the workshop's date.
    Every door that writes attendance (entry page, import, API, admin) calls this after saving the rows."""
    rows = [(a.person, a.organisation, a.title) for a in attendances if a.organisation_id and a.title]
    positions_from_attendance(rows, on_date=workshop.start_date, user=user)


def _attach_source_report(workshop, text, name, *, user):
    """The report the entry was read from, kept with the workshop as a text file."""
    name = name or _("Source report")
    stem = slugify(name.rsplit(".", 1)[0])[:80] or "source-report"
    attachment = Attachment(workshop=workshop, kind=Attachment.Kind.REPORT, title=name[:300], uploaded_by=user)
    attachment.file.save(f"{stem}.txt", ContentFile(text.encode()), save=False)
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
    all approve through here. The row is locked first: of approvals sent at once, one approves and the others are
    told it is approved already."""
    current = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if current.approved_at is not None:
        raise ValidationError(_("Revision %(revision)s is already approved.") % {"revision": current.revision})
    current.approved_by = user
    current.approved_at = now or timezone.now()
    current._history_user = user
    current._change_reason = _("Minutes approved (revision %(revision)s)") % {"revision": current.revision}
    current.full_clean()
    current.save()
    signals.minutes_approved.send(sender=Workshop, workshop=current, user=user)
    for each in current._meta.concrete_fields:
        setattr(workshop, each.attname, getattr(current, each.attname))
    return workshop


# Sending the meeting record: at most this many people at once, and this many sendings of one workshop in a day.
RECORD_SEND_MAX_RECIPIENTS = 30
RECORD_SENDINGS_PER_DAY = 5


def meeting_record_send_check(*, workshop, recipients, now=None):
    """Refuse a sending the limits do not allow, or one to anybody who is not a named participant of the workshop
    with an address: the record goes to the people who were there, whatever door asks."""
    if len(recipients) > RECORD_SEND_MAX_RECIPIENTS:
        raise ValidationError(
            _("The record can be sent to at most %(limit)s people at once.") % {"limit": RECORD_SEND_MAX_RECIPIENTS},
            code="too_many_recipients",
        )
    attending = set(
        Person.objects.filter(attendances__workshop=workshop).exclude(email="").values_list("pk", flat=True)
    )
    if any(person.pk not in attending for person in recipients):
        raise ValidationError(
            _("The record can only be sent to the workshop's participants who have an e-mail address."),
            code="not_a_participant",
        )
    since = (now or timezone.now()) - datetime.timedelta(days=1)
    if MeetingRecordSending.objects.filter(workshop=workshop, sent_at__gt=since).count() >= RECORD_SENDINGS_PER_DAY:
        raise ValidationError(
            _("This record was sent %(limit)s times in the last 24 hours; send it again tomorrow.")
            % {"limit": RECORD_SENDINGS_PER_DAY},
            code="too_many_sendings",
        )


def meeting_record_send(*, workshop, recipients, message, pdf, filename, user):
    """E-mail the meeting record's PDF to each recipient, one message each, and log the sending.

    Returns (the logged sending or None, the recipients it could not be sent to). The log names only the people
    the mail server accepted, so a failure halfway leaves a truthful record of who has it. Raises ValidationError
    for a sending meeting_record_send_check() refuses."""
    meeting_record_send_check(workshop=workshop, recipients=recipients)
    # A title stored before titles were kept to one line must not break the Subject header.
    subject = _("Meeting record: %(title)s") % {"title": " ".join(workshop.title.split())}
    reply_to = [user.email] if user.email else None
    sent, failed = [], []
    # Approved minutes ask each recipient to confirm them, through a link of their own (partners.py).
    approved = workshop.approved_at is not None
    tokens = {person: partners.new_token() for person in recipients} if approved else {}
    connection = get_connection()
    try:
        connection.open()
    except OSError:
        return None, list(recipients)
    try:
        for person in recipients:
            body = message
            if approved:
                body = "\n\n".join(filter(None, [message.rstrip(), _confirmation_request(workshop, tokens[person])]))
            email = EmailMessage(
                subject,
                body,
                settings.DEFAULT_FROM_EMAIL,
                [person.email],
                reply_to=reply_to,
                connection=connection,
            )
            email.attach(filename, pdf, "application/pdf")
            try:
                email.send()
            # smtplib's errors are OSErrors: refused, unreachable, timed out. An address Django refuses to put in a
            # header (BadHeaderError, a ValueError; one stored around the model's checks) fails that message only.
            except (OSError, ValueError):
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
        if approved:
            partners.record_confirmations_create(sending=sending, tokens={person: tokens[person] for person in sent})
    return sending, failed


def _confirmation_request(workshop, token):
    return _(
        "Please confirm these minutes (revision %(revision)s), or tell us what should be corrected, on this page — "
        "no account needed, the link works for %(days)s days:\n%(link)s"
    ) % {
        "revision": workshop.revision,
        "days": partners.CONFIRMATION_LINK_DAYS,
        "link": partners.confirmation_url(token),
    }


@dataclass
class ImportResult:
    added: int = 0
    created: int = 0
    already_listed: int = 0
    skipped: int = 0
    unnamed: int = 0  # rows that are no person (a phone, a room, a recorder, a device), skipped and counted
    emails_added: int = 0
    times_kept: int = 0  # attendances already listed given the file's meeting role, times or minutes
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


def _keep_times(attendance, timed):
    """Give each attendance row of a person in `timed` ({person reference: import row}) what the file says of them:
    the meeting role, the first join, the last leave and the minutes (their sessions summed), and their role when
    the file gives one other than participant. Returns how many attendance rows changed."""
    changed = 0
    for line in attendance:
        row = timed.get(line.person)
        if row is None:
            continue
        before = (line.role, line.meeting_role, line.joined_at, line.left_at, line.minutes_attended)
        if row.role != Attendance.Role.PARTICIPANT:
            line.role = row.role
        line.meeting_role = row.meeting_role[:50] or line.meeting_role
        line.joined_at = row.joined_at or line.joined_at
        line.left_at = row.left_at or line.left_at
        line.minutes_attended = row.minutes if row.minutes is not None else line.minutes_attended
        changed += before != (line.role, line.meeting_role, line.joined_at, line.left_at, line.minutes_attended)
    return changed


@transaction.atomic
def attendance_import(*, workshop, rows, user, key="", uploaded_at=None, basis=None):
    """Write the previewed rows as each row's choice says: a person's id, "new" or "skip" (no choice: the preview's
    suggestion, the matched person or a new one; for a row that is no person, skip), and return the counts as an
    ImportResult.

    Rows that are no person and are skipped count as unnamed attendance: the workshop's reported attendance is
    raised to the people named plus them, if it was lower. A row's e-mail address is added to the person on record
    it stands for if they have none and the row's `add_email` is ticked; an address on record is never replaced.
    Each attendance keeps the row's organisation (as the preview resolved it), meeting role and times; a person
    listed already gets the row's meeting role, times, minutes and role too (_keep_times).

    The caller has checked every row.choice_is_valid(). A person who already attends is counted as already listed,
    not added again. New people and attendance rows are bulk inserted with their history rows.

    Imports into one workshop run one at a time (the workshop's row is locked). `key` names the preview: a second
    confirmation of it writes nothing and says so (`repeated`). People are created by one import at a time, and a
    new person who is on record by now under the same name and email, and was not there for the user to choose
    (created since the file was uploaded at `uploaded_at`, or not offered), is taken instead of created again: the
    same names imported just before, elsewhere.

    `basis`: the keyword arguments of participants.services.person_basis_set (basis, source, on, may_be_named) for
    the people this import creates, chosen once on the preview; None leaves their basis unrecorded."""
    refused = [row for row in rows if not row.choice_is_valid() or row.organisation_error]
    if refused:
        raise ValidationError(
            _("Rows %(rows)s are not decided.") % {"rows": ", ".join(r.number_label for r in refused)}
        )
    lock_version(workshop)
    claimed = idempotency.claim(f"attendance-import:{workshop.pk}:{key}", user=user) if key else None
    if key and claimed is None:
        return ImportResult(repeated=True)
    result = ImportResult()
    new, pending = [], []
    attending = set(workshop.attendances.values_list("person_id", flat=True))
    emails = {}  # person id: the address to add
    timed = {}  # reference to a person listed already: the row whose times their attendance takes
    for row in rows:
        choice = row.choice
        if row.status == "nonperson" and choice != "new":
            result.unnamed += 1
            continue
        if row.status in ("error", "listed") or choice == "skip":
            result.skipped += row.status not in ("listed", "nonperson")
            result.already_listed += row.status == "listed"
            if row.status == "listed":
                timed.setdefault(ref(row.person.pk), row)
                if row.add_email and row.email_offered_to(row.person):
                    emails.setdefault(row.person.pk, row.email)
            continue
        if choice.isdigit():
            person = dict(row.options)[choice]
        elif choice == "new" or row.person is None:
            person = person_from_name(row.name, email=row.email)
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
    data = WorkshopData.from_workshop(workshop, only="attendance")
    new_keys = {}
    for row, person in pending:
        if person.pk is not None and person.pk in attending:
            result.already_listed += 1
            timed.setdefault(ref(person.pk), row)
            continue
        if person.pk is None:
            if id(person) not in new_keys:
                new_keys[id(person)] = f"i{len(new_keys) + 1}"
                data.new_people.append(
                    NewPerson(
                        key=new_keys[id(person)],
                        **{name: getattr(person, name) for name in PERSON_NEW_FIELDS},
                    )
                )
            reference = NEW + new_keys[id(person)]
        else:
            attending.add(person.pk)
            reference = ref(person.pk)
        data.attendance.append(
            AttendanceRow(
                person=reference,
                organisation=ref(row.organisation.pk if row.organisation is not None else None),
                title=row.title[:200],
                role=row.role,
                meeting_role=row.meeting_role[:50],
                joined_at=row.joined_at,
                left_at=row.left_at,
                minutes_attended=row.minutes,
            )
        )
        result.added += 1
    result.created = len(new_keys)
    result.times_kept = _keep_times(data.attendance, timed)
    named = len(data.attendance)
    reported = named + result.unnamed if result.unnamed else 0
    if reported > (data.reported_attendance or 0):
        data.reported_attendance = reported
    if result.added or result.times_kept or data.reported_attendance != workshop.reported_attendance:
        workshop_write(data=data, workshop=workshop, user=user, reason=_("Attendance imported."))
    if basis and result.created:
        created = workshop.attendances.exclude(person_id__in=attending).values_list("person_id", flat=True)
        person_basis_set(people=list(created), **basis, user=user, reason="attendance import")
    if claimed is not None:
        idempotency.remember(claimed, {"added": result.added, "created": result.created})
    return result
