from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One e-mail about one event to one recipient: queued in the transaction that made the event, sent after it
    commits, retried by `send_reminders` while it failed. Its key (event + recipient) is unique, so an event told
    twice is sent once."""

    class Kind(models.TextChoices):
        ACTION_ASSIGNED = "action_assigned", _("An action is given to me")
        AGREEMENT_STATUS = "agreement_status", _("An agreement I am responsible for changes status")
        MINUTES_APPROVED = "minutes_approved", _("The minutes of a workshop I coordinate are approved")
        PARTNER_ACTIONS = "partner_actions", _("A partner's open actions, with a link to report on them")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, to be tried again")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # The address as it was when queued: a partner has no account, and an address may change later.
    address = models.EmailField(_("address"))
    key = models.CharField(_("event and recipient"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveIntegerField(_("tries"), default=0)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.address}"


class NotificationPreference(models.Model):
    """A user's choice for one kind of notification; without a row, the kind is on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Notification.Kind.choices)
    enabled = models.BooleanField(_("send me this"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notificationpreference_one_per_kind")]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.enabled}"
