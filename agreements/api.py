import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from common.api import (
    ChangePermissions,
    CleanModelSerializer,
    RecordIdFilter,
    RecordViewSet,
    updated_at_field,
    validation_error,
)
from institutes.models import Organisation
from workshops.models import Outcome

from .filters import AgreementFilter
from .models import Agreement, AgreementParty
from .services import (
    ACTIVATE,
    TRANSITIONS,
    AlreadyStarted,
    DecisionAlreadyLed,
    TransitionRefused,
    agreement_delete,
    agreement_party_delete,
    agreement_party_save,
    agreement_renew,
    agreement_start_from_decision,
    agreement_update,
)


class AgreementPartySerializer(CleanModelSerializer):
    updated_at = updated_at_field()

    class Meta:
        model = AgreementParty
        fields = ["id", "agreement", "organisation", "role", "signatory", "signatory_title", "signed_on", "updated_at"]

    def version_parent(self, instance):
        return instance.agreement

    def write(self, instance, validated_data):
        for field, value in validated_data.items():
            setattr(instance, field, value)
        return agreement_party_save(party=instance, user=self.user)


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
            "status_since",
            "summary",
            "programme",
            "proposed_on",
            "target_signing_date",
            "signed_on",
            "effective_from",
            "expires_on",
            "notice_period_days",
            "renews",
            "responsible_users",
            "contact_people",
            "parties",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "status_changed_at", "status_since", "created_at"]

    def write(self, instance, validated_data):
        return agreement_update(agreement=instance, user=self.user, data=validated_data)


class TransitionSerializer(serializers.Serializer):
    comment = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        help_text=_("Why. Required to suspend, terminate or abandon."),
    )
    occurred_on = serializers.DateField(
        required=False,
        help_text=_(
            "The day it happened (else today; for a signing, the day the last party signed): not in the future, "
            "not before the previous step."
        ),
    )
    effective_from = serializers.DateField(
        required=False,
        help_text=_("Bringing into force only: the date it comes into force (else the one already recorded)."),
    )


class RenewSerializer(serializers.Serializer):
    proposed_on = serializers.DateField(
        required=False,
        help_text=_("The day the renewal was really proposed (else today): not in the future, not before signing."),
    )


class FromDecisionSerializer(serializers.Serializer):
    outcome = serializers.PrimaryKeyRelatedField(
        queryset=Outcome.objects.select_related("workshop").filter(kind=Outcome.Kind.DECISION),
        help_text=_("The workshop decision the agreement comes from."),
    )
    confirm_another = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Required when the decision already led to an agreement: make another one all the same."),
    )


CONFLICT_RESPONSE = OpenApiResponse(
    response={"type": "object", "properties": {"detail": {"type": "string"}}},
    description=_("Refused: `detail` says why."),
)


def _conflict(message, **more):
    return Response({"detail": message, **more}, status=status.HTTP_409_CONFLICT)


class AgreementApiFilter(AgreementFilter):
    party = RecordIdFilter(queryset=Organisation.objects.all(), method="with_party")


class AgreementViewSet(RecordViewSet):
    serializer_class = AgreementSerializer
    filterset_class = AgreementApiFilter
    queryset = Agreement.objects.prefetch_related("parties", "responsible_users", "contact_people").order_by(
        "-updated_at", "-id"
    )

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)

    def destroy_record(self, instance):
        agreement_delete(agreement=instance, user=self.request.user)

    @extend_schema(
        operation_id="agreements_transition",
        summary=_("Move the agreement through its lifecycle"),
        description=_(
            "Applies one transition, as the agreement page's buttons do, recording who, when and why. "
            "A transition the agreement's state does not allow is refused with 409 and the reason."
        ),
        parameters=[
            OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(TRANSITIONS)),
        ],
        request=TransitionSerializer,
        responses={
            200: AgreementSerializer,
            409: OpenApiResponse(
                response={"type": "object", "properties": {"detail": {"type": "string"}}},
                description=_("The transition is not possible now: `detail` says why."),
            ),
        },
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"transitions/(?P<name>[^/]+)",
        permission_classes=[ChangePermissions],
        serializer_class=TransitionSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def transition(self, request, pk=None, name=None):
        if name not in TRANSITIONS:
            raise NotFound()
        agreement = self.get_object()
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        transition, function = TRANSITIONS[name]
        kwargs = {
            "agreement": agreement,
            "user": request.user,
            "comment": body.validated_data.get("comment", ""),
            "occurred_on": body.validated_data.get("occurred_on"),
        }
        if transition is ACTIVATE and "effective_from" in body.validated_data:
            kwargs["effective_from"] = body.validated_data["effective_from"]
        try:
            function(**kwargs)
        except TransitionRefused as refused:
            answer = {"detail": refused.message}
            if refused.missing_parties:
                answer["missing_parties"] = refused.missing_parties
            return Response(answer, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as error:
            raise validation_error(error) from None
        agreement = get_object_or_404(self.get_queryset(), pk=agreement.pk)
        return Response(AgreementSerializer(agreement, context=self.get_serializer_context()).data)

    @extend_schema(
        operation_id="agreements_renew",
        summary=_("Start the agreement that renews this one"),
        description=_(
            "As the page's “Renew or extend”: a new agreement in drafting, proposed on the given day. "
            "A renewal already started is a 409."
        ),
        request=RenewSerializer,
        responses={201: AgreementSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="renew",
        serializer_class=RenewSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def renew(self, request, pk=None):
        agreement = self.get_object()
        body = RenewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            renewal = agreement_renew(
                agreement=agreement, user=request.user, proposed_on=body.validated_data.get("proposed_on")
            )
        except AlreadyStarted as started:
            return _conflict(started.message, agreement=started.agreement.pk)
        except DjangoValidationError as error:
            raise validation_error(error) from None
        renewal = get_object_or_404(self.get_queryset(), pk=renewal.pk)
        return Response(AgreementSerializer(renewal, context=self.get_serializer_context()).data, status=201)

    @extend_schema(
        operation_id="agreements_from_decision",
        summary=_("Start an agreement from a workshop decision"),
        description=_(
            "As the page's “Start an agreement”, with what the decision proposes. A decision that already led to "
            "an agreement is a 409 listing them, unless `confirm_another` is true."
        ),
        request=FromDecisionSerializer,
        responses={201: AgreementSerializer, 409: CONFLICT_RESPONSE},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="from-decision",
        serializer_class=FromDecisionSerializer,
        filterset_class=None,
        pagination_class=None,
    )
    def from_decision(self, request):
        body = FromDecisionSerializer(data=request.data)
        # A decision of a workshop outside the user's programmes is not found.
        body.fields["outcome"].queryset = body.fields["outcome"].queryset.visible_to(request.user)
        body.is_valid(raise_exception=True)
        try:
            agreement = agreement_start_from_decision(
                outcome=body.validated_data["outcome"],
                user=request.user,
                confirm_another=body.validated_data["confirm_another"],
            )
        except DecisionAlreadyLed as led:
            return _conflict(led.message, agreements=[a.pk for a in led.agreements])
        except DjangoValidationError as error:
            raise validation_error(error) from None
        agreement = get_object_or_404(self.get_queryset(), pk=agreement.pk)
        return Response(AgreementSerializer(agreement, context=self.get_serializer_context()).data, status=201)


class AgreementPartyFilter(django_filters.FilterSet):
    class Meta:
        model = AgreementParty
        fields = ["agreement", "organisation", "role"]


class AgreementPartyViewSet(RecordViewSet):
    serializer_class = AgreementPartySerializer
    filterset_class = AgreementPartyFilter
    queryset = AgreementParty.objects.order_by("agreement", "role", "id")

    def destroy_record(self, instance):
        agreement_party_delete(party=instance, user=self.request.user)
