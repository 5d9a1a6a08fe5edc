"""/api/indicators/, /api/indicator-periods/, /api/indicator-values/: read-only, each period with its target, the
value computed by the indicator's rule (and the rule), the entered value and the one that stands."""

import django_filters
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse

from agreements.models import Agreement
from common.api import RolePermissions
from workshops.models import Programme

from . import rules
from .figures import Budget, PeriodResult, indicator_results, period_count, records_changed_at
from .models import RECORDS_LISTED, EnteredValue, Indicator, Target
from .views import with_results


class EnteredValueSerializer(serializers.ModelSerializer):
    entered_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    # Blank when the source is not a web page: a URI format would refuse the empty string.
    source_url = serializers.CharField(read_only=True)

    class Meta:
        model = EnteredValue
        fields = [
            "id",
            "target",
            "value",
            "more_than",
            "category",
            "source",
            "source_title",
            "source_workshop",
            "source_outcome",
            "source_url",
            "reason",
            "entered_by",
            "entered_at",
        ]
        read_only_fields = fields


class PartSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    """A period as figures.PeriodResult reads it."""

    id = serializers.IntegerField(source="target.id")
    label = serializers.CharField(source="target.period_label")
    start = serializers.DateField(source="target.start")
    end = serializers.DateField(source="target.end")
    target = serializers.DecimalField(source="target.value", max_digits=12, decimal_places=2)
    computed_value = serializers.SerializerMethodField()
    computed_parts = serializers.SerializerMethodField()
    counted_records = serializers.SerializerMethodField()
    computed_is_stale = serializers.SerializerMethodField()
    entered = EnteredValueSerializer(allow_null=True)
    achieved = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    percent_of_target = serializers.IntegerField(source="percent", allow_null=True)
    trend = serializers.ChoiceField(choices=["up", "down", "same"], allow_null=True)

    @extend_schema_field(
        serializers.BooleanField(
            help_text="The last count, from before the records changed: brought up to date within minutes."
        )
    )
    def get_computed_is_stale(self, period: PeriodResult):
        return getattr(period.computed, "stale", False)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_computed_value(self, period: PeriodResult):
        return period.computed.value if period.computed is not None else None

    @extend_schema_field(PartSerializer(many=True))
    def get_computed_parts(self, period: PeriodResult):
        parts = period.computed.parts if period.computed is not None else ()
        return [{"label": str(label), "value": value} for label, value in parts]

    @extend_schema_field(
        serializers.URLField(
            allow_null=True,
            help_text="Where the records counted are listed (indicator-periods/{id}/records/); null without a rule.",
        )
    )
    def get_counted_records(self, period: PeriodResult):
        # A link, not the ids: a period of a programme counts thousands of records, and a list of indicators would
        # read them all (0.9 s for 15 indicators at 100,000 workshops) where the values are stored.
        if period.computed is None:
            return None
        return reverse("api:indicatorperiod-records", args=[period.target.pk], request=self.context.get("request"))


class IndicatorSerializer(serializers.ModelSerializer):
    rule_label = serializers.SerializerMethodField()
    rule_description = serializers.SerializerMethodField()
    periods = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "name",
            "unit",
            "programme",
            "agreement",
            "rule",
            "rule_label",
            "rule_description",
            "measure",
            "baseline_value",
            "baseline_date",
            "direction",
            "disaggregation",
            "description",
            "carried_from",
            "periods",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_rule_label(self, indicator):
        return str(indicator.rule_object.label) if indicator.rule_object else ""

    @extend_schema_field(serializers.CharField())
    def get_rule_description(self, indicator):
        return str(indicator.rule_object.description) if indicator.rule_object else ""

    @extend_schema_field(PeriodSerializer(many=True))
    def get_periods(self, indicator):
        if "records_changed_at" not in self.context:  # read once for a list of indicators, with one budget
            self.context["records_changed_at"] = records_changed_at()
            self.context["budget"] = Budget()
        context = self.context
        periods = indicator_results(
            indicator, changed_at=context["records_changed_at"], budget=context["budget"]
        ).periods
        return PeriodSerializer(periods, many=True, context=self.context).data


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "indicator", "label", "start", "end", "value", "updated_at"]
        read_only_fields = fields


def _visible(model):
    """The choices of a filter: the records of the user's programmes (another's id is an invalid choice)."""
    return lambda request: model.objects.visible_to(request.user) if request is not None else model.objects.none()


class IndicatorFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=_visible(Programme))
    agreement = django_filters.ModelChoiceFilter(queryset=_visible(Agreement))
    rule = django_filters.ChoiceFilter(choices=rules.CHOICES)

    class Meta:
        model = Indicator
        fields = ["programme", "agreement", "rule"]


class TargetFilter(django_filters.FilterSet):
    indicator = django_filters.ModelChoiceFilter(queryset=_visible(Indicator))

    class Meta:
        model = Target
        fields = ["indicator"]


class EnteredValueFilter(django_filters.FilterSet):
    target = django_filters.ModelChoiceFilter(queryset=_visible(Target))

    class Meta:
        model = EnteredValue
        fields = ["target"]


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """The records of the user's programmes only, in the list and by id (accounts/scope.py)."""

    permission_classes = [RolePermissions]
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class IndicatorViewSet(ScopedReadOnlyViewSet):
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    queryset = with_results(Indicator.objects.order_by("id"))


class CountedRecordsSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="The kind of records counted: workshop, agreement, organisation, action.")
    count = serializers.IntegerField(help_text="The records counted (people trained count people, not these).")
    ids = serializers.ListField(
        child=serializers.IntegerField(), help_text=f"Their ids, the first {RECORDS_LISTED} by id (as the page lists)."
    )
    ids_complete = serializers.BooleanField(help_text="Whether `ids` holds every record counted.")


class TargetViewSet(ScopedReadOnlyViewSet):
    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    queryset = Target.objects.select_related("indicator__programme", "indicator__agreement").order_by("id")

    @extend_schema(responses={200: CountedRecordsSerializer, 404: None})
    @action(detail=True, methods=["get"])
    def records(self, request, pk=None):
        """The records the period's computed value counts, by id (404 for an indicator without a rule)."""
        count = period_count(self.get_object())
        if count is None:
            raise NotFound(_("This indicator is not computed from the records."))
        records = count.records.order_by("pk")
        ids = list(records.values_list("pk", flat=True)[:RECORDS_LISTED])
        total = len(ids) if len(ids) < RECORDS_LISTED else records.count()
        data = {"kind": count.kind, "count": total, "ids": ids, "ids_complete": total == len(ids)}
        return Response(CountedRecordsSerializer(data).data)


class EnteredValueViewSet(ScopedReadOnlyViewSet):
    serializer_class = EnteredValueSerializer
    filterset_class = EnteredValueFilter
    queryset = EnteredValue.objects.select_related("entered_by").order_by("id")
