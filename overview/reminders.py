"""Daily reminder digests: each action owner with an account gets their actions due in 7 days, due today and
overdue; each manager gets the agreements expiring and the stale drafts of their programmes (accounts/scope.py). One
email per account per day.

An agreement is announced first on the day its notice period starts (never later than 90 days before it expires),
then 90, 30, 7 and 0 days before: an agreement with 180 days' notice must be reviewed half a year ahead, and a
warning at 90 days would come three months into its notice period. Each item links to its page on the site
(settings.SITE_URL), and an agreement names the people responsible for it.

An action's owner is a person; the digest goes to the active user account linked to that person, at the account's
address. A partner's person without an account gets no e-mail from here: the digest links to pages only users can
open, and partners did not ask for mail from this site. Their actions stay on the home page and the actions list."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ReminderDigest
from accounts.roles import ADMIN, MANAGER
from accounts.scope import is_visible
from agreements.models import MAX_NOTICE_DAYS, Agreement
from workshops.models import ActionItem, Workshop

EXPIRY_WARNINGS = (90, 30, 7, 0)


def expiry_warning_days(agreement):
    """The days before its expiry date on which an agreement is announced, the first when its notice period starts."""
    first = max(agreement.notice_period_days or 0, EXPIRY_WARNINGS[0])
    return sorted({first, *EXPIRY_WARNINGS}, reverse=True)


def site_link(path):
    return settings.SITE_URL.rstrip("/") + path


def responsible_people(agreement):
    """Who answers for the agreement: the owners of its open actions, then the person who recorded it."""
    names = [action.owner.full_name for action in agreement.open_actions if action.owner_id]
    if agreement.created_by_id:
        names.append(str(agreement.created_by))
    return list(dict.fromkeys(names))


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
        # An action is listed on its workshop's page, else on its agreement's.
        action.link = site_link((action.workshop or action.agreement).get_absolute_url())
        # An action's owner hears of it whatever their programmes: it was given to them by name.
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
        open_actions = Prefetch(
            "action_items",
            queryset=ActionItem.objects.open().select_related("owner").order_by("due_date", "id"),
            to_attr="open_actions",
        )
        # The usual days, and every agreement whose notice period is longer: it may be announced today.
        candidates = (
            Agreement.objects.expiring_within(MAX_NOTICE_DAYS, today=today)
            .filter(Q(expires_on__in=dates) | Q(notice_period_days__gt=EXPIRY_WARNINGS[0]))
            .select_related("created_by")
            .prefetch_related(open_actions)
            .order_by("expires_on", "id")
        )
        left = [((a.expires_on - today).days, a) for a in candidates]
        expiring = [(days, a) for days, a in left if days in expiry_warning_days(a)]
        stale_days = settings.STALE_AGREEMENT_DAYS
        stale = list(
            Agreement.objects.stale(days=stale_days, today=today)
            .select_related("created_by")
            .prefetch_related(open_actions)
            .order_by("status_since", "id")
        )
        for agreement in [a for _days, a in expiring] + stale:
            agreement.link = site_link(agreement.get_absolute_url())
            agreement.responsible = responsible_people(agreement)
        for manager in managers:
            digest = digest_for(manager)
            # One query per manager (their grants), none per agreement.
            digest.expiring = [(days, a) for days, a in expiring if is_visible(manager, a)]
            digest.stale = [a for a in stale if is_visible(manager, a)]
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
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[digest.user.email],
                    connection=connection,
                )
                message.send()
        except IntegrityError:
            continue  # another run sent this person's digest a moment ago
        sent.append(digest)
    return sent
