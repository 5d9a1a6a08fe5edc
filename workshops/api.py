import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from common.api import (
    ChangePermissions,
    CleanModelSerializer,
    Conflict,
    RecordIdFilter,
    RecordViewSet,
    updated_at_field,
)
from institutes.models import Organisation

from . import duplicates
from .data import FOREIGN_KEYS, WORKSHOP_FIELDS, WorkshopData, row_of
from .filters import WorkshopFilter
from .models import ActionItem, Attendance, Workshop, WorkshopOrganisation
from .services import (
    WorkshopMayDuplicate,
    action_item_set_status,
    row_workshop,
    workshop_approve,
    workshop_delete,
    workshop_row_delete,
    workshop_row_write,
    workshop_write,
)


class AttendanceSerializer(CleanModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    updated_at = updated_at_field()

    class Meta:
        model = Attendance
        fields = [
            "id",
            "workshop",
            "person",
            "person_name",
            "organisation",
            "title",
            "role",
            "presence",
            "contribution",
            "meeting_role",
            "joined_at",
            "left_at",
            "minutes_attended",
            "order",
            "updated_at",
        ]

    def version_parent(self, instance):
        return instance.workshop

    def write(self, instance, validated_data):
        workshop = row_workshop(instance, validated_data)
        position = validated_data.get("order")
        row = row_of("attendance", instance, validated_data)
        return workshop_row_write(workshop=workshop, kind="attendance", row=row, user=self.user, position=position)


class WorkshopOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkshopOrganisation
        fields = ["organisation", "role"]


class WorkshopSerializer(CleanModelSerializer):
    organisations = WorkshopOrganisationSerializer(source="organisation_links", many=True, read_only=True)
    attendances = AttendanceSerializer(many=True, read_only=True)
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    status_follows_dates = serializers.BooleanField(read_only=True)
    date = serializers.CharField(source="date_iso", read_only=True)
    updated_at = updated_at_field()
    allow_duplicate = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_(
            "Add the workshop even though workshops within a few days of it share its title, a host or two named "
            "people (without it such a workshop is refused with 409, listing them)."
        ),
    )

    class Meta:
        model = Workshop
        fields = [
            "id",
            "title",
            "other_title",
            "kind",
            "format",
            "status",
            "status_follows_dates",
            "date",
            "start_date",
            "date_precision",
            "start_time",
            "end_date",
            "end_time",
            "timezone",
            "venue",
            "platform",
            "programme",
            "initiative",
            "coordinator",
            "reported_attendance",
            "summary",
            "minutes",
            "topics",
            "organisations",
            "attendances",
            "revision",
            "approved_by",
            "approved_at",
            "created_at",
            "updated_at",
            "allow_duplicate",
        ]
        read_only_fields = ["created_at", "revision", "approved_by", "approved_at"]

    def write(self, instance, validated_data):
        data = WorkshopData.from_workshop(instance, only="")  # the rows are left as they are
        for name in WORKSHOP_FIELDS:
            if name in validated_data:
                value = validated_data[name]
                setattr(data, name, (value.pk if value is not None else None) if name in FOREIGN_KEYS else value)
        return workshop_write(
            data=data,
            workshop=instance if instance.pk else None,
            user=self.user,
            allow_duplicate=validated_data.get("allow_duplicate", False),
        )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # The status it has today. Writing "" lets a chosen status go back to following the dates.
        data["status"] = instance.current_status
        return data


class WorkshopApiFilter(WorkshopFilter):
    host = RecordIdFilter(queryset=Organisation.objects.all(), method="hosted_by")


_DUPLICATES_ANSWER = inline_serializer(
    "PossibleDuplicateWorkshops",
    {
        "detail": serializers.CharField(),
        "duplicates": inline_serializer(
            "PossibleDuplicateWorkshop",
            {
                "id": serializers.IntegerField(),
                "title": serializers.CharField(),
                "date": serializers.CharField(),
                "url": serializers.CharField(),
            },
            many=True,
        ),
    },
)


@extend_schema_view(
    create=extend_schema(
        responses={
            201: WorkshopSerializer,
            409: OpenApiResponse(
                _DUPLICATES_ANSWER,
                description=_("Workshops on record may be this one: send allow_duplicate true to add it anyway."),
            ),
        }
    )
)
class WorkshopViewSet(RecordViewSet):
    serializer_class = WorkshopSerializer
    filterset_class = WorkshopApiFilter
    queryset = (
        Workshop.objects.select_related("programme")
        .prefetch_related("topics", "organisation_links", "attendances__person")
        .order_by("-start_date", "-id")
    )

    def create(self, request, *args, **kwargs):
        try:
            return super().create(request, *args, **kwargs)
        except WorkshopMayDuplicate as may_duplicate:
            answer = {"detail": str(may_duplicate), "duplicates": duplicates.as_json(may_duplicate.candidates)}
            return Response(answer, status=status.HTTP_409_CONFLICT)

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)

    def destroy_record(self, instance):
        try:
            workshop_delete(workshop=instance, user=self.request.user)
        except DjangoValidationError as error:
            raise Conflict(" ".join(error.messages)) from None

    @extend_schema(request=None, responses={200: WorkshopSerializer})
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[ChangePermissions],
        filterset_class=None,
        pagination_class=None,
    )
    def approve(self, request, pk=None):
        """Approve the meeting record's current revision (409 when it is already approved)."""
        workshop = self.get_object()
        try:
            workshop_approve(workshop=workshop, user=request.user)
        except DjangoValidationError as error:
            return Response({"detail": " ".join(error.messages)}, status=status.HTTP_409_CONFLICT)
        workshop = get_object_or_404(self.get_queryset(), pk=workshop.pk)
        return Response(WorkshopSerializer(workshop, context=self.get_serializer_context()).data)


class AttendanceFilter(django_filters.FilterSet):
    class Meta:
        model = Attendance
        fields = ["workshop", "person", "organisation", "role", "presence"]


class AttendanceViewSet(RecordViewSet):
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    queryset = Attendance.objects.select_related("person").order_by("workshop", "order", "id")

    def destroy_record(self, instance):
        workshop_row_delete(workshop=instance.workshop, kind="attendance", row_id=instance.pk, user=self.request.user)


class ActionItemSerializer(CleanModelSerializer):
    owner_name = serializers.CharField(source="owner.full_name", read_only=True, allow_null=True, default=None)
    responsible_organisations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    updated_at = updated_at_field()

    class Meta:
        model = ActionItem
        fields = [
            "id",
            "title",
            "description",
            "workshop",
            "agreement",
            "owner",
            "owner_name",
            "owner_organisation",
            "responsible_organisations",
            "due_date",
            "status",
            "completed_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at"]

    def version_parent(self, instance):
        return instance.workshop or instance.agreement

    def write(self, instance, validated_data):
        workshop = row_workshop(instance, validated_data)
        if workshop is not None:
            row = row_of("actions", instance, validated_data)
            return workshop_row_write(workshop=workshop, kind="actions", row=row, user=self.user)
        # An agreement's own action: its agreement gets the new version.
        status = validated_data.pop("status", instance.status)
        for field, value in validated_data.items():
            setattr(instance, field, value)
        return action_item_set_status(action_item=instance, status=status, user=self.user)


class ActionItemFilter(django_filters.FilterSet):
    class Meta:
        model = ActionItem
        fields = ["status", "workshop", "agreement", "owner", "owner_organisation"]


class ActionItemViewSet(RecordViewSet):
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    queryset = (
        ActionItem.objects.select_related("owner")
        .prefetch_related("responsible_organisations")
        .order_by("due_date", "id")
    )

    def destroy_record(self, instance):
        if instance.workshop_id is None:
            return super().destroy_record(instance)
        workshop_row_delete(workshop=instance.workshop, kind="actions", row_id=instance.pk, user=self.request.user)
