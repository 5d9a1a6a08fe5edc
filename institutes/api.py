from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from common.api import CleanModelSerializer, RecordViewSet, updated_at_field

from .filters import OrganisationFilter
from .models import Organisation
from .services import organisation_delete


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


class OrganisationViewSet(RecordViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.prefetch_related("aliases").order_by("name", "id")

    def destroy_record(self, instance):
        organisation_delete(organisation=instance, user=self.request.user)
