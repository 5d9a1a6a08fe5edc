"""Target against achieved, per period, for the pages, the exports, the API and the IATI file: one reading.

A period's computed value is read from its ComputedValue row when that still holds, and computed by the rule (and
stored) when it does not: the rule or the period changed, it was computed on another day (held is today's status),
or a record the rules read changed since (the newest row of those records' history tables, one query a page). So a
page counts the records only after they changed; `refresh_results` (cron, every few minutes) computes them ahead
of the readers. A page computes for at most COMPUTE_SECONDS (a Budget): past it, a period whose records changed
shows its last count, said to be from its time, until the next run (a programme's member organisations take 2.5 s
a period at a million workshops).
"""

import datetime
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementParty
from institutes.models import Organisation
from workshops.models import ActionItem, Attendance, Programme, Workshop, WorkshopOrganisation

from . import rules
from .models import COMPUTE_SECONDS, ComputedValue, Indicator, number

# The records the rules read (rules.py): a value computed before the newest change to one of them is computed again.
COUNTED_MODELS = (
    Programme,
    Workshop,
    WorkshopOrganisation,
    Attendance,
    ActionItem,
    Agreement,
    AgreementParty,
    Organisation,
)


def records_changed_at():
    """When a record the rules read last changed (the newest row of their history tables, each read from its index on
    history_date), in one query; None before any record exists."""
    quote = connection.ops.quote_name
    newest = ", ".join(
        f"(SELECT MAX(history_date) FROM {quote(model.history.model._meta.db_table)})" for model in COUNTED_MODELS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}")
        row = cursor.fetchone()
    return max((_aware(value) for value in row if value is not None), default=None)


def _aware(value):
    if isinstance(value, str):  # SQLite returns the text it stores, in UTC
        value = parse_datetime(value)
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


@dataclass(frozen=True)
class StoredCount:
    """A rules.Count as stored: the value, the kind of records and the parts; the records themselves are asked of
    the rule again when wanted (the page of a figure's records, the API)."""

    value: int
    kind: str
    parts: tuple
    indicator: Indicator
    start: object
    end: object
    today: object
    computed_at: datetime.datetime
    stale: bool = False  # the records changed since (or the day did): shown until the next refresh_results

    @property
    def ids(self):
        return self.indicator.rule_object.compute(
            self.indicator.subject, start=self.start, end=self.end, today=self.today
        ).ids


def period_start(indicator, target):
    """The first day a period's rule counts from: None (since the beginning) for a cumulative indicator, or for a
    rule that counts what is so at the period's end (the members)."""
    rule = indicator.rule_object
    if indicator.measure == Indicator.Measure.CUMULATIVE or (rule is not None and rule.as_at_end):
        return None
    return target.start


def period_count(target, today=None):
    """The rules.Count of a period computed now, for its records (their page, the API); None without a rule."""
    indicator = target.indicator
    rule = indicator.rule_object
    if rule is None:
        return None
    return rule.compute(indicator.subject, start=period_start(indicator, target), end=target.end, today=today)


class Budget:
    """How long one request may spend computing periods whose records changed (COMPUTE_SECONDS): past it, such a
    period shows its last count, marked stale. A period never computed, or whose rule or dates changed, has no
    count to show and is computed whatever the budget."""

    def __init__(self, seconds=None):
        self.until = time.monotonic() + (COMPUTE_SECONDS if seconds is None else seconds)

    @property
    def spent(self):
        return time.monotonic() >= self.until


def _stored(target):
    try:
        return target.computed_value
    except ComputedValue.DoesNotExist:
        return None


@dataclass
class PeriodResult:
    target: object
    computed: object  # a rules.Count computed now, a StoredCount read back, or None for an indicator without a rule
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


def indicator_results(indicator, today=None, *, changed_at=False, budget=None, settle=datetime.timedelta(0)):
    """The indicator's periods with their values; its targets, their stored values and entered values prefetched
    (see views.with_results). `changed_at`: records_changed_at(), when the caller has read it for several
    indicators (False: read here). `budget`: a page's Budget; None (exports, IATI, jobs): every value exact.
    `settle`: a value counted less than this after the newest change is counted again (refresh_results)."""
    today = today or timezone.localdate()
    rule = indicator.rule_object
    if rule is not None and changed_at is False:
        changed_at = records_changed_at()
    periods, previous, computed_now = [], None, []
    with rules.sharing_members():
        for target in indicator.targets.all():
            computed = None
            if rule is not None:
                start = period_start(indicator, target)
                stored = _stored(target)
                computed = _still_true(stored, indicator, start, target.end, today, changed_at, budget, settle)
                if computed is None:
                    # Before the reading (members shared by the page's rules: when the page began reading), so that a
                    # change made meanwhile makes the value stale.
                    read_at = rules.shared_since() or timezone.now()
                    count = rule.compute(indicator.subject, start=start, end=target.end, today=today)
                    computed_now.append(_row(target, rule, start, today, count, read_at))
                    computed = count
            values = list(target.values.all())
            result = PeriodResult(target=target, computed=computed, values=values, previous=previous)
            periods.append(result)
            previous = result
    if computed_now:
        _store(computed_now)
    return IndicatorResult(indicator, periods)


def results_for(indicators, subject=None, *, budget=None):
    """indicator_results() of several indicators: the records' newest change read once (when one has a rule), a
    subject's members read once (rules.sharing_members). Those of one page's `subject` share its object (and what the
    rules read once from it, an agreement's parties). `budget`: a page's Budget; None: every value exact."""
    indicators = list(indicators)
    changed_at = records_changed_at() if any(indicator.rule for indicator in indicators) else None
    results = []
    with rules.sharing_members():
        for indicator in indicators:
            if subject is not None:
                setattr(indicator, "agreement" if indicator.agreement_id else "programme", subject)
            results.append(indicator_results(indicator, changed_at=changed_at, budget=budget))
    return results


def _still_true(stored, indicator, start, end, today, changed_at, budget, settle):
    """The stored value as a StoredCount when it still holds (or, the page's budget spent, when only the records or
    the day changed since: marked stale), else None."""
    if stored is None or (stored.rule, stored.start, stored.end) != (indicator.rule, start, end):
        return None
    stale = stored.today != today or (changed_at is not None and stored.computed_at < changed_at + settle)
    if stale and (budget is None or not budget.spent):
        return None
    parts = tuple((gettext(label), value) for label, value in stored.parts)
    return StoredCount(stored.value, stored.kind, parts, indicator, start, end, stored.today, stored.computed_at, stale)


def _row(target, rule, start, today, count, read_at):
    with override(None):  # the labels as written in the code, translated when shown
        parts = [[str(label), value] for label, value in count.parts]
    computed = ComputedValue(
        target=target,
        rule=rule.name,
        start=start,
        end=target.end,
        today=today,
        value=count.value,
        kind=count.kind,
        parts=parts,
        computed_at=read_at,
    )
    target.computed_value = computed
    return computed


def _store(rows):
    """Insert or replace the values computed (one statement; two readers computing the same period both write)."""
    ComputedValue.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["target"],
        update_fields=["rule", "start", "end", "today", "value", "kind", "parts", "computed_at"],
    )


# A change is dated when it is saved, and seen by others when its transaction commits: a value counted in between
# missed it and is dated after it. refresh_results counts again what was counted within this of the newest change.
SETTLE = datetime.timedelta(minutes=10)


def refresh(indicators, today=None):
    """Compute and store every period of the indicators whose stored value no longer holds, or that was counted
    within SETTLE of the newest change: `refresh_results`. Returns the number of periods computed."""
    changed_at = records_changed_at()
    computed = 0
    for indicator in indicators:
        for period in indicator_results(indicator, today, changed_at=changed_at, settle=SETTLE).periods:
            computed += period.computed is not None and not isinstance(period.computed, StoredCount)
    return computed


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
