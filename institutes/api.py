from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from accounts.roles import MayMerge
from common.api import CleanModelSerializer, MergeSerializer, RecordViewSet, merge_records, updated_at_field

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


class OrganisationViewSet(RecordViewSet):
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    queryset = Organisation.objects.prefetch_related("aliases").order_by("name", "id")

    @extend_schema(request=MergeSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[MayMerge],
        serializer_class=MergeSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def merge(self, request, pk=None):
        """Merge another record into this one, with the values picked per field (admins only)."""
        return merge_records(self, request, merge=organisation_merge)

    def destroy_record(self, instance):
        organisation_delete(organisation=instance, user=self.request.user)
