"""Daily reminder digests: each action owner with an account gets their actions due in 7 days, due today and
overdue; each manager gets the agreements expiring in 90, 30, 7 or 0 days and the stale drafts. One email per
account per day.

An action's owner is a person; the digest goes to the active user account linked to that person, at the account's
address. A partner's person without an account gets no e-mail from here: the digest links to pages only users can
open, and partners did not ask for mail from this site. Their actions stay on the home page and the actions list."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ReminderDigest
from accounts.roles import ADMIN, MANAGER
from agreements.models import Agreement
from workshops.models import ActionItem, Workshop

EXPIRY_WARNINGS = (90, 30, 7, 0)


@dataclass
class Digest:
    user: object
    due_soon: list = field(default_factory=list)
    due_today: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    expiring: list = field(default_factory=list)  # [(days left, agreement)]
    stale: list = field(default_factory=list)

    def __bool__(self):
        return any([self.due_soon, self.due_today, self.overdue, self.expiring, self.stale])

    def summary(self):
        return (
            f"due in 7 days: {len(self.due_soon)}, due today: {len(self.due_today)}, overdue: {len(self.overdue)}, "
            f"expiring: {len(self.expiring)}, stale drafts: {len(self.stale)}"
        )


def live_actions():
    """Open actions, leaving out those of cancelled workshops and of agreements that are over."""
    return (
        ActionItem.objects.open()
        .exclude(workshop__status=Workshop.Status.CANCELLED)
        .exclude(agreement__status__in=Agreement.Status.closed())
        .exclude(owner=None)
        .select_related("owner__user", "workshop", "agreement")
        .order_by("due_date", "id")
    )


def build_digests(*, today):
    digests = {}

    def digest_for(user):
        return digests.setdefault(user.pk, Digest(user=user))

    week = today + datetime.timedelta(days=7)
    for action in live_actions().filter(due_date__lte=week).filter(owner__user__is_active=True):
        digest = digest_for(action.owner.user)
        if action.due_date < today:
            digest.overdue.append(action)
        elif action.due_date == today:
            digest.due_today.append(action)
        else:
            digest.due_soon.append(action)

    managers = get_user_model().objects.filter(is_active=True).filter(Q(groups__name__in=[MANAGER, ADMIN])).distinct()
    managers = [m for m in managers.order_by("id") if m.email]
    if managers:
        dates = [today + datetime.timedelta(days=d) for d in EXPIRY_WARNINGS]
        expiring = (
            Agreement.objects.expiring_within(max(EXPIRY_WARNINGS), today=today)
            .filter(expires_on__in=dates)
            .order_by("expires_on", "id")
        )
        stale_days = settings.STALE_AGREEMENT_DAYS
        stale = Agreement.objects.stale(days=stale_days, today=today).order_by("status_since", "id")
        expiring = [((a.expires_on - today).days, a) for a in expiring]
        stale = list(stale)
        for manager in managers:
            digest = digest_for(manager)
            digest.expiring = expiring
            digest.stale = stale
    return [d for d in sorted(digests.values(), key=lambda d: d.user.pk) if d and d.user.email]


def send_digests(*, today=None, dry_run=False):
    """Send today's digests; returns the digests that were (or, with dry_run, would be) sent."""
    today = today or timezone.localdate()
    already = set(ReminderDigest.objects.filter(day=today).values_list("user_id", flat=True))
    digests = [d for d in build_digests(today=today) if d.user.pk not in already]
    if dry_run:
        return digests
    sent = []
    connection = get_connection()
    for digest in digests:
        try:
            with transaction.atomic():
                ReminderDigest.objects.create(user=digest.user, day=today, summary=digest.summary())
                message = EmailMessage(
                    subject=_("Partnership reminders for %(day)s") % {"day": today.isoformat()},
                    body=render_to_string("emails/reminder_digest.txt", {"digest": digest, "today": today}),
                    to=[digest.user.email],
                    connection=connection,
                )
                message.send()
        except IntegrityError:
            continue  # another run sent this person's digest a moment ago
        sent.append(digest)
    return sent
