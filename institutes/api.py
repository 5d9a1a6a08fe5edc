from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from accounts.roles import MayMerge
from common.api import CleanModelSerializer, MergeViewSetMixin, RecordViewSet, updated_at_field

from .filters import OrganisationFilter
from .models import Organisation
from .services import organisation_delete, organisation_merge


class OrganisationSerializer(CountryFieldMixin, CleanModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    updated_at = updated_at_field()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "name_local",
            "kind",
            "iati_type",
            "country",
            "city",
            "website",
            "now_known_as",
            "is_active",
            "notes",
            "aliases",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at"]


class OrganisationViewSet(MergeViewSetMixin, RecordViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.prefetch_related("aliases").order_by("name", "id")

    merge_service = staticmethod(organisation_merge)
    merge_permissions = (MayMerge,)

    def destroy_record(self, instance):
        organisation_delete(organisation=instance, user=self.request.user)
