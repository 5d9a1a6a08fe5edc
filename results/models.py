"""Results: indicators on a programme, an initiative or an agreement, their targets per period, and the values
entered with their evidence. The achieved value of a period is computed from the records by the indicator's rule
(rules.py) where it has one; an entered value stands where no rule can say it, or overrides the computed one with a
reason, and both are shown."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope import ScopedQuerySet
from common.choices import ChoiceLabels
from common.validators import DATE_RANGE, TEXT_LENGTH, dates_in_range, single_line

from . import rules

# The limits of this app, in one place (listed in the README).
INDICATORS_PER_PAGE = 25  # the network-wide results page, per page
PERIODS_PER_INDICATOR = 20  # targets an indicator may have: each is computed on every page that shows it
RECORDS_LISTED = 200  # the records a figure links to, listed on its page (the count is always complete)
COMPUTE_SECONDS = 2  # a results page's time for counting periods whose records changed; past it, their last count
MAX_VALUE = Decimal("999999999")

VALUE_FIELD = {
    "max_digits": 12,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0), message=_("A value cannot be negative."))],
}


class Indicator(ChoiceLabels, models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    class Disaggregation(models.TextChoices):
        NONE = "", _("None")
        SEX = "sex", _("By sex")
        COUNTRY = "country", _("By country")

    class Measure(models.TextChoices):
        IN_PERIOD = "in_period", _("In each period")
        CUMULATIVE = "cumulative", _("Since the start, up to the period's end")

    programme = models.ForeignKey(
        "workshops.Programme",
        verbose_name=_("programme or initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=100, help_text=_("What is counted, e.g. workshops, people."))
    rule = models.CharField(
        _("computed from the records by"),
        max_length=40,
        choices=[("", _("No rule: values are entered")), *rules.CHOICES],
        blank=True,
        default="",
    )
    measure = models.CharField(_("counted"), max_length=20, choices=Measure.choices, default=Measure.IN_PERIOD)
    baseline_value = models.DecimalField(_("baseline"), null=True, blank=True, **VALUE_FIELD)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True, validators=DATE_RANGE)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    disaggregation = models.CharField(
        _("disaggregated"), max_length=10, choices=Disaggregation.choices, blank=True, default=""
    )
    description = models.TextField(
        _("description"), blank=True, max_length=TEXT_LENGTH, validators=[MaxLengthValidator(TEXT_LENGTH)]
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        help_text=_("The indicator of the renewed agreement whose unmet targets this one carries on."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    # By its own programme or initiative, or its agreement's programme (accounts/scope.py).
    PROGRAMME_PATHS = ("programme_id", "agreement__programme_id")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, agreement__isnull=True)
                | Q(programme__isnull=True, agreement__isnull=False),
                name="indicator_on_programme_or_agreement",
                violation_error_message=_("An indicator belongs to a programme or initiative, or to an agreement."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="indicator_name_not_blank",
                violation_error_message=_("Give the indicator a name."),
            ),
            dates_in_range("indicator", "baseline_date"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("results:indicator", args=[self.pk])

    @property
    def subject(self):
        return self.programme if self.programme_id else self.agreement

    @property
    def rule_object(self):
        return rules.RULES.get(self.rule)

    def clean(self):
        errors = {}
        try:
            single_line(self.name)
        except ValidationError as error:
            errors["name"] = error.messages
        rule = self.rule_object
        if rule is not None:
            about = "agreement" if self.agreement_id else "programme"
            if about not in rule.applies_to:
                errors["rule"] = _("This rule counts records of a programme or initiative, not of an agreement.")
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    """A period of an indicator with the value to reach in it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    label = models.CharField(_("period"), max_length=100, blank=True, help_text=_("e.g. 2022; blank: the dates."))
    start = models.DateField(_("from"), validators=DATE_RANGE)
    end = models.DateField(_("to"), validators=DATE_RANGE, help_text=_("The last day of the period, included."))
    value = models.DecimalField(_("target"), **VALUE_FIELD)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    PROGRAMME_PATHS = ("indicator__programme_id", "indicator__agreement__programme_id")

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "start", "end", "id"]
        constraints = [
            dates_in_range("target", "start", "end"),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="target_end_after_start",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("A value cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "start", "end"],
                name="target_one_per_period",
                violation_error_message=_("This indicator already has a target for this period."),
            ),
        ]

    def __str__(self):
        return self.period_label

    @property
    def period_label(self):
        return self.label or f"{self.start.isoformat()} – {self.end.isoformat()}"

    def clean(self):
        if self.indicator_id and self._state.adding and self.indicator.targets.count() >= PERIODS_PER_INDICATOR:
            raise ValidationError(_("An indicator has at most %(count)s periods.") % {"count": PERIODS_PER_INDICATOR})


class EnteredValue(ChoiceLabels, models.Model):
    """A value for a period with its source and who entered it when. On an indicator with a rule it overrides the
    computed value, and only with a reason."""

    class Source(models.TextChoices):
        DOCUMENT = "document", _("A document")
        WORKSHOP = "workshop", _("A workshop")
        OUTCOME = "outcome", _("A workshop's outcome")
        URL = "url", _("A web page")

    target = models.ForeignKey(Target, verbose_name=_("period"), on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), **VALUE_FIELD)
    more_than = models.BooleanField(
        _("more than"), default=False, help_text=_("Tick when the source says “more than” this value.")
    )
    category = models.CharField(
        _("category"), max_length=100, blank=True, help_text=_("For a disaggregated indicator: e.g. women, Cambodia.")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_title = models.CharField(
        _("document"), max_length=300, blank=True, help_text=_("Its title and date, e.g. a news item or a report.")
    )
    source_workshop = models.ForeignKey(
        "workshops.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="result_values",
    )
    source_outcome = models.ForeignKey(
        "workshops.Outcome",
        verbose_name=_("outcome"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="result_values",
    )
    source_url = models.URLField(_("link"), max_length=500, blank=True)
    reason = models.TextField(
        _("reason"),
        blank=True,
        max_length=TEXT_LENGTH,
        validators=[MaxLengthValidator(TEXT_LENGTH)],
        help_text=_("Why this value stands instead of the one computed from the records."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    PROGRAMME_PATHS = ("target__indicator__programme_id", "target__indicator__agreement__programme_id")

    class Meta:
        verbose_name = _("entered value")
        verbose_name_plural = _("entered values")
        ordering = ["target", "-entered_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="enteredvalue_not_negative",
                violation_error_message=_("A value cannot be negative."),
            ),
            models.CheckConstraint(
                condition=(Q(source="document") & ~Q(source_title=""))
                | Q(source="workshop", source_workshop__isnull=False)
                | Q(source="outcome", source_outcome__isnull=False)
                | (Q(source="url") & ~Q(source_url="")),
                name="enteredvalue_has_its_source",
                violation_error_message=_("Give the source: a document's title, a workshop, an outcome or a link."),
            ),
        ]

    def __str__(self):
        return f"{self.target}: {self.value_display}"

    @property
    def value_display(self):
        return f"> {number(self.value)}" if self.more_than else number(self.value)

    def clean(self):
        errors = {}
        needed = {
            self.Source.DOCUMENT: ("source_title", _("Give the document's title and date.")),
            self.Source.WORKSHOP: ("source_workshop", _("Choose the workshop.")),
            self.Source.OUTCOME: ("source_outcome", _("Choose the outcome.")),
            self.Source.URL: ("source_url", _("Give the link.")),
        }
        if self.source in needed:
            field, message = needed[self.source]
            if not getattr(self, field if field in ("source_title", "source_url") else f"{field}_id"):
                errors[field] = message
        if self.target_id and self.target.indicator.rule and not self.reason.strip():
            errors["reason"] = _(
                "This indicator is computed from the records: say why this value stands instead of the computed one."
            )
        if errors:
            raise ValidationError(errors)


def number(value):
    """12 for 12.00, 12.5 for 12.50: the figures people wrote down."""
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f").rstrip("0")
    return text


class ComputedValue(models.Model):
    """A period's value as its indicator's rule last computed it, kept so that a page reads one row instead of
    counting the records on every request (1.3 s for a programme's 27 periods at 100,000 workshops). figures.py
    decides whether it still holds: the same rule and period, computed today (held is today's status), after the
    newest change to the records the rules read. Derived data: no history of its own."""

    target = models.OneToOneField(
        Target, on_delete=models.CASCADE, primary_key=True, related_name="computed_value", verbose_name=_("target")
    )
    rule = models.CharField(_("rule"), max_length=40)
    start = models.DateField(_("from"), null=True)  # the period as computed: None since the beginning
    end = models.DateField(_("to"))
    today = models.DateField(_("computed on"))
    value = models.PositiveIntegerField(_("value"))
    kind = models.CharField(_("records counted"), max_length=20)
    parts = models.JSONField(_("parts"), default=list)  # [[label as written in the code, value], …]
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("computed value")
        verbose_name_plural = _("computed values")

    def __str__(self):
        return f"{self.target_id}: {self.value}"
