"""Erasure and retention: the writes of the privacy app.

    person_anonymise(person=…, user=…, reason=…)   # the page, `anonymise_person` and `apply_retention` call it
    retention_apply(days=…, dry_run=…)              # `apply_retention`
    erasures_replay(…)                              # `restore`, through common.signals.restored

What an erasure does to each table is listed in the README ("Personal data"). The log of erasures is kept twice: as
ErasureLog rows, and as one small file per erasure in the file storage (ERASURE_LOG_FOLDER), which a restored
database backup does not overwrite: `restore` replays the files, so a backup taken before an erasure never brings
the person back.
"""

import datetime
import json
import re
import uuid
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty
from participants.keys import name_key
from participants.models import Person, PersonAlias, Position
from workshops.models import ActionItem, Attendance, MeetingRecordSending, Statement, Workshop

from .models import ErasureLog

# Stored text, not the interface's: the records read the same in every language.
PLACEHOLDER = "Participant"
ERASURE_LOG_FOLDER = "privacy/erasures"
MAX_REASON_LENGTH = 1000
# A name shorter than this is not looked for in other records' text: "Li" would be found in every other word.
MIN_NAME_LENGTH = 4
# Free text of these apps is searched for the person's names and contacts (their history tables included).
SCRUBBED_APPS = ("institutes", "participants", "workshops", "agreements", "overview")
# Names of records (a person's, an organisation's) are not rewritten: another person may bear the same name.
NAMES_KEPT = {
    "participants.person",
    "participants.historicalperson",
    "participants.personalias",
    "participants.historicalpersonalias",
}
RETENTION_REASON = "retention"


class StatementRule:
    """What an erasure does to a statement the person made."""

    KEEP = "keep"  # the statement stays, said by "Participant (ORG)"
    REMOVE = "remove"  # the statement is deleted


def statement_rule(person):
    """KEEP, or REMOVE where the basis the person was recorded on does not allow their words to be kept.

    Held on consent, their words go with the consent they withdraw; held for the programme's legitimate interest or
    a contract (or with no basis recorded), the record of the meeting keeps what was said, by "Participant (PCCFPI)".
    This is the one place to decide it."""
    if person.basis == Person.Basis.CONSENT:
        return StatementRule.REMOVE
    return StatementRule.KEEP


def organisation_label(person):
    """The organisation the person is known by: their current position's, else the latest one's, else the latest
    workshop's they attended for, else their signature's; None when nothing is recorded."""
    position = (
        Position.objects.filter(person=person)
        .select_related("organisation")
        .order_by(models.F("end_date").desc(nulls_first=True), models.F("start_date").desc(nulls_last=True), "-id")
        .first()
    )
    if position:
        return position.organisation.label
    attendance = (
        Attendance.objects.filter(person=person, organisation__isnull=False)
        .select_related("organisation")
        .order_by("-workshop__start_date", "-id")
        .first()
    )
    if attendance:
        return attendance.organisation.label
    party = AgreementParty.objects.filter(signatory=person).select_related("organisation").order_by("-id").first()
    return party.organisation.label if party else None


def anonymous_name(person):
    """ "Participant (PCCFPI)", or "Participant" when no organisation is recorded."""
    label = organisation_label(person)
    return f"{PLACEHOLDER} ({label})" if label else PLACEHOLDER


def person_traces(person, merged=()):
    """The names and contacts by which other records' text may mention the person (and the people `merged` into
    them, as their versions knew them), longest first."""
    given, family, honorific = person.given_name.strip(), person.family_name.strip(), person.honorific.strip()
    names = {person.full_name, person.name_local, f"{given} {family}", f"{family} {given}"}
    names.update(PersonAlias.objects.filter(person=person).values_list("name", flat=True))
    if honorific:
        # "Mr. Samath" and "Mr. Bou": how a report names someone it introduced before.
        names.update({f"{honorific} {given}", f"{honorific} {family}"})
    names.update({person.email, person.phone})
    for old in Person.history.filter(id__in=merged):
        names.update({old.email, old.phone, old.name_local, f"{old.given_name} {old.family_name}"})
        names.update({f"{old.family_name} {old.given_name}"})
    names = {" ".join((name or "").split()) for name in names}
    return sorted((name for name in names if len(name) >= MIN_NAME_LENGTH), key=lambda n: (-len(n), n))


def traces_pattern(traces, honorific=""):
    """One regular expression for all of `traces`, each as a whole word where it starts or ends with a letter or
    digit, with the honorific before it taken along ("Mr. Samath Bou")."""
    parts = []
    for trace in traces:
        body = r"\s+".join(re.escape(word) for word in trace.split())
        head = r"(?<!\w)" if trace[0].isascii() and trace[0].isalnum() else ""
        tail = r"(?!\w)" if trace[-1].isascii() and trace[-1].isalnum() else ""
        parts.append(f"{head}{body}{tail}")
    prefix = rf"(?:{re.escape(honorific.strip())}\s+)?" if honorific.strip() else ""
    return re.compile(f"{prefix}(?:{'|'.join(parts)})", re.IGNORECASE)


def _text_fields(model):
    label = model._meta.label_lower
    fields = []
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if field.name in {"match_key", "local_key"}:
            continue
        if isinstance(field, models.TextField) or label not in NAMES_KEPT and model._meta.app_label != "institutes":
            fields.append(field.name)
    return fields


def scrubbed_models():
    """[(model, text fields)] whose text an erasure searches: every table of SCRUBBED_APPS, history included."""
    found = []
    for model in apps.get_models():
        if model._meta.app_label in SCRUBBED_APPS and not model._meta.proxy and model._meta.managed:
            fields = _text_fields(model)
            if fields:
                found.append((model, fields))
    return found


def records_of(person):
    """(workshop ids, agreement ids) the person is linked to: workshops attended, spoken at, with an action they
    own or whose record was sent to them; agreements they signed, own an action of, or that came from those
    workshops."""
    workshops = set(Attendance.objects.filter(person=person).values_list("workshop_id", flat=True))
    workshops |= set(Statement.objects.filter(speaker=person).values_list("workshop_id", flat=True))
    workshops |= set(
        ActionItem.objects.filter(owner=person, workshop__isnull=False).values_list("workshop_id", flat=True)
    )
    workshops |= set(MeetingRecordSending.objects.filter(recipients=person).values_list("workshop_id", flat=True))
    agreements = set(AgreementParty.objects.filter(signatory=person).values_list("agreement_id", flat=True))
    agreements |= set(
        ActionItem.objects.filter(owner=person, agreement__isnull=False).values_list("agreement_id", flat=True)
    )
    agreements |= set(
        Agreement.origin_workshops.through.objects.filter(workshop_id__in=workshops).values_list(
            "agreement_id", flat=True
        )
    )
    return workshops, agreements


def _scope(model, workshops, agreements):
    """The rows of `model` an erasure searches when it does not search everywhere: a workshop's or an agreement's
    own rows (and their versions) only for the person's workshops and agreements; every row of other tables."""
    instance = getattr(model, "instance_type", model)
    if instance is Workshop:
        return Q(id__in=workshops)
    if instance is Agreement:
        return Q(id__in=agreements)
    names = {field.name for field in model._meta.concrete_fields}
    scope = None
    if "workshop" in names:
        scope = Q(workshop_id__in=workshops)
    if "agreement" in names:
        by_agreement = Q(agreement_id__in=agreements)
        scope = scope | by_agreement if scope is not None else by_agreement
    return scope


def text_scrub(*, traces, replacement, honorific="", records=None):
    """Replace every mention of `traces` in the free text of the scrubbed tables (the rows themselves and their
    history, without making new versions); returns the number of rows changed. One query per table finds the
    candidates. With `records` (workshop ids, agreement ids) a workshop's or an agreement's rows are searched for
    those records only (through their indexes); without, every row of every table is read."""
    if not traces:
        return 0
    pattern = traces_pattern(traces, honorific)
    changed = 0
    for model, fields in scrubbed_models():
        condition = reduce(or_, (Q(**{f"{field}__icontains": trace}) for field in fields for trace in traces))
        scope = _scope(model, *records) if records is not None else None
        if scope is not None:
            condition &= scope
        pk = model._meta.pk.attname
        for row in model._base_manager.filter(condition).values(pk, *fields).iterator():
            values = {}
            for field in fields:
                text = row[field]
                if text:
                    new = pattern.sub(replacement, text)
                    if new != text:
                        values[field] = new[: model._meta.get_field(field).max_length or None]
            if values:
                model._base_manager.filter(**{pk: row[pk]}).update(**values)
                changed += 1
    return changed


def person_tables():
    """[(model, field)] of every table with a foreign key to Person, history tables included (theirs carry no
    database constraint and no reverse relation, so they are found by walking every model)."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Person:
                found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label_lower, pair[1].name))


def history_models():
    """The history tables that hold rows about one person: the person's own, and those of the rows that refer to
    them (other names, positions, attendance, statements, actions, signatures)."""
    return [(Person.history.model, "id")] + [
        (model, field.attname) for model, field in person_tables() if model._meta.label_lower.startswith(_history_of())
    ]


def merged_into(person):
    """The ids of people merged into `person` (deleted since): the earlier holders, in the history, of the rows
    that refer to the person now, who are no longer on record. Their versions hold the same human's names."""
    earlier = set()
    for model, field in history_models()[1:]:
        ids = model._base_manager.filter(**{field: person.pk}).values("id")
        earlier.update(
            model._base_manager.filter(id__in=ids)
            .exclude(**{field: person.pk})
            .exclude(**{f"{field}__isnull": True})
            .values_list(field, flat=True)
        )
    return earlier - set(Person.objects.filter(pk__in=earlier).values_list("pk", flat=True))


def _history_of():
    return tuple(f"{label}.historical" for label in SCRUBBED_APPS)


def _check_reason(reason, traces):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this person is anonymised.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Keep the reason under %(limit)d characters.") % {"limit": MAX_REASON_LENGTH}}
        )
    if traces_pattern(traces).search(reason) if traces else False:
        raise ValidationError(
            {"reason": _("The log keeps no name: write the reason without the person's name, e-mail or phone.")}
        )
    return reason


def person_check_anonymisable(*, person):
    """Raise a ValidationError if the person was anonymised already (nothing is left to erase, and a second log
    entry would only say it twice), or signs in: a colleague's account is closed first, not anonymised."""
    erasure = ErasureLog.objects.of_person(person).first()
    if erasure is not None:
        raise ValidationError(
            _("This person was anonymised on %(date)s: nothing is left to erase.")
            % {"date": date_format(timezone.localtime(erasure.erased_at), "Y-m-d")}
        )
    user = get_user_model().objects.filter(person=person).first()
    if user is not None:
        raise ValidationError(
            _(
                "This person signs in as %(username)s: close or unlink that user account first; an account holder is "
                "not anonymised from here."
            )
            % {"username": user.get_username()}
        )


@transaction.atomic
def person_anonymise(*, person, user, reason, everywhere=False, _entry=None):
    """Replace the person by "Participant (ORG)" everywhere and delete their history; returns the ErasureLog row.

    The person's row stays (attendance counts, signatures, owned actions keep pointing at it) with its names,
    contacts and notes overwritten and its other names deleted; positions, attendance and signatures keep their
    organisation and dates but lose their titles; their statements stay, said by "Participant (ORG)", or go where
    statement_rule() says so; the names, e-mail and phone are replaced in the free text of every record (minutes,
    other statements, actions, sendings' addresses) and of its versions — of the person's own workshops and
    agreements, or of every workshop and agreement with `everywhere` (which reads every row); every version of the
    person and of the rows that refer to them is deleted, and one version, "Anonymised", is kept with who did it.
    `_entry` is a log entry replayed after a restore (no new file, its own date and reason)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    person_check_anonymisable(person=person)
    merged = merged_into(person)
    traces = person_traces(person, merged=merged)
    if _entry is None:
        reason = _check_reason(reason, traces)
    replacement = anonymous_name(person)
    honorific = person.honorific

    if statement_rule(person) == StatementRule.REMOVE:
        Statement.objects.filter(speaker=person).delete()
    PersonAlias.objects.filter(person=person).delete()
    Position.objects.filter(person=person).update(title=PLACEHOLDER, unit="")
    Attendance.objects.filter(person=person).update(title="")
    AgreementParty.objects.filter(signatory=person).update(signatory_title="")
    records = None if everywhere else records_of(person)
    text_scrub(traces=traces, replacement=replacement, honorific=honorific, records=records)

    Person.objects.filter(pk=person.pk).update(
        honorific="",
        given_name=replacement,
        family_name="",
        name_order=Person.NameOrder.GIVEN_FIRST,
        name_local="",
        email="",
        phone="",
        notes="",
        # An anonymised placeholder is named in no shared record: "Participant (PCCFPI)" is what they read anyway.
        may_be_named=False,
        is_active=False,
        match_key=name_key(replacement),
        local_key="",
    )
    for model, field in history_models():
        model._base_manager.filter(**{f"{field}__in": {person.pk, *merged}}).delete()
    person.refresh_from_db()
    now = timezone.now()
    Person.history.bulk_history_create(
        [person], update=True, default_user=user, default_change_reason="Anonymised", default_date=now
    )

    if _entry is None:
        entry = f"{now:%Y%m%dT%H%M%S}-{person.pk}-{uuid.uuid4().hex[:8]}.json"
        log = ErasureLog(
            person_id=person.pk,
            person_created_at=person.created_at,
            erased_at=now,
            erased_by=user,
            erased_by_username=user.get_username() if user else "",
            reason=reason,
            everywhere=everywhere,
            entry=entry,
        )
        log.full_clean()
        log.save()
        transaction.on_commit(lambda: _write_entry(log))
    else:
        log = ErasureLog.objects.create(**_entry)
    # Pages and figures cached with the name in them (the insights) are computed again.
    transaction.on_commit(cache.clear)
    return log


def _entry_content(log):
    return {
        "person_id": log.person_id,
        "person_created_at": log.person_created_at.isoformat(),
        "erased_at": log.erased_at.isoformat(),
        "erased_by": log.erased_by_username,
        "reason": log.reason,
        "everywhere": log.everywhere,
    }


def _write_entry(log):
    content = json.dumps(_entry_content(log), sort_keys=True).encode()
    default_storage.save(f"{ERASURE_LOG_FOLDER}/{log.entry}", ContentFile(content))


def logged_erasures():
    """Every entry of the erasure log in the file storage, as {entry name: fields of an ErasureLog row}."""
    try:
        _folders, names = default_storage.listdir(ERASURE_LOG_FOLDER)
    except FileNotFoundError:
        return {}
    User = get_user_model()
    entries = {}
    for name in sorted(names):
        if not name.endswith(".json"):
            continue
        with default_storage.open(f"{ERASURE_LOG_FOLDER}/{name}", "rb") as handle:
            content = json.loads(handle.read())
        username = content.get("erased_by") or ""
        entries[name] = {
            "entry": name,
            "person_id": int(content["person_id"]),
            "person_created_at": parse_datetime(content["person_created_at"]),
            "erased_at": parse_datetime(content["erased_at"]),
            "erased_by_username": username,
            "erased_by": User.objects.filter(username=username).first() if username else None,
            "reason": content["reason"],
            "everywhere": bool(content.get("everywhere")),
        }
    return entries


def erasures_replay(sender=None, **kwargs):
    """Anonymise again every person of the erasure log whom the database holds unerased (a restored backup taken
    before the erasure); returns the number. The person must be the same record: same id, same creation moment."""
    done = set(ErasureLog.objects.values_list("entry", flat=True))
    replayed = 0
    for name, entry in logged_erasures().items():
        if name in done:
            continue
        # A backup keeps times to the millisecond (dumpdata): the same moment is the same millisecond.
        created = entry["person_created_at"]
        first = created.replace(microsecond=created.microsecond // 1000 * 1000)
        window = (first, first + datetime.timedelta(microseconds=999))
        person = Person.objects.filter(pk=entry["person_id"], created_at__range=window).first()
        if person is None:
            continue
        if ErasureLog.objects.of_person(person).exists():
            # A second entry for a person anonymised (again) above: the log keeps it, there is nothing to erase.
            ErasureLog.objects.create(**entry)
            continue
        person_anonymise(
            person=person,
            user=entry["erased_by"],
            reason=entry["reason"],
            everywhere=entry["everywhere"],
            _entry=entry,
        )
        replayed += 1
    return replayed


def _last_date(queryset, field):
    return Subquery(queryset.order_by().values("person_ref").annotate(last=Max(field)).values("last")[:1])


def people_past_retention(*, days, today=None):
    """People not erased, without a user account, whose last trace of activity — the record created or changed, a
    workshop attended or spoken at, an action owned, a signature, a meeting record sent to them — is more than
    `days` days before `today`."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=days)
    created = TruncDate("created_at")
    traces = [
        _last_date(
            Attendance.objects.filter(person=OuterRef("pk")).annotate(person_ref=models.F("person")),
            "workshop__start_date",
        ),
        _last_date(
            Statement.objects.filter(speaker=OuterRef("pk")).annotate(person_ref=models.F("speaker")),
            "workshop__start_date",
        ),
        _last_date(
            ActionItem.objects.filter(owner=OuterRef("pk")).annotate(person_ref=models.F("owner")),
            TruncDate("updated_at"),
        ),
        _last_date(
            AgreementParty.objects.filter(signatory=OuterRef("pk")).annotate(person_ref=models.F("signatory")),
            TruncDate("agreement__updated_at"),
        ),
        _last_date(
            MeetingRecordSending.recipients.through.objects.filter(person=OuterRef("pk")).annotate(
                person_ref=models.F("person")
            ),
            TruncDate("meetingrecordsending__sent_at"),
        ),
    ]
    last = Greatest(created, TruncDate("updated_at"), *(Coalesce(trace, created) for trace in traces))
    erased = ErasureLog.objects.values("person_id")
    return (
        Person.objects.annotate(last_activity=last)
        .filter(last_activity__lt=cutoff, user__isnull=True)
        .exclude(pk__in=erased)
        .order_by("last_activity", "pk")
    )


def retention_apply(*, days, dry_run=False, today=None):
    """Anonymise (reason "retention") everyone past the retention period, each in a transaction of their own;
    returns [(person id, last activity)], anonymised or, with dry_run, to be."""
    due = [(person.pk, person.last_activity) for person in people_past_retention(days=days, today=today)]
    if not dry_run:
        for pk, _last in due:
            person_anonymise(person=Person(pk=pk), user=None, reason=RETENTION_REASON)
    return due
