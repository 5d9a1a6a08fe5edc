from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # The apps below send signals inside their transactions; the receivers queue a logged notification and
        # send it once the transaction commits (services.notification_queue).
        from agreements.signals import status_changed
        from workshops.signals import action_assigned, minutes_approved

        from . import receivers

        action_assigned.connect(receivers.action_assigned, dispatch_uid="notifications.action_assigned")
        minutes_approved.connect(receivers.minutes_approved, dispatch_uid="notifications.minutes_approved")
        status_changed.connect(receivers.agreement_status_changed, dispatch_uid="notifications.agreement_status")
