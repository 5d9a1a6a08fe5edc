from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from common import slots


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # The workshop page links a programme's IATI file and starts an agreement from a decision (common/slots.py).
        slots.register("workshops.detail.programme", "agreements/_programme_iati_link.html")
        slots.register("workshops.detail.outcome", "agreements/_start_from_decision.html")

        from institutes.signals import reference_conflict, references_moved

        from .services import parties_merged, party_conflict

        # A merge of organisations or people keeps every party row and signature (institutes.services).
        reference_conflict.connect(party_conflict, dispatch_uid="agreements.party_conflict")
        references_moved.connect(parties_merged, dispatch_uid="agreements.parties_merged")
