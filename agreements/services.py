"""An agreement's life: one function per transition, each checking its guard and recording who, when and why.

    proposed ─▶ drafting ─▶ negotiation ─▶ signed ─▶ active ─▶ expired
        │          ▲  │         │  │          │        │  ▲
        │          └──┼─────────┘  │          │        ▼  │
        └──────────┴──┴────────────┴─▶ abandoned   suspended
                          signed / active / suspended ─▶ terminated

A refused transition raises TransitionRefused with a message that says why; nothing is written.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common import idempotency
from common.concurrency import bump_version
from common.deletion import refuse_if_referred_to
from institutes.models import Organisation
from workshops.models import Outcome, WorkshopOrganisation

from . import signals
from .models import (
    EXPIRY_COMMENT,
    FROM_DECISION_COMMENT,
    RENEWAL_COMMENT,
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatusChange,
    Amendment,
    automatic_comment,
)
from .signals import agreement_renewed

Status = Agreement.Status


class TransitionRefused(Exception):
    def __init__(self, message, *, missing_parties=()):
        super().__init__(message)
        self.message = message
        # The parties whose missing facts stand in the way, so a page can send the user to enter them.
        self.missing_parties = list(missing_parties)


class DecisionAlreadyLed(Exception):
    """The decision already led to `agreements`: another one is made from it only when the user confirms it."""

    def __init__(self, agreements):
        self.agreements = list(agreements)
        self.message = _(
            "This decision already led to %(agreements)s. Confirm that another agreement is to be made from it."
        ) % {"agreements": get_text_list([f"“{a.title}”" for a in self.agreements], _("and"))}
        super().__init__(self.message)


class AlreadyStarted(Exception):
    """The agreement this POST would start exists already (the form was sent twice, or by two people at once):
    `agreement` is that one, and the page leads there instead of making a second."""

    def __init__(self, agreement, message):
        super().__init__(message)
        self.agreement = agreement
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    needs_comment: bool = False
    automatic: bool = False  # applied by `expire_agreements`, not offered as a button


def _lock(agreement):
    """Lock the agreement's row and bring the caller's copy up to date, so that a guard checks the state as stored
    and a transition started at the same moment waits for this one and then sees its outcome. Call inside a
    transaction."""
    agreement.refresh_from_db(from_queryset=Agreement.objects.select_for_update())
    return agreement


def _move(agreement, *, transition, user, comment="", at=None, occurred_on=None, **changes):
    # Every caller has locked the row with _lock(), so this status is the stored one, not what a page showed.
    if agreement.status not in transition.sources:
        raise TransitionRefused(
            _("“%(action)s” is not possible while the agreement is %(status)s.")
            % {"action": transition.label, "status": agreement.get_status_display().lower()}
        )
    comment = (comment or "").strip()
    if transition.needs_comment and not comment:
        raise TransitionRefused(_("Give a reason to %(action)s.") % {"action": str(transition.label).lower()})
    at = at or timezone.now()
    occurred_on = occurred_on or timezone.localdate(at)
    _refuse_backdating(agreement, occurred_on, today=timezone.localdate(at))
    previous = agreement.status
    for field, value in changes.items():
        setattr(agreement, field, value)
    agreement.status = transition.target
    agreement.status_changed_at = at
    agreement.status_since = occurred_on
    agreement._history_user = user
    agreement._change_reason = comment
    agreement.full_clean()
    agreement.save()
    change = AgreementStatusChange.objects.create(
        agreement=agreement,
        from_status=previous,
        to_status=transition.target,
        changed_by=user,
        changed_at=at,
        occurred_on=occurred_on,
        comment=comment,
    )
    signals.status_changed.send(sender=Agreement, agreement=agreement, change=change, user=user)
    return agreement


def last_step_date(agreement):
    """The day the agreement's latest recorded step happened: no later step can have happened before it."""
    return agreement.status_changes.aggregate(last=models.Max("occurred_on"))["last"]


def _refuse_backdating(agreement, occurred_on, *, today):
    if occurred_on > today:
        raise TransitionRefused(
            _("The date it happened, %(date)s, is in the future: record a step once it has happened.")
            % {"date": occurred_on.isoformat()}
        )
    last = last_step_date(agreement)
    if last is not None and occurred_on < last:
        raise TransitionRefused(
            _("The date it happened, %(date)s, is before the previous step, on %(last)s.")
            % {"date": occurred_on.isoformat(), "last": last.isoformat()}
        )


def _refuse_if_expired(agreement, today):
    if agreement.expires_on and agreement.expires_on < today:
        raise TransitionRefused(_("The agreement expired on %(date)s.") % {"date": agreement.expires_on.isoformat()})


START_DRAFTING = Transition(
    "start_drafting", gettext_lazy("Start drafting"), frozenset({Status.PROPOSED}), Status.DRAFTING
)
START_NEGOTIATION = Transition(
    "start_negotiation", gettext_lazy("Start negotiation"), frozenset({Status.DRAFTING}), Status.NEGOTIATION
)
RETURN_TO_DRAFTING = Transition(
    "return_to_drafting", gettext_lazy("Return to drafting"), frozenset({Status.NEGOTIATION}), Status.DRAFTING
)
SIGN = Transition(
    "sign", gettext_lazy("Mark as signed"), frozenset({Status.DRAFTING, Status.NEGOTIATION}), Status.SIGNED
)
ACTIVATE = Transition("activate", gettext_lazy("Bring into force"), frozenset({Status.SIGNED}), Status.ACTIVE)
SUSPEND = Transition(
    "suspend", gettext_lazy("Suspend"), frozenset({Status.ACTIVE}), Status.SUSPENDED, needs_comment=True
)
RESUME = Transition("resume", gettext_lazy("Resume"), frozenset({Status.SUSPENDED}), Status.ACTIVE)
TERMINATE = Transition(
    "terminate",
    gettext_lazy("Terminate"),
    frozenset(Status.binding()),
    Status.TERMINATED,
    needs_comment=True,
)
ABANDON = Transition(
    "abandon",
    gettext_lazy("Abandon"),
    frozenset(Status.pipeline()),
    Status.ABANDONED,
    needs_comment=True,
)
EXPIRE = Transition(
    "expire",
    gettext_lazy("Expire"),
    frozenset(Status.binding()),
    Status.EXPIRED,
    automatic=True,
)


@transaction.atomic
def agreement_start_drafting(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=START_DRAFTING, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_start_negotiation(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=START_NEGOTIATION, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_return_to_drafting(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=RETURN_TO_DRAFTING, user=user, comment=comment, occurred_on=occurred_on)


def signing_date(agreement):
    """The day the agreement was signed, as its parties' signatures tell it: the day the last party signed."""
    dates = agreement.parties.filter(role=AgreementParty.Role.PARTY).exclude(signed_on=None).values_list("signed_on")
    return max((d for (d,) in dates), default=None)


@transaction.atomic
def agreement_sign(*, agreement, user, comment="", occurred_on=None, today=None):
    """Signed: every party (role "party") has a signatory and a signing date that is not in the future. The agreement
    is signed on the day the last party signed, unless a later day is given (the day the signed copies were
    exchanged); it cannot be signed before its last signature."""
    today = today or timezone.localdate()
    _lock(agreement)
    parties = list(agreement.parties.filter(role=AgreementParty.Role.PARTY).select_related("organisation"))
    if len(parties) < 2:
        raise TransitionRefused(_("An agreement needs at least two parties before it can be signed."))
    unsigned = [p for p in parties if p.signatory_id is None or p.signed_on is None]
    if unsigned:
        raise TransitionRefused(
            _("Record the signatory and signing date of: %(parties)s.")
            % {"parties": ", ".join(p.organisation.label for p in unsigned)},
            missing_parties=[p.pk for p in unsigned],
        )
    future = [p.organisation.label for p in parties if p.signed_on > today]
    if future:
        raise TransitionRefused(_("A signing date is in the future for: %(parties)s.") % {"parties": ", ".join(future)})
    last_signature = max(p.signed_on for p in parties)
    occurred_on = occurred_on or last_signature
    if occurred_on < last_signature:
        raise TransitionRefused(
            _("The last party signed on %(last)s: the agreement cannot be signed before that.")
            % {"last": last_signature.isoformat()}
        )
    return _move(
        agreement,
        transition=SIGN,
        user=user,
        comment=comment,
        occurred_on=occurred_on,
        signed_on=occurred_on,
    )


@transaction.atomic
def agreement_activate(*, agreement, user, effective_from=None, comment="", occurred_on=None, today=None):
    """In force: needs an effective date, not in the future, and not after the expiry date. It came into force on
    that date unless another is given."""
    today = today or timezone.localdate()
    _lock(agreement)
    effective_from = effective_from or agreement.effective_from
    if effective_from is None:
        raise TransitionRefused(_("Give the date the agreement comes into force."))
    if effective_from > today:
        raise TransitionRefused(
            _("The agreement comes into force on %(date)s; it can be made active from that day.")
            % {"date": effective_from.isoformat()}
        )
    _refuse_if_expired(agreement, today)
    return _move(
        agreement,
        transition=ACTIVATE,
        user=user,
        comment=comment,
        occurred_on=occurred_on or effective_from,
        effective_from=effective_from,
    )


@transaction.atomic
def agreement_suspend(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=SUSPEND, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_resume(*, agreement, user, comment="", occurred_on=None, today=None):
    today = today or timezone.localdate()
    _lock(agreement)
    _refuse_if_expired(agreement, today)
    return _move(agreement, transition=RESUME, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_terminate(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=TERMINATE, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_abandon(*, agreement, user, comment="", occurred_on=None):
    _lock(agreement)
    return _move(agreement, transition=ABANDON, user=user, comment=comment, occurred_on=occurred_on)


@transaction.atomic
def agreement_expire(*, agreement, user=None, today=None):
    """Expired: the expiry date has passed. Applied daily by `manage.py expire_agreements`."""
    today = today or timezone.localdate()
    _lock(agreement)
    if agreement.expires_on is None or agreement.expires_on >= today:
        raise TransitionRefused(_("The agreement has not passed its expiry date."))
    at = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    # It ran out the day after its last day, even when the job notices later; never before a step already recorded.
    ran_out = agreement.expires_on + datetime.timedelta(days=1)
    return _move(
        agreement,
        transition=EXPIRE,
        user=user,
        comment=automatic_comment(EXPIRY_COMMENT, date=agreement.expires_on.isoformat()),
        at=at,
        occurred_on=max(ran_out, last_step_date(agreement) or ran_out),
    )


# What a manager can do from the agreement page, in the order the buttons appear.
TRANSITIONS = {
    t.name: (t, function)
    for t, function in [
        (START_DRAFTING, agreement_start_drafting),
        (START_NEGOTIATION, agreement_start_negotiation),
        (RETURN_TO_DRAFTING, agreement_return_to_drafting),
        (SIGN, agreement_sign),
        (ACTIVATE, agreement_activate),
        (SUSPEND, agreement_suspend),
        (RESUME, agreement_resume),
        (TERMINATE, agreement_terminate),
        (ABANDON, agreement_abandon),
    ]
}


def available_transitions(agreement):
    return [t for t, _function in TRANSITIONS.values() if agreement.status in t.sources]


def expire_due_agreements(*, today=None):
    """Apply the automatic transition to every agreement past its expiry date. Returns the agreements expired."""
    today = today or timezone.localdate()
    due = Agreement.objects.filter(status__in=EXPIRE.sources, expires_on__lt=today).order_by("expires_on", "id")
    expired = []
    for agreement in due:
        try:
            expired.append(agreement_expire(agreement=agreement, today=today))
        except TransitionRefused:
            continue  # changed by someone between the query and its lock: it is no longer due
    return expired


def _stored_value(agreement, field):
    if field.many_to_many:
        return set(getattr(agreement, field.name).values_list("pk", flat=True))
    return getattr(agreement, field.attname)


def _given_value(field, value):
    if field.many_to_many:
        return {item.pk if isinstance(item, models.Model) else item for item in value or []}
    return value.pk if isinstance(value, models.Model) else value


def agreement_refuse_settled_changes(*, agreement, data):
    """Raise ValidationError naming each settled field that `data` (field name → new value) would change, when the
    stored agreement is signed. The pages, the API and the admin all ask this before an edit."""
    if agreement.pk is None:
        return
    stored = Agreement.objects.filter(pk=agreement.pk).first()
    if stored is None or not stored.is_frozen:
        return
    errors = {}
    for name in Agreement.SETTLED_FIELDS:
        if name not in data:
            continue
        field = Agreement._meta.get_field(name)
        if _given_value(field, data[name]) != _stored_value(stored, field):
            errors[name] = _("Settled at signing; change it with an amendment.")
    if errors:
        raise ValidationError(errors)


# The agreement's focal points: editable at any status, as people come and go.
FOCAL_POINT_FIELDS = ("responsible_users", "contact_people")


def agreement_refuse_outside_contacts(*, agreement, people):
    """A contact person is someone at one of the parties (a position at its organisation, or its signatory); one
    chosen before stays allowed. Every door (page, API) asks this."""
    people = list(people or [])
    if not people:
        return
    allowed = set(agreement.party_people().values_list("pk", flat=True))
    if agreement.pk:
        allowed |= set(agreement.contact_people.values_list("pk", flat=True))
    outside = [person for person in people if person.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "contact_people": _("%(names)s is not at any party of this agreement: add their organisation first.")
                % {"names": ", ".join(person.full_name for person in outside)}
            }
        )


@transaction.atomic
def agreement_update(*, agreement, user, data):
    """Create or edit an agreement from `data` (field name → value; many-to-many fields take lists). A signed
    agreement's settled fields are refused; the status only changes through the transitions above."""
    agreement_refuse_settled_changes(agreement=agreement, data=data)
    if "contact_people" in data:
        agreement_refuse_outside_contacts(agreement=agreement, people=data["contact_people"])
    many = {}
    for name, value in data.items():
        if Agreement._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(agreement, name, value)
    agreement._history_user = user
    agreement.full_clean()
    agreement.save()
    for name, value in many.items():
        getattr(agreement, name).set(value)
    return agreement


class PartiesSettled(PermissionDenied):
    """The parties of a signed agreement are settled: every door answers "forbidden", with this message."""

    def __init__(self):
        self.message = _("The parties of a signed agreement are settled; record changes as an amendment.")
        super().__init__(self.message)


def agreement_refuse_party_changes(*, agreement):
    if agreement is not None and agreement.is_frozen:
        raise PartiesSettled()


@transaction.atomic
def agreement_party_save(*, party, user):
    """Add or change a party. Neither the agreement it is on nor one it moves from may be signed."""
    stored = AgreementParty.objects.filter(pk=party.pk).values_list("agreement_id", flat=True).first()
    # Each agreement the party is on gets a new version (locked first, as its edit page locks it), so a page
    # opened before the change is refused rather than silently writing over it.
    for agreement in Agreement.objects.filter(pk__in={stored, party.agreement_id} - {None}).order_by("pk"):
        current = bump_version(agreement, user=user, reason=_("A party was changed."))
        agreement_refuse_party_changes(agreement=current)
    party._history_user = user
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def agreement_party_delete(*, party, user):
    agreement = Agreement.objects.get(pk=party.agreement_id)
    current = bump_version(agreement, user=user, reason=_("A party was removed."))
    agreement_refuse_party_changes(agreement=current)
    party._history_user = user
    party.delete()


# An agreement's own rows, deleted with a draft; anything else that refers to it (an action, a renewal) keeps it.
AGREEMENT_PARTS = (AgreementParty, AgreementStatusChange, Amendment, AgreementDocument)


def agreement_check_deletable(*, agreement):
    """Raise a ValidationError saying why the agreement must stay: it was signed (its history is what others rely
    on), or other records refer to it. A draft entered by mistake may go."""
    if agreement.is_frozen:
        raise ValidationError(
            _(
                "A signed agreement is never deleted: its parties, steps and documents stay on record. End it with a "
                "transition instead."
            ),
            code="protected",
        )
    refuse_if_referred_to(agreement, parts=AGREEMENT_PARTS)


@transaction.atomic
def agreement_delete(*, agreement, user):
    """Delete an agreement that was never signed, with its parties, each deletion recorded in the history with
    `user`. Every door (API, admin) deletes through here."""
    current = _lock(Agreement.objects.get(pk=agreement.pk))
    agreement_check_deletable(agreement=current)
    for party in current.parties.all():
        party._history_user = user
        party.delete()
    current._history_user = user
    current._change_reason = _("Deleted: never signed.")
    current.delete()


@transaction.atomic
def agreement_amend(*, agreement, user, amendment, new_expiry=None):
    """Record an amendment to a signed agreement; an amendment that extends it moves the expiry date.
    Amendment.clean() refuses one for an agreement that is not signed, or is over."""
    _lock(agreement)
    amendment.agreement = agreement
    amendment._history_user = user
    amendment.full_clean()
    amendment.save()
    if new_expiry and new_expiry != agreement.expires_on:
        agreement.expires_on = new_expiry
        agreement._history_user = user
        agreement._change_reason = _("Amendment: %(title)s") % {"title": amendment.title}
        agreement.full_clean()
        agreement.save()
    return amendment


def renewal_earliest_date(agreement):
    """The earliest day a renewal of `agreement` can have been proposed: the day the agreement was signed (a renewal
    recorded late keeps its real date, but cannot come before what it renews)."""
    return agreement.signed_on or signing_date(agreement) or agreement.proposed_on


@transaction.atomic
def agreement_renew(*, agreement, user, proposed_on=None, today=None):
    """Start the agreement that renews `agreement`: same kind, scope, programme, topics and parties, unsigned.
    Only a signed agreement is renewed: a draft is edited instead.

    `proposed_on` is the day the renewal was really proposed (else today): not in the future and not before the
    agreement was signed. The renewal's first step is dated that day, so its later steps (signing, coming into
    force) are checked against it, not against the day it was recorded."""
    today = today or timezone.localdate()
    proposed_on = proposed_on or today
    _lock(agreement)
    if not agreement.is_frozen:
        raise ValidationError(_("Only a signed agreement is renewed or extended; edit a draft directly."))
    if proposed_on > today:
        raise ValidationError(
            {
                "proposed_on": _("The renewal was proposed on %(date)s, which is in the future.")
                % {"date": proposed_on.isoformat()}
            }
        )
    earliest = renewal_earliest_date(agreement)
    if earliest and proposed_on < earliest:
        raise ValidationError(
            {
                "proposed_on": _("A renewal cannot be proposed before the agreement it renews was signed, on %(date)s.")
                % {"date": earliest.isoformat()}
            }
        )
    # With the row locked, a second POST waits for the first and then finds its renewal here.
    started = agreement.renewals.exclude(status=Status.ABANDONED).order_by("id").first()
    if started is not None:
        raise AlreadyStarted(
            started, _("This agreement's renewal is already started: “%(title)s”.") % {"title": started}
        )
    renewal = Agreement(
        title=_("%(title)s (renewal)") % {"title": agreement.title},
        kind=agreement.kind,
        scope=agreement.scope,
        programme=agreement.programme,
        summary=agreement.summary,
        renews=agreement,
        proposed_on=proposed_on,
        notice_period_days=agreement.notice_period_days,
        created_by=user,
        status=Status.DRAFTING,
        status_since=proposed_on,
    )
    renewal._history_user = user
    renewal.full_clean()
    renewal.save()
    renewal.scope_topics.set(agreement.scope_topics.all())
    for party in agreement.parties.all():
        copy = AgreementParty(agreement=renewal, organisation_id=party.organisation_id, role=party.role)
        copy._history_user = user
        copy.save()
    AgreementStatusChange.objects.create(
        agreement=renewal,
        to_status=Status.DRAFTING,
        changed_by=user,
        occurred_on=proposed_on,
        comment=automatic_comment(RENEWAL_COMMENT, title=agreement.title),
    )
    # The apps above carry what they hold about the agreement (results: the indicators with unmet targets).
    agreement_renewed.send(sender=Agreement, agreement=agreement, renewal=renewal, user=user)
    return renewal


# The kind an agreement is called by in its title, and the words in a decision that name it.
KIND_TITLES = {
    Agreement.Kind.MOU: gettext_lazy("Memorandum of understanding"),
    Agreement.Kind.FRAMEWORK: gettext_lazy("Framework agreement"),
    Agreement.Kind.EXCHANGE: gettext_lazy("Exchange agreement"),
    Agreement.Kind.OTHER: gettext_lazy("Agreement"),
}
KIND_WORDS = [
    (Agreement.Kind.MOU, re.compile(r"\b(memorandum|mou)\b", re.IGNORECASE)),
    (Agreement.Kind.FRAMEWORK, re.compile(r"\bframework\b", re.IGNORECASE)),
    (Agreement.Kind.EXCHANGE, re.compile(r"\bexchange agreement\b", re.IGNORECASE)),
]


@dataclass(frozen=True)
class ProposedParty:
    organisation: object
    role: str
    included: bool


@dataclass(frozen=True)
class DecisionProposal:
    title: str
    kind: str
    scope: str
    summary: str
    parties: list


def agreement_title(*, kind, organisations):
    """ "Memorandum of understanding between WIT and PCCFPI": the kind and the parties' short names."""
    labels = [organisation.label for organisation in organisations]
    if not labels:
        return str(KIND_TITLES[kind])
    return _("%(kind)s between %(parties)s") % {"kind": KIND_TITLES[kind], "parties": get_text_list(labels, _("and"))}


def _named_in(text, organisation):
    names = [organisation.name, organisation.short_name, organisation.name_local]
    names += [alias.name for alias in organisation.aliases.all()]
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names if name)


def agreement_proposal_from_decision(*, outcome):
    """What a decision proposes: the kind it names (else an MoU); the workshop's hosts and the organisations the
    decision names as parties, ticked; its coordinator as facilitator, ticked when the decision names it; every
    other organisation of the workshop offered as a witness, unticked (a ministry that sent someone is not a party).
    The title follows from the kind and the parties; the decision's text is the scope note."""
    workshop = outcome.workshop
    kind = next((kind for kind, words in KIND_WORDS if words.search(outcome.text)), Agreement.Kind.MOU)
    links = workshop.organisation_links.select_related("organisation").prefetch_related("organisation__aliases")
    candidates = {}
    for link in links.order_by("id"):
        candidates.setdefault(link.organisation_id, (link.organisation, link.role))
    attended = Organisation.objects.filter(
        pk__in=workshop.attendances.exclude(organisation=None).values("organisation_id")
    ).prefetch_related("aliases")
    for organisation in attended.order_by("name"):
        candidates.setdefault(organisation.pk, (organisation, None))
    proposed = []
    for organisation, workshop_role in candidates.values():
        named = _named_in(outcome.text, organisation)
        if workshop_role == WorkshopOrganisation.Role.COORDINATOR:
            proposed.append(ProposedParty(organisation, AgreementParty.Role.FACILITATOR, named))
        elif workshop_role == WorkshopOrganisation.Role.HOST or named:
            proposed.append(ProposedParty(organisation, AgreementParty.Role.PARTY, True))
        else:
            proposed.append(ProposedParty(organisation, AgreementParty.Role.WITNESS, False))
    # Parties first (hosts in the workshop's order, then those the decision names), then the rest.
    proposed.sort(key=lambda p: (not p.included, p.role != AgreementParty.Role.PARTY))
    parties = [p.organisation for p in proposed if p.included and p.role == AgreementParty.Role.PARTY]
    return DecisionProposal(
        title=agreement_title(kind=kind, organisations=parties),
        kind=kind,
        scope=Agreement.Scope.MULTILATERAL if len(parties) > 2 else Agreement.Scope.BILATERAL,
        summary=outcome.text,
        parties=proposed,
    )


def agreements_from_decision(outcome):
    """The agreements a decision has led to, oldest first."""
    return Agreement.objects.filter(origin_outcomes=outcome).order_by("id")


@transaction.atomic
def agreement_start_from_decision(
    *, outcome, user, title=None, kind=None, scope=None, summary=None, parties=None, key="", confirm_another=False
):
    """A workshop decision becomes a proposed agreement, proposed on the day of the workshop. What is not given is
    taken from agreement_proposal_from_decision(); `parties` is a list of (organisation, role). The decision and
    the workshop are kept as its origin, and the workshop's open follow-up actions now serve it.

    One decision may lead to several agreements, so a repeat is known by the form's `key`, not by the decision:
    the same form sent again raises AlreadyStarted with the agreement it started. A decision that already led to an
    agreement leads to another only with `confirm_another`; else DecisionAlreadyLed names those it led to, and
    nothing is written (the workshop's open actions stay where they are)."""
    # The key is the user's own (common.idempotency): another user sending it (a link shared, a guess) starts their
    # own agreement rather than being led to this one.
    claimed = idempotency.claim(f"agreements:from-decision:{key}", user=user) if key else None
    if key and claimed is None:
        started = Agreement.objects.filter(
            pk=(idempotency.answer_of(f"agreements:from-decision:{key}", user=user) or {}).get("id")
        ).first()
        if started is not None:
            raise AlreadyStarted(
                started, _("This decision already started the agreement “%(title)s”.") % {"title": started}
            )
    # The outcome's row is locked, so that two people confirming nothing at the same moment do not both pass.
    Outcome.objects.select_for_update().filter(pk=outcome.pk).first()
    existing = list(agreements_from_decision(outcome))
    if existing and not confirm_another:
        raise DecisionAlreadyLed(existing)
    workshop = outcome.workshop
    if None in (title, kind, scope, summary, parties):
        proposal = agreement_proposal_from_decision(outcome=outcome)
        title = proposal.title if title is None else title
        kind = proposal.kind if kind is None else kind
        scope = proposal.scope if scope is None else scope
        summary = proposal.summary if summary is None else summary
        if parties is None:
            parties = [(p.organisation, p.role) for p in proposal.parties if p.included]
    proposed_on = min(workshop.start_date, timezone.localdate())
    agreement = Agreement(
        title=title,
        kind=kind,
        scope=scope,
        summary=summary,
        programme=workshop.programme,
        proposed_on=proposed_on,
        created_by=user,
        status=Status.PROPOSED,
        status_since=proposed_on,
    )
    agreement._history_user = user
    agreement.full_clean()
    agreement.save()
    agreement.origin_workshops.add(workshop)
    agreement.origin_outcomes.add(outcome)
    agreement.scope_topics.set(workshop.topics.all())
    for organisation, role in parties:
        party = AgreementParty(agreement=agreement, organisation=organisation, role=role)
        party._history_user = user
        party.full_clean()
        party.save()
    for action in workshop.action_items.open().filter(agreement=None).order_by("id"):
        action.agreement = agreement
        action._history_user = user
        action.save(update_fields=["agreement", "updated_at"])
    AgreementStatusChange.objects.create(
        agreement=agreement,
        to_status=Status.PROPOSED,
        changed_by=user,
        occurred_on=proposed_on,
        comment=automatic_comment(FROM_DECISION_COMMENT, date=workshop.start_date.isoformat()),
    )
    if claimed is not None:
        idempotency.remember(claimed, {"id": agreement.pk})
    return agreement


def party_conflict(sender, *, row, duplicate, keep, **kwargs):
    """A merge found both organisations parties of one agreement: the duplicate's party row stays, with its
    signatory and date, on the duplicate (kept as an inactive record "now known as" the one kept), since the
    database allows one row per organisation and agreement and a signature is never dropped. Receives
    institutes.signals.reference_conflict."""
    return sender is AgreementParty


def parties_merged(sender, *, duplicate, keep, rows, kept, user=None, reason="", **kwargs):
    """After a merge: each agreement whose party or signatory moved gets a new version with the merge in its
    history, and the message says which party rows stayed with the merged record. Receives
    institutes.signals.references_moved."""
    moved = [row for row in rows if isinstance(row, AgreementParty)]
    for agreement in Agreement.objects.filter(pk__in={row.agreement_id for row in moved}).order_by("pk"):
        bump_version(agreement, user=user, reason=reason)
    notes = []
    for row in kept:
        if not isinstance(row, AgreementParty):
            continue
        if row.signatory_id:
            note = _(
                "“%(duplicate)s” and “%(keep)s” are both parties of “%(agreement)s”: the party row of “%(duplicate)s”"
                " and its signatory %(signatory)s are kept, on “%(duplicate)s”, now marked as merged into"
                " “%(keep)s”."
            )
        else:
            note = _(
                "“%(duplicate)s” and “%(keep)s” are both parties of “%(agreement)s”: the party row of “%(duplicate)s”"
                " is kept, on “%(duplicate)s”, now marked as merged into “%(keep)s”."
            )
        notes.append(
            note
            % {
                "duplicate": duplicate,
                "keep": keep,
                "agreement": row.agreement.title,
                "signatory": row.signatory.full_name if row.signatory_id else "",
            }
        )
    return notes
