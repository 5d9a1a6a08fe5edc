"""A realistic agreement pipeline around the reference record, so the manager's home has something to show.

Invented for the demo (not in the reference report): a few more agreements between the same organisations, at
every stage, and follow-up actions with owners and due dates. Dates are set relative to the day the demo is first
loaded (so "expiring within 30 days" and "overdue" mean something) and never touched again: running the loader
twice changes nothing. Nothing here changes a fact of the reference workshop or its framework agreement.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, AgreementStatusChange
from institutes.models import Organisation
from participants.models import Person
from participants.services import person_for_user
from workshops.models import ActionItem, Programme

Status = Agreement.Status
PARTY = AgreementParty.Role.PARTY
FACILITATOR = AgreementParty.Role.FACILITATOR

# (title, kind, scope, [(org short name, role, signs?)], steps [(status, days before today)], dates, summary)
# `dates` are days relative to the first load: signed_on, effective_from, expires_on (None: not set).
PIPELINE = [
    (
        "Memorandum of understanding on school-to-school exchange between WIT and PCCFPI (2019)",
        Agreement.Kind.MOU,
        Agreement.Scope.BILATERAL,
        [("WIT", PARTY, True), ("PCCFPI", PARTY, True)],
        [(Status.DRAFTING, 2700), (Status.SIGNED, 2600), (Status.ACTIVE, 2590), (Status.EXPIRED, 400)],
        (-2600, -2590, -401),
        "The first exchange MoU between the two institutes; expired and renewed.",
    ),
    (
        "Memorandum of understanding on trainer and trainee exchange between WIT and PCCFPI",
        Agreement.Kind.MOU,
        Agreement.Scope.BILATERAL,
        [("WIT", PARTY, True), ("PCCFPI", PARTY, True), ("ILO", FACILITATOR, False)],
        [(Status.DRAFTING, 520), (Status.NEGOTIATION, 470), (Status.SIGNED, 420), (Status.ACTIVE, 400)],
        (-420, -400, 30),
        "Renews the 2019 MoU: two trainers a year each way, and trainee study visits.",
    ),
    (
        "Exchange agreement on welding and electrical curricula between PCCFPI and SSEZ Co., Ltd.",
        Agreement.Kind.EXCHANGE,
        Agreement.Scope.BILATERAL,
        [("PCCFPI", PARTY, False), ("SSEZ", PARTY, False)],
        [(Status.PROPOSED, 240), (Status.DRAFTING, 200), (Status.NEGOTIATION, 120)],
        (None, None, None),
        "Curricula aligned with the skills the zone's enterprises need.",
    ),
    (
        "Memorandum of understanding on internships in the Sihanoukville Special Economic Zone",
        Agreement.Kind.MOU,
        Agreement.Scope.MULTILATERAL,
        [("PCCFPI", PARTY, False), ("SSEZ", PARTY, False), ("WIT", PARTY, False)],
        [(Status.PROPOSED, 12)],
        (None, None, None),
        "Internships for PCCFPI graduates with enterprises in the zone.",
    ),
    (
        "Framework agreement on training the zone enterprises' employees at WIT",
        Agreement.Kind.FRAMEWORK,
        Agreement.Scope.BILATERAL,
        [("SSEZ", PARTY, True), ("WIT", PARTY, True), ("ILO", FACILITATOR, False)],
        [(Status.DRAFTING, 300), (Status.NEGOTIATION, 150), (Status.SIGNED, 20)],
        (-20, None, 700),
        "Short courses at WIT for technicians of the zone's enterprises; in force once the zone's board confirms it.",
    ),
    (
        "Exchange agreement on a joint mechatronics training centre",
        Agreement.Kind.EXCHANGE,
        Agreement.Scope.BILATERAL,
        [("WIT", PARTY, False), ("SSEZ", PARTY, False)],
        [(Status.PROPOSED, 500), (Status.ABANDONED, 330)],
        (None, None, None),
        "Dropped: the zone chose to train on site instead.",
    ),
]

# (agreement title, action title, owner username, due in days from the first load, status)
ACTIONS = [
    (PIPELINE[1][0], "Propose the terms of the renewal of the trainer exchange MoU", "manager", 7, "open"),
    (PIPELINE[1][0], "Report on this year's trainer exchanges to both principals", "coordinator", -14, "in_progress"),
    (PIPELINE[2][0], "Send the revised curriculum annex to SSEZ Co., Ltd.", "manager", -30, "open"),
    (PIPELINE[3][0], "Collect the list of enterprises offering internships", "coordinator", 0, "open"),
    (PIPELINE[4][0], "Agree the first training calendar with SSEZ Co., Ltd.", "manager", 21, "open"),
    (PIPELINE[5][0], "Tell WIT the zone's decision on the training centre", "manager", -320, "done"),
]


def _at(today, days_before):
    moment = datetime.datetime.combine(today - datetime.timedelta(days=days_before), datetime.time(9, 0))
    return timezone.make_aware(moment, datetime.UTC)


def _day(today, offset):
    return None if offset is None else today + datetime.timedelta(days=offset)


@transaction.atomic
def load_demo_pipeline(today=None):
    """Add the demo pipeline once. Returns the number of agreements created (0 when it is already there)."""
    today = today or timezone.localdate()
    orgs = {
        org.short_name: org
        for org in Organisation.objects.filter(short_name__in=["WIT", "PCCFPI", "SSEZ", "ILO", "MOHRSS"])
    }
    programme = Programme.objects.filter(name="ILO–China Partnership Programme").first()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=["manager", "coordinator"])}
    created = 0
    agreements = {}
    for title, kind, scope, parties, steps, (signed, effective, expires), summary in PIPELINE:
        agreement = Agreement.objects.filter(title=title).first()
        if agreement is None:
            created += 1
            agreement = _create(
                today, title, kind, scope, parties, steps, signed, effective, expires, summary, orgs, programme
            )
        agreements[title] = agreement
    renewal = agreements[PIPELINE[1][0]]
    if renewal.renews_id is None:
        renewal.renews = agreements[PIPELINE[0][0]]
        renewal.full_clean()
        renewal.save()
    for agreement_title, title, username, due, status in ACTIONS:
        agreement = agreements[agreement_title]
        if ActionItem.objects.filter(agreement=agreement, title=title).exists():
            continue
        action = ActionItem(
            agreement=agreement,
            title=title,
            owner=person_for_user(users[username]) if username in users else None,
            due_date=_day(today, due),
            status=status,
            completed_on=_day(today, due) if status == ActionItem.Status.DONE else None,
        )
        action.full_clean()
        action.save()
        action.responsible_organisations.set([p.organisation for p in agreement.parties.all()])
    return created


def _create(today, title, kind, scope, parties, steps, signed, effective, expires, summary, orgs, programme):
    first_step = steps[0]
    agreement = Agreement(
        title=title,
        kind=kind,
        scope=scope,
        programme=programme,
        summary=summary,
        status=steps[-1][0],
        status_changed_at=_at(today, steps[-1][1]),
        status_since=_at(today, steps[-1][1]).date(),
        proposed_on=(today - datetime.timedelta(days=first_step[1])),
        signed_on=_day(today, signed),
        effective_from=_day(today, effective),
        expires_on=_day(today, expires),
        notice_period_days=90 if expires is not None else None,
    )
    agreement.full_clean()
    agreement.save()
    for short, role, signs in parties:
        organisation = orgs[short]
        signatory = (
            Person.objects.filter(positions__organisation=organisation).order_by("id").first() if signs else None
        )
        party = AgreementParty(
            agreement=agreement,
            organisation=organisation,
            role=role,
            signatory=signatory,
            signatory_title=signatory.positions.filter(organisation=organisation).first().title if signatory else "",
            signed_on=_day(today, signed) if signatory else None,
        )
        party.full_clean()
        party.save()
    previous = ""
    for status, days_before in steps:
        AgreementStatusChange.objects.create(
            agreement=agreement,
            from_status=previous,
            to_status=status,
            changed_at=_at(today, days_before),
            occurred_on=_at(today, days_before).date(),
            comment="Demo pipeline.",
        )
        previous = status
    return agreement
