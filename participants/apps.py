from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_search_index(sender, using="default", **kwargs):
    """A later migration that alters people on SQLite makes their table anew, without its triggers: make them again."""
    from django.db import connections

    from .search_index import ensure

    ensure(connections[using])


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        post_migrate.connect(ensure_search_index, sender=self, dispatch_uid="participants.ensure_search_index")
