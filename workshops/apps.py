from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from institutes.signals import references_moved

        from .services import rows_merged

        # A person or organisation merged into another changes the approved minutes they appear in.
        references_moved.connect(rows_merged, dispatch_uid="workshops.rows_merged")
