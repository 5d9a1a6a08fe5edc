from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from common import slots
        from common.signals import restored

        from .services import erasures_replay

        # A restored backup may predate an erasure: the log, kept beside the database, is applied again.
        restored.connect(erasures_replay, dispatch_uid="privacy.erasures_replay")
        slots.register("participants.detail.actions", "privacy/_person_actions.html")
