from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from rest_framework import serializers

from accounts.roles import MayMerge
from common.api import (
    CleanModelSerializer,
    MergeViewSetMixin,
    RecordIdFilter,
    RecordViewSet,
    updated_at_field,
)
from institutes.models import Organisation

from .filters import PersonFilter
from .models import Person
from .names import MAX_NAME_LENGTH, NAME_PARTS, split_name
from .services import person_delete, person_merge


class PersonSerializer(CountryFieldMixin, CleanModelSerializer):
    full_name = serializers.CharField(read_only=True)
    other_names = serializers.SlugRelatedField(source="aliases", many=True, read_only=True, slug_field="name")
    updated_at = updated_at_field()
    name = serializers.CharField(
        write_only=True,
        required=False,
        max_length=MAX_NAME_LENGTH,
        help_text=_("A name as written (“Prof. Shi Lei”, “王芳”): the name parts not given are read from it."),
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "honorific",
            "given_name",
            "family_name",
            "name_order",
            "name_local",
            "full_name",
            "other_names",
            "email",
            "phone",
            "country",
            "notes",
            "is_active",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at"]

    def validate(self, attrs):
        written = attrs.pop("name", "")
        if written.strip():
            parts = split_name(written)
            attrs = {field: parts[field] for field in NAME_PARTS} | attrs
        return super().validate(attrs)


class PersonApiFilter(PersonFilter):
    organisation = RecordIdFilter(queryset=Organisation.objects.all(), method="at_organisation")


class PersonViewSet(MergeViewSetMixin, RecordViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonApiFilter
    queryset = Person.objects.prefetch_related("aliases").order_by("family_name", "given_name", "id")

    merge_service = staticmethod(person_merge)
    merge_permissions = (MayMerge,)

    def destroy_record(self, instance):
        person_delete(person=instance, user=self.request.user)
