from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from django.db.models.signals import pre_save

        from . import backup, security

        security.connect()
        pre_save.connect(backup.skip_history_of_loaded_rows, dispatch_uid="common.backup.loaded_rows")
