from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from common import slots


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = _("Results")

    def ready(self):
        # The agreement page shows its indicators, the workshop page links its programme's results (common/slots.py).
        slots.register("agreements.detail.results", "results/_agreement_indicators.html")
        slots.register("workshops.detail.programme", "results/_programme_results_link.html")

        from agreements.signals import agreement_renewed, iati_activity_written

        from .iati import activity_written
        from .services import carry_over_on_renewal

        # The lower app sends, this one receives: agreements never imports results.
        agreement_renewed.connect(carry_over_on_renewal, dispatch_uid="results.carry_over_on_renewal")
        iati_activity_written.connect(activity_written, dispatch_uid="results.iati_results")
