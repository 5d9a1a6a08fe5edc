"""The receivers of the lower apps' signals (workshops.signals, agreements.signals): each queues the notifications
an event calls for, in the event's transaction. Nobody is told of their own change."""

from .models import Notification
from .services import notification_queue, site_link


def _account(person):
    try:
        return person.user
    except type(person).user.RelatedObjectDoesNotExist:
        return None


def action_assigned(sender, *, action, user, **kwargs):
    account = _account(action.owner) if action.owner_id else None
    if account is None or account == user:
        return
    parent = action.workshop or action.agreement
    notification_queue(
        kind=Notification.Kind.ACTION_ASSIGNED,
        key=f"action_assigned:{action.pk}:{action.owner_id}:{account.pk}",
        template="emails/notification_action_assigned.txt",
        context={"action": action, "parent": parent, "by": user, "link": site_link(parent.get_absolute_url())},
        recipient=account,
    )


def agreement_status_changed(sender, *, agreement, change, user, **kwargs):
    for focal in agreement.responsible_users.filter(is_active=True).order_by("pk"):
        if focal == user:
            continue
        notification_queue(
            kind=Notification.Kind.AGREEMENT_STATUS,
            key=f"agreement_status:{change.pk}:{focal.pk}",
            template="emails/notification_agreement_status.txt",
            context={
                "agreement": agreement,
                "change": change,
                "by": user,
                "link": site_link(agreement.get_absolute_url()),
            },
            recipient=focal,
        )


def minutes_approved(sender, *, workshop, user, **kwargs):
    coordinator = workshop.coordinator
    if coordinator is None or coordinator == user:
        return
    notification_queue(
        kind=Notification.Kind.MINUTES_APPROVED,
        key=f"minutes_approved:{workshop.pk}:{workshop.revision}:{coordinator.pk}",
        template="emails/notification_minutes_approved.txt",
        context={"workshop": workshop, "by": user, "link": site_link(workshop.get_absolute_url())},
        recipient=coordinator,
    )
