from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from accounts.roles import MayMerge, may_see_contacts
from common.api import (
    CleanModelSerializer,
    MergeViewSetMixin,
    RecordIdFilter,
    RecordViewSet,
    updated_at_field,
    validation_error,
)
from institutes.models import Organisation

from .filters import PersonFilter
from .models import Person
from .names import MAX_NAME_LENGTH, NAME_PARTS, split_name
from .services import BASIS_SET_MAX, person_basis_set, person_delete, person_merge


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
            "basis",
            "basis_source",
            "basis_date",
            "may_be_named",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at"]

    def get_fields(self):
        """E-mail and phone only for whom accounts.roles.may_see_contacts allows: for others they are neither
        answered nor written."""
        fields = super().get_fields()
        request = self.context.get("request")
        if request is None or not may_see_contacts(request.user):
            for name in Person.CONTACT_FIELDS:
                fields.pop(name, None)
        return fields

    def validate(self, attrs):
        written = attrs.pop("name", "")
        if written.strip():
            parts = split_name(written)
            attrs = {field: parts[field] for field in NAME_PARTS} | attrs
        return super().validate(attrs)


class PersonBasisSerializer(serializers.Serializer):
    people = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=BASIS_SET_MAX)
    basis = serializers.ChoiceField(choices=Person.Basis.choices)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, allow_null=True, default=None)
    may_be_named = serializers.BooleanField(required=False, default=True)


class MayChangePeople(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("participants.change_person")


class PersonApiFilter(PersonFilter):
    organisation = RecordIdFilter(queryset=Organisation.objects.all(), method="at_organisation")


class PersonViewSet(MergeViewSetMixin, RecordViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonApiFilter
    queryset = Person.objects.prefetch_related("aliases").order_by("family_name", "given_name", "id")

    merge_service = staticmethod(person_merge)
    merge_permissions = (MayMerge,)

    @extend_schema(request=PersonBasisSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(
        detail=False,
        methods=["post"],
        permission_classes=[MayChangePeople],
        serializer_class=PersonBasisSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def basis(self, request):
        """Record one basis for many people at once, as the people list's bulk action: {"changed": count}."""
        body = PersonBasisSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        try:
            changed = person_basis_set(people=data.pop("people"), **data, user=request.user, reason="basis set")
        except DjangoValidationError as error:
            raise validation_error(error) from None
        return Response({"changed": changed})

    def destroy_record(self, instance):
        person_delete(person=instance, user=self.request.user)
