"""Queue, send and retry notifications.

A notification is queued inside the transaction of the change it tells about (a row with a unique key: the event
and the recipient) and sent by a transaction.on_commit hook, so a change rolled back tells nobody and an event told
twice is sent once. Sending claims the row first (pending or failed → sending, one UPDATE), so two senders never
both send it. A send that fails leaves the row failed with its error; `send_reminders` retries it (notifications_retry)
up to MAX_TRIES times, and sends any row queued but never sent (a process that stopped after the commit)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification, NotificationPreference

# The limits of notifications (README, "Notifications").
MAX_TRIES = 5  # a notification failing this many times stays failed, in the log, and is not tried again
PENDING_GRACE = datetime.timedelta(minutes=10)  # a row still pending after this was never handed to its hook
USER_KINDS = (
    Notification.Kind.ACTION_ASSIGNED,
    Notification.Kind.AGREEMENT_STATUS,
    Notification.Kind.MINUTES_APPROVED,
)

logger = logging.getLogger(__name__)


def site_link(path):
    return settings.SITE_URL.rstrip("/") + path


def wants(user, kind):
    """Whether the user gets notifications of `kind`: yes unless they turned it off."""
    return not NotificationPreference.objects.filter(user=user, kind=kind, enabled=False).exists()


def preferences(user):
    """{kind: enabled} for every kind a user may turn off."""
    off = set(NotificationPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True))
    return {kind: kind not in off for kind in USER_KINDS}


@transaction.atomic
def notification_preferences_set(*, user, enabled):
    """Store the user's choice for each kind in `enabled` ({kind: bool}); other kinds are left as they are."""
    for kind, on in enabled.items():
        if kind not in USER_KINDS:
            raise ValueError(kind)
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"enabled": bool(on)})


def notification_queue(*, kind, key, template, context, recipient=None, address=None):
    """Queue one notification in the current transaction and send it once that commits. `recipient` is a user (its
    address and preference apply); `address` alone, a partner without an account. Returns the row, or None when
    there is nothing to send (no address, turned off, or this key queued already)."""
    if recipient is not None:
        if not recipient.is_active or not recipient.email:
            return None
        if kind in USER_KINDS and not wants(recipient, kind):
            return None
        address = recipient.email
    if not address:
        return None
    # The site's language: a recipient has none of their own on record.
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(template, context)
    subject, _blank, body = text.partition("\n")
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                kind=kind,
                recipient=recipient,
                address=address,
                key=key[:200],
                subject=" ".join(subject.split())[:300],
                body=body.lstrip("\n"),
            )
    except IntegrityError:
        return None  # told already
    transaction.on_commit(lambda: notifications_send(ids=[notification.pk]), robust=True)
    return notification


def _send_one(notification, connection):
    claimed = (
        Notification.objects.filter(pk=notification.pk, tries__lt=MAX_TRIES)
        .filter(status__in=[Notification.Status.PENDING, Notification.Status.FAILED])
        .update(status=Notification.Status.SENDING, tries=F("tries") + 1)
    )
    if not claimed:
        return None
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.address],
        connection=connection,
    )
    try:
        message.send()
    # smtplib's errors are OSErrors; a header Django refuses is a ValueError.
    except (OSError, ValueError) as error:
        logger.warning("notification %s failed: %s", notification.pk, error)
        Notification.objects.filter(pk=notification.pk).update(
            status=Notification.Status.FAILED, error=str(error)[:2000] or type(error).__name__
        )
        return False
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), error=""
    )
    return True


def notifications_send(*, ids):
    """Send the notifications `ids` that are waiting; returns (sent, failed) counts."""
    sent = failed = 0
    connection = get_connection(fail_silently=False)
    for notification in Notification.objects.filter(pk__in=ids).order_by("id"):
        result = _send_one(notification, connection)
        sent += result is True
        failed += result is False
    return sent, failed


def notifications_retry(*, now=None):
    """Send again every notification that failed (fewer than MAX_TRIES times) and every one still waiting after
    PENDING_GRACE; returns (sent, failed) counts. `send_reminders` calls this on each run."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            Q(status=Notification.Status.FAILED, tries__lt=MAX_TRIES)
            | Q(status=Notification.Status.PENDING, created_at__lt=now - PENDING_GRACE)
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )
    return notifications_send(ids=ids)
