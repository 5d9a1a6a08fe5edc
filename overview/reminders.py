"""Daily reminder digests: each action owner with an account gets their actions due in 7 days, due today and
overdue; each manager gets the agreements expiring and the stale drafts of their programmes (accounts/scope.py). One
email per account per day.

An agreement is announced first on the day its notice period starts (never later than 90 days before it expires),
then 90, 30, 7 and 0 days before: an agreement with 180 days' notice must be reviewed half a year ahead, and a
warning at 90 days would come three months into its notice period. Each item links to its page on the site
(settings.SITE_URL), and an agreement names the people responsible for it.

An action's owner is a person; the digest goes to the active user account linked to that person, at the account's
address. Reminders of a record go to its focal points first (a workshop's coordinator, an agreement's responsible
people), and to the managers when it has none. A partner's person without an account gets no digest (it links to
pages only users can open); every PARTNER_ACTIONS_EVERY_DAYS days they get instead a link of their own to report on
their open actions (partner_action_mails), if the personal-data rules let us contact them."""

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
from notifications.models import Notification
from notifications.services import notification_queue
from participants.contact import may_contact
from workshops.models import ActionItem, Workshop
from workshops.partners import PARTNER_ACTIONS_EVERY_DAYS, action_report_link_create, action_report_url

EXPIRY_WARNINGS = (90, 30, 7, 0)


def expiry_warning_days(agreement):
    """The days before its expiry date on which an agreement is announced, the first when its notice period starts."""
    first = max(agreement.notice_period_days or 0, EXPIRY_WARNINGS[0])
    return sorted({first, *EXPIRY_WARNINGS}, reverse=True)


def site_link(path):
    return settings.SITE_URL.rstrip("/") + path


def responsible_people(agreement):
    """Who answers for the agreement: its focal points (ours, then the parties' contact persons), the owners of its
    open actions, then the person who recorded it."""
    names = [str(user) for user in agreement.responsible_users.all()]
    names += [person.full_name for person in agreement.contact_people.all()]
    names += [action.owner.full_name for action in agreement.open_actions if action.owner_id]
    if agreement.created_by_id:
        names.append(str(agreement.created_by))
    return list(dict.fromkeys(names))


def _reachable(users):
    return [user for user in users if user.is_active and user.email]


def focal_points(record):
    """The users a record's reminders go to first: an agreement's responsible people on our side, a workshop's
    coordinator (active, with an address)."""
    if isinstance(record, Agreement):
        return _reachable(record.responsible_users.all())
    return _reachable([record.coordinator] if record.coordinator_id else [])


def fallback_managers(record, managers):
    """Who gets a record's reminders when it has no focal point: the managers who may see it (those of its
    programme, and the all-programme ones; accounts/scope.py, one query per manager for the whole run)."""
    return [manager for manager in managers if is_visible(manager, record)]


@dataclass
class Digest:
    user: object
    due_soon: list = field(default_factory=list)
    due_today: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    followed: list = field(default_factory=list)  # overdue actions of the records the user is the focal point of
    expiring: list = field(default_factory=list)  # [(days left, agreement)]
    stale: list = field(default_factory=list)

    def __bool__(self):
        return any([self.due_soon, self.due_today, self.overdue, self.followed, self.expiring, self.stale])

    def summary(self):
        followed = f", followed up overdue: {len(self.followed)}" if self.followed else ""
        return (
            f"due in 7 days: {len(self.due_soon)}, due today: {len(self.due_today)}, overdue: {len(self.overdue)}, "
            f"expiring: {len(self.expiring)}, stale drafts: {len(self.stale)}{followed}"
        )


def live_actions():
    """Open actions, leaving out those of cancelled workshops and of agreements that are over."""
    return (
        ActionItem.objects.open()
        .exclude(workshop__status=Workshop.Status.CANCELLED)
        .exclude(agreement__status__in=Agreement.Status.closed())
        .exclude(owner=None)
        .select_related("owner__user", "workshop__coordinator", "agreement")
        .prefetch_related("agreement__responsible_users")
        .order_by("due_date", "id")
    )


def build_digests(*, today):
    """Each user's digest: their own actions due soon, today and overdue; the overdue actions, expiring agreements
    and stale drafts of the records they are the focal point of (a workshop's coordinator, an agreement's
    responsible people), or, for a record without one, of every record as a manager."""
    digests = {}

    def digest_for(user):
        return digests.setdefault(user.pk, Digest(user=user))

    managers = get_user_model().objects.filter(is_active=True).filter(Q(groups__name__in=[MANAGER, ADMIN])).distinct()
    managers = [m for m in managers.order_by("id") if m.email]

    week = today + datetime.timedelta(days=7)
    for action in live_actions().filter(due_date__lte=week):
        # An action is listed on its workshop's page, else on its agreement's.
        record = action.workshop or action.agreement
        action.link = site_link(record.get_absolute_url())
        # An action's owner hears of it whatever their programmes: it was given to them by name.
        owner = getattr(action.owner, "user", None)
        if owner is not None and owner.is_active:
            digest = digest_for(owner)
            if action.due_date < today:
                digest.overdue.append(action)
            elif action.due_date == today:
                digest.due_today.append(action)
            else:
                digest.due_soon.append(action)
        if action.due_date < today:
            following = focal_points(action.workshop) if action.workshop_id else []
            if not following and action.agreement_id:
                following = focal_points(action.agreement)
            for user in following or fallback_managers(record, managers):
                if user != owner:
                    digest_for(user).followed.append(action)

    dates = [today + datetime.timedelta(days=d) for d in EXPIRY_WARNINGS]
    open_actions = Prefetch(
        "action_items",
        queryset=ActionItem.objects.open().select_related("owner").order_by("due_date", "id"),
        to_attr="open_actions",
    )
    focal = ("responsible_users", "contact_people", open_actions)
    # The usual days, and every agreement whose notice period is longer: it may be announced today.
    candidates = (
        Agreement.objects.expiring_within(MAX_NOTICE_DAYS, today=today)
        .filter(Q(expires_on__in=dates) | Q(notice_period_days__gt=EXPIRY_WARNINGS[0]))
        .select_related("created_by")
        .prefetch_related(*focal)
        .order_by("expires_on", "id")
    )
    left = [((a.expires_on - today).days, a) for a in candidates]
    expiring = [(days, a) for days, a in left if days in expiry_warning_days(a)]
    stale = list(
        Agreement.objects.stale(days=settings.STALE_AGREEMENT_DAYS, today=today)
        .select_related("created_by")
        .prefetch_related(*focal)
        .order_by("status_since", "id")
    )
    for days, agreement in expiring:
        agreement.link = site_link(agreement.get_absolute_url())
        agreement.responsible = responsible_people(agreement)
        for user in focal_points(agreement) or fallback_managers(agreement, managers):
            digest_for(user).expiring.append((days, agreement))
    for agreement in stale:
        agreement.link = site_link(agreement.get_absolute_url())
        agreement.responsible = responsible_people(agreement)
        for user in focal_points(agreement) or fallback_managers(agreement, managers):
            digest_for(user).stale.append(agreement)
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


def partner_action_mails(*, today=None, dry_run=False):
    """Every PARTNER_ACTIONS_EVERY_DAYS days, each partner who owns live actions (a person without an account, whom
    the personal-data rules let us contact) gets a mail with a link of their own to mark them done or comment
    (workshops/partners.py). Queued as notifications: one per person per period (the key), sent after the
    commit, retried like the others. Returns the people written to (or, with dry_run, who would be)."""
    today = today or timezone.localdate()
    period = today.toordinal() // PARTNER_ACTIONS_EVERY_DAYS
    owners = {}
    for action in live_actions():
        # A person with an account, even one closed (someone who left), is one of ours, not a partner.
        if getattr(action.owner, "user", None) is not None:
            continue
        owners.setdefault(action.owner.pk, (action.owner, []))[1].append(action)
    written = []
    for person, actions in owners.values():
        if not may_contact(person):
            continue
        key = f"partner_actions:{person.pk}:{period}"
        if Notification.objects.filter(key=key).exists():
            continue
        written.append(person)
        if dry_run:
            continue
        with transaction.atomic():
            link, token = action_report_link_create(person=person)
            notification_queue(
                kind=Notification.Kind.PARTNER_ACTIONS,
                key=key,
                template="emails/partner_actions.txt",
                context={
                    "person": person,
                    "actions": actions,
                    "link": action_report_url(token),
                    "expires": link.expires_at,
                },
                address=person.email,
            )
    return written
