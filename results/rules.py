"""The rules that compute an indicator's achieved value from the records, one named function each.

Each rule takes the indicator's subject (a programme or initiative, or an agreement) and a period — `start` (None:
since the beginning) to `end`, both days included — and returns a Count: the value, the kind of record it counts
and those records, so every figure links to what it counts, and the parts it adds up, said separately. The value
is counted (or summed) in SQL and the records are a query read only by a page that lists them: a results page
computes every indicator's every period, and a programme holds tens of thousands of workshops. Each rule runs a
fixed number of queries, whatever the number of records; what it reads of its subject (a programme's children, an
agreement's parties and their common workshops) it reads once per subject object.

What counts as held in a period: a workshop whose status is held today (chosen, or its last possible day is past)
and whose date lies in the period. A workshop dated to the day counts in the period of its first day — one on the
period's last day counts. One dated only to the month or year ("November 2022") counts when the whole month or
year lies in the period: November 2022 counts in 2022 and in a period ending on 30 November 2022, not in one ending
on 21 November 2022, since it may have been held after that day.

Merged organisations: a merge moves every reference to the record kept, and the merged record stays behind inactive
and "now known as" the kept one; it is never counted, so a member met under two records counts once.
"""

import contextlib
import contextvars
import datetime
from dataclasses import dataclass, field

from django.db.models import Count as CountOf
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty
from institutes.models import Organisation
from workshops.models import ActionItem, Attendance, Programme, Workshop, WorkshopOrganisation

PROGRAMME, AGREEMENT = "programme", "agreement"
TRAINING_OF_TRAINERS = "training of trainers"


@dataclass(frozen=True)
class Count:
    value: int  # counted in SQL: the records are not read to compute it
    kind: str  # the records counted: "workshop", "agreement", "organisation" or "action"
    records: object = field(repr=False)  # a QuerySet of the records counted, not evaluated until asked
    parts: tuple = ()  # ((label, value), …): what the value adds up, said separately

    @property
    def ids(self):
        """The counted records' ids in order, read now: only the pages that list or link the records ask."""
        return tuple(self.records.order_by("pk").values_list("pk", flat=True))


@dataclass(frozen=True)
class Rule:
    name: str
    label: object
    description: object
    unit: object
    applies_to: tuple
    function: object = field(repr=False)
    # A rule that counts what is so at the period's end (the members) ignores the period's start.
    as_at_end: bool = False

    def compute(self, subject, *, start, end, today=None):
        today = today or timezone.localdate()
        return self.function(subject, start=None if self.as_at_end else start, end=end, today=today)


def held_in_period(start, end, today):
    """Workshops held (today's status) whose date lies in the period, by its precision (see the module's text)."""
    after = end + datetime.timedelta(days=1)
    month_after = after.replace(day=1)
    year_after = datetime.date(after.year, 1, 1)
    # A month (year) is stored as its first day: it lies in the period when it starts before the first month (year)
    # that begins after the period's end.
    condition = (
        Q(date_precision=Workshop.DatePrecision.DAY, start_date__lte=end)
        | Q(date_precision=Workshop.DatePrecision.MONTH, start_date__lt=month_after)
        | Q(date_precision=Workshop.DatePrecision.YEAR, start_date__lt=year_after)
    )
    if start is not None:
        condition &= Q(start_date__gte=start)
    return condition & Workshop.status_is(Workshop.Status.HELD, today)


def _scope_ids(programme):
    """The programme's id and those of the initiatives and projects directly under it, read once per programme
    object (a page computes each of its indicators' periods with the same one): filtering by these ids lets the
    database use the indexes on programme and initiative, which an OR through a join to the parent defeats."""
    if "_result_scope_ids" not in programme.__dict__:
        children = Programme.objects.filter(parent=programme).order_by().values_list("pk", flat=True)
        programme._result_scope_ids = [programme.pk, *children]
    return programme._result_scope_ids


def _programme_scope(programme):
    """The programme's own records and those of the initiatives and projects directly under it."""
    ids = _scope_ids(programme)
    return Q(programme_id__in=ids) | Q(initiative_id__in=ids)


def _agreement_programme_scope(programme, prefix=""):
    return Q(**{f"{prefix}programme_id__in": _scope_ids(programme)})


def _party_ids(agreement):
    # Read once per agreement object: a page computes each of its indicators' periods with the same one.
    if "_result_party_ids" not in agreement.__dict__:
        agreement._result_party_ids = list(
            agreement.parties.filter(role=AgreementParty.Role.PARTY)
            .order_by()
            .values_list("organisation_id", flat=True)
        )
    return agreement._result_party_ids


def _joint_workshop_ids(agreement):
    """The workshops at least two of the agreement's parties took part in (hosting, represented or with a named
    attendee present) — any one for an agreement with one party —, whatever their date or status. Read once per
    agreement object, for every period and rule: as many as the parties' common workshops, not the programme's."""
    if "_result_joint_workshop_ids" not in agreement.__dict__:
        parties = _party_ids(agreement)
        pairs = (
            WorkshopOrganisation.objects.filter(organisation_id__in=parties)
            .order_by()
            .values_list("workshop_id", "organisation_id")
            .union(
                Attendance.objects.filter(organisation_id__in=parties, presence=Attendance.Presence.PRESENT)
                .order_by()
                .values_list("workshop_id", "organisation_id")
            )
        )
        taking_part = {}
        for workshop_id, organisation_id in pairs if parties else ():
            taking_part.setdefault(workshop_id, set()).add(organisation_id)
        needed = min(2, len(parties))
        agreement._result_joint_workshop_ids = sorted(pk for pk, orgs in taking_part.items() if len(orgs) >= needed)
    return agreement._result_joint_workshop_ids


def workshops_in_scope(subject, *, start, end, today):
    """The held workshops of the subject in the period: a programme's (and its initiatives'), or, for an agreement,
    those where at least two of its parties took part (hosting, represented or with a named attendee present) —
    the one party of an agreement with one party."""
    held = Workshop.objects.filter(held_in_period(start, end, today))
    if isinstance(subject, Programme):
        return held.filter(_programme_scope(subject))
    return held.filter(pk__in=_joint_workshop_ids(subject))


def _counted(records, kind):
    return Count(records.count(), kind, records)


def _workshops_of_kind(*kinds, tot=False):
    def count(subject, *, start, end, today):
        workshops = workshops_in_scope(subject, start=start, end=end, today=today).filter(kind__in=kinds)
        if tot:
            # A topic by Exists, not a join: a workshop with two such topics is one record, counted once.
            topic = Workshop.topics.through.objects.filter(
                workshop_id=OuterRef("pk"), topic__name__icontains=TRAINING_OF_TRAINERS
            )
            workshops = workshops.filter(
                Q(title__icontains=TRAINING_OF_TRAINERS)
                | Q(other_title__icontains=TRAINING_OF_TRAINERS)
                | Exists(topic)
            )
        return _counted(workshops, "workshop")

    return count


def member_organisations(subject, *, start, end, today):
    """Member organisations of a programme or initiative as at the period's end (a query, not evaluated). Asked as
    `pk IN (hosts) OR pk IN (attendees) OR pk IN (parties)`: on PostgreSQL at 100,000 workshops this took half the
    time of asking each organisation whether it took part (EXISTS), which the planner hashes over the same rows.
    Each part DISTINCT: the planner then expects as many rows as organisations and hashes them, where for the
    300,000 host rows of a programme at a million workshops it expected a hash beyond its memory and scanned the
    rows again for every organisation (2.5 s a period)."""
    held = Workshop.objects.filter(held_in_period(None, end, today)).filter(_programme_scope(subject)).values("pk")
    hosts = WorkshopOrganisation.objects.filter(workshop__in=held).order_by().values("organisation_id").distinct()
    attendees = (
        Attendance.objects.filter(workshop__in=held, presence=Attendance.Presence.PRESENT, organisation__isnull=False)
        .order_by()
        .values("organisation_id")
        .distinct()
    )
    parties = (
        AgreementParty.objects.filter(
            _agreement_programme_scope(subject, "agreement__"),
            role=AgreementParty.Role.PARTY,
            agreement__status__in=Agreement.Status.frozen(),
            agreement__signed_on__lte=end,
        )
        .order_by()
        .values("organisation_id")
        .distinct()
    )
    return Organisation.objects.filter(
        Q(pk__in=hosts) | Q(pk__in=attendees) | Q(pk__in=parties),
        kind=Organisation.Kind.TVET,
        now_known_as__isnull=True,
    )


# Within sharing_members(): the member ids read for a (subject, end, day), for the other rules asking the same.
_members_read = contextvars.ContextVar("members_read", default=None)


@contextlib.contextmanager
def sharing_members():
    """Rules computed in this block (one page's, one job's indicators) read the members of a subject as at a day
    once: the members count and the agreements signed or in force between members ask for the same (2.5 s a
    period at a million workshops). Outside it, each rule reads them afresh. A block inside another shares the
    outer one's."""
    if _members_read.get() is not None:
        yield
        return
    token = _members_read.set({"since": timezone.now()})
    try:
        yield
    finally:
        _members_read.reset(token)


def shared_since():
    """When the sharing_members() block around began (what a rule read in it may be that old), or None."""
    read = _members_read.get()
    return read["since"] if read is not None else None


def _member_ids(subject, end, today):
    """The ids of member_organisations() as at `end`."""
    read = _members_read.get()
    key = (type(subject), subject.pk, end, today)
    if read is None or key not in read:
        members = member_organisations(subject, start=None, end=end, today=today)
        ids = sorted(members.order_by().values_list("pk", flat=True))
        if read is None:
            return ids
        read[key] = ids
    return read[key]


def count_members(subject, *, start, end, today):
    return _counted(Organisation.objects.filter(pk__in=_member_ids(subject, end, today)), "organisation")


def _between_members(subject, end, today):
    members = _member_ids(subject, end, today)
    with_two = (
        AgreementParty.objects.filter(role=AgreementParty.Role.PARTY, organisation__in=members)
        .order_by()
        .values("agreement_id")
        .annotate(n=CountOf("id"))
        .filter(n__gte=2)
        .values("agreement_id")
    )
    return Agreement.objects.filter(_agreement_programme_scope(subject) | Q(pk__in=with_two))


def agreements_signed(subject, *, start, end, today):
    agreements = _between_members(subject, end, today).filter(status__in=Agreement.Status.frozen(), signed_on__lte=end)
    if start is not None:
        agreements = agreements.filter(signed_on__gte=start)
    return _counted(agreements, "agreement")


def agreements_in_force(subject, *, start, end, today):
    first = start or end
    agreements = (
        _between_members(subject, end, today)
        .filter(status__in=Agreement.Status.frozen())
        .annotate(from_day=Coalesce("effective_from", "signed_on"))
        .filter(from_day__lte=end)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=first))
        # A terminated agreement was in force until the day it was terminated (its status date); one marked
        # expired without an expiry date, until the day it was so marked.
        .exclude(status__in=[Agreement.Status.TERMINATED, Agreement.Status.EXPIRED], status_since__lt=first)
    )
    return _counted(agreements, "agreement")


def _unnamed_trainees(workshops):
    """The people the trainings' reported attendance counts beyond the named attendees present (any role), summed
    in SQL: a workshop reporting fewer than it names adds none, one reporting no count adds none."""
    named_present = (
        Attendance.objects.filter(workshop=OuterRef("pk"), presence=Attendance.Presence.PRESENT)
        .order_by()
        .values("workshop")
        .annotate(n=CountOf("pk"))
        .values("n")
    )
    zero = Value(0, output_field=IntegerField())
    unnamed = Greatest(F("reported_attendance") - Coalesce(Subquery(named_present), zero), zero)
    total = workshops.filter(reported_attendance__gt=0).aggregate(unnamed=Sum(unnamed))["unnamed"]
    return total or 0


def people_trained(subject, *, start, end, today):
    workshops = workshops_in_scope(subject, start=start, end=end, today=today).filter(kind=Workshop.Kind.TRAINING)
    trainees = Attendance.objects.filter(
        workshop__in=workshops.values("pk"), role=Attendance.Role.PARTICIPANT, presence=Attendance.Presence.PRESENT
    )
    named = trainees.order_by().values("person_id").distinct().count()
    unnamed = _unnamed_trainees(workshops)
    return Count(
        named + unnamed,
        "workshop",
        workshops,
        parts=((_("named trainees"), named), (_("not named, from the reported attendance"), unnamed)),
    )


def actions_on_time(subject, *, start, end, today):
    if isinstance(subject, Programme):
        # Joined, not `workshop IN (the programme's workshops)`: the database reads the actions done in the period
        # (by status and completion date, indexed) and looks each one's workshop up, instead of hashing every
        # workshop of the programme.
        ids = _scope_ids(subject)
        actions = ActionItem.objects.filter(
            Q(workshop__programme_id__in=ids) | Q(workshop__initiative_id__in=ids) | Q(agreement__programme_id__in=ids)
        )
    else:
        actions = ActionItem.objects.filter(agreement=subject)
    done = actions.filter(status=ActionItem.Status.DONE, completed_on__lte=end)
    if start is not None:
        done = done.filter(completed_on__gte=start)
    in_time = Q(due_date__isnull=False, completed_on__lte=F("due_date"))
    counts = done.aggregate(done=CountOf("pk"), on_time=CountOf("pk", filter=in_time))
    on_time, late = counts["on_time"], counts["done"] - counts["on_time"]
    return Count(
        on_time,
        "action",
        done.filter(in_time),
        parts=((_("done on time"), on_time), (_("done late or with no due date"), late)),
    )


BOTH = (PROGRAMME, AGREEMENT)
RULES = {
    rule.name: rule
    for rule in [
        Rule(
            "member_organisations",
            _("Member organisations"),
            _(
                "TVET institutes that took part in a held workshop of the programme or initiative (host, represented "
                "or a named attendee present) or are a party to one of its signed agreements, up to the period's end. "
                "A merged record counts once, as the record that continues it."
            ),
            _("organisations"),
            (PROGRAMME,),
            count_members,
            as_at_end=True,
        ),
        Rule(
            "agreements_signed",
            _("Agreements signed between members"),
            _(
                "Agreements of the programme or initiative, or with at least two member organisations as parties, "
                "signed in the period — terminated or expired since, they still count as signed."
            ),
            _("agreements"),
            (PROGRAMME,),
            agreements_signed,
        ),
        Rule(
            "agreements_in_force",
            _("Agreements in force between members"),
            _(
                "The same agreements, in force on at least one day of the period: from the day they came into force "
                "(or were signed) to their expiry, or to the day they were terminated."
            ),
            _("agreements"),
            (PROGRAMME,),
            agreements_in_force,
        ),
        Rule(
            "bilateral_workshops",
            _("Bilateral workshops held"),
            _("Bilateral workshops and paired consultations held in the period."),
            _("workshops"),
            BOTH,
            _workshops_of_kind(Workshop.Kind.BILATERAL),
        ),
        Rule(
            "multilateral_workshops",
            _("Multilateral workshops held"),
            _("Multilateral workshops held in the period."),
            _("workshops"),
            BOTH,
            _workshops_of_kind(Workshop.Kind.MULTILATERAL),
        ),
        Rule(
            "training_workshops",
            _("Trainings held"),
            _("Workshops of the kind “Training” held in the period."),
            _("trainings"),
            BOTH,
            _workshops_of_kind(Workshop.Kind.TRAINING),
        ),
        Rule(
            "tot_workshops",
            _("Training-of-trainers programmes held"),
            _("Trainings held in the period whose title, other title or a topic says “training of trainers”."),
            _("programmes"),
            BOTH,
            _workshops_of_kind(Workshop.Kind.TRAINING, tot=True),
        ),
        Rule(
            "people_trained",
            _("People trained"),
            _(
                "At the trainings held in the period: the named attendees present as participants (each person once), "
                "plus the people the reported attendance counts but the record does not name."
            ),
            _("people"),
            BOTH,
            people_trained,
        ),
        Rule(
            "actions_on_time",
            _("Follow-up actions done on time"),
            _("Follow-up actions completed in the period on or before their due date."),
            _("actions"),
            BOTH,
            actions_on_time,
        ),
    ]
}
CHOICES = [(rule.name, rule.label) for rule in RULES.values()]
