import django_filters

from common.api import CleanModelSerializer, RecordIdFilter, RecordViewSet, updated_at_field
from institutes.models import Organisation

from .filters import AgreementFilter
from .models import Agreement, AgreementParty


class AgreementPartySerializer(CleanModelSerializer):
    class Meta:
        model = AgreementParty
        fields = ["id", "agreement", "organisation", "role", "signatory", "signatory_title", "signed_on"]


class AgreementSerializer(CleanModelSerializer):
    parties = AgreementPartySerializer(many=True, read_only=True)
    updated_at = updated_at_field()

    class Meta:
        model = Agreement
        # The status is read-only: it changes through the lifecycle's transitions, which record who and why.
        fields = [
            "id",
            "title",
            "kind",
            "scope",
            "status",
            "status_changed_at",
            "summary",
            "programme",
            "proposed_on",
            "target_signing_date",
            "signed_on",
            "effective_from",
            "expires_on",
            "notice_period_days",
            "renews",
            "parties",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "status_changed_at", "created_at"]


class AgreementApiFilter(AgreementFilter):
    party = RecordIdFilter(queryset=Organisation.objects.all(), method="with_party")


class AgreementViewSet(RecordViewSet):
    serializer_class = AgreementSerializer
    filterset_class = AgreementApiFilter
    queryset = Agreement.objects.prefetch_related("parties").order_by("-updated_at", "-id")

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)


class AgreementPartyFilter(django_filters.FilterSet):
    class Meta:
        model = AgreementParty
        fields = ["agreement", "organisation", "role"]


class AgreementPartyViewSet(RecordViewSet):
    serializer_class = AgreementPartySerializer
    filterset_class = AgreementPartyFilter
    queryset = AgreementParty.objects.order_by("agreement", "role", "id")
