"""Target against achieved, per period, for the pages, the exports, the API and the IATI file: one reading."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Indicator, number


@dataclass
class PeriodResult:
    target: object
    computed: object  # a rules.Count, or None for an indicator without a rule
    values: list  # the entered values, newest first
    previous: "PeriodResult | None" = None

    @property
    def entered(self):
        return self.values[0] if self.values else None

    @property
    def achieved(self):
        """The value that stands: the newest entered value, else the computed one."""
        if self.entered is not None:
            return self.entered.value
        return Decimal(self.computed.value) if self.computed is not None else None

    @property
    def achieved_display(self):
        if self.entered is not None:
            return self.entered.value_display
        return number(self.achieved) if self.achieved is not None else "—"

    @property
    def is_overridden(self):
        return self.entered is not None and self.computed is not None

    @property
    def percent(self):
        """Achieved as a whole percentage of the target (for "lower is better", the target as one of achieved)."""
        achieved, target = self.achieved, self.target.value
        if achieved is None:
            return None
        if self.target.indicator.direction == Indicator.Direction.DECREASE:
            if achieved == 0:
                return 100
            ratio = target / achieved
        else:
            if target == 0:
                return 100
            ratio = achieved / target
        return int((ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def met(self):
        return self.percent is not None and self.percent >= 100

    @property
    def trend(self):
        """ "up", "down" or "same" against the period before, None for the first one or without values."""
        if self.previous is None or self.previous.achieved is None or self.achieved is None:
            return None
        if self.achieved > self.previous.achieved:
            return "up"
        return "down" if self.achieved < self.previous.achieved else "same"

    @property
    def trend_label(self):
        return {"up": _("up"), "down": _("down"), "same": _("no change")}.get(self.trend, "")

    @property
    def trend_symbol(self):
        return {"up": "↑", "down": "↓", "same": "→"}.get(self.trend, "")


@dataclass
class IndicatorResult:
    indicator: Indicator
    periods: list

    @property
    def chart(self):
        return chart(self.periods)


def indicator_results(indicator, today=None):
    """The indicator's periods with their values; its targets and their values prefetched (see with_results)."""
    today = today or timezone.localdate()
    rule = indicator.rule_object
    periods, previous = [], None
    for target in indicator.targets.all():
        computed = None
        if rule is not None:
            start = None if indicator.measure == Indicator.Measure.CUMULATIVE else target.start
            computed = rule.compute(indicator.subject, start=start, end=target.end, today=today)
        result = PeriodResult(target=target, computed=computed, values=list(target.values.all()), previous=previous)
        periods.append(result)
        previous = result
    return IndicatorResult(indicator, periods)


# The chart: bars of target (outlined) and achieved (filled) per period, in a 320 × 160 box that scales down.
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM = 320, 160, 16, 24


@dataclass
class Bar:
    x: float
    width: float
    y: float
    height: float
    label: str

    @property
    def text_y(self):
        return round(max(self.y - 3, 10), 1)


def chart(periods):
    """Geometry of the SVG chart (the template draws it): per period a target bar and an achieved bar, with the
    period's label under them."""
    if not periods:
        return None
    highest = max([p.target.value for p in periods] + [p.achieved or 0 for p in periods]) or Decimal(1)
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    slot = CHART_WIDTH / len(periods)
    bar = min(slot * 0.35, 40)
    groups = []
    for index, period in enumerate(periods):
        left = index * slot + (slot - 2 * bar) / 2

        def make(value, x, text):
            height = float(Decimal(value or 0) / highest) * plot
            return Bar(round(x, 1), round(bar, 1), round(CHART_TOP + plot - height, 1), round(height, 1), text)

        groups.append(
            {
                "target": make(period.target.value, left, number(period.target.value)),
                "achieved": make(period.achieved, left + bar, period.achieved_display),
                "met": period.met,
                "label": period.target.period_label,
                "label_x": round(index * slot + slot / 2, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_BOTTOM,
        "label_y": CHART_HEIGHT - 6,
        "groups": groups,
    }
