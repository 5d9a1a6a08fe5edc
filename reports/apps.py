from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from common import slots


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        # "Log from a report" sits beside "Log a workshop" on the workshops page (common/slots.py).
        slots.register("workshops.list.new", "reports/_log_from_report_button.html")
