"""The <result> elements of a programme's or an agreement's IATI activity (2.03): one per indicator, with its
baseline and, per period, the target and the achieved value. Appended by the receiver of
agreements.signals.iati_activity_written, after <related-activity> as the schema orders it."""

from django.db.models import Prefetch
from lxml import etree

from .figures import results_for
from .models import Indicator, Target, number

RESULT_TYPE_OUTPUT = "1"  # ResultType codelist: 1 Output
MEASURE_UNIT = "1"  # IndicatorMeasure codelist: 1 Unit


def _text(parent, tag, text):
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, "narrative").text = str(text)
    return element


def write_results(element, indicators):
    for figures in results_for(indicators):
        indicator = figures.indicator
        result = etree.SubElement(element, "result")
        result.set("type", RESULT_TYPE_OUTPUT)
        result.set("aggregation-status", "0")
        _text(result, "title", indicator.name)
        item = etree.SubElement(result, "indicator")
        item.set("measure", MEASURE_UNIT)
        item.set("ascending", "1" if indicator.direction == Indicator.Direction.INCREASE else "0")
        _text(item, "title", f"{indicator.name} ({indicator.unit})")
        rule = indicator.rule_object
        if rule is not None or indicator.description:
            _text(
                item, "description", " ".join(str(t) for t in (indicator.description, rule and rule.description) if t)
            )
        if indicator.baseline_value is not None:
            baseline = etree.SubElement(item, "baseline")
            day = indicator.baseline_date or (figures.periods[0].target.start if figures.periods else None)
            baseline.set("year", str(day.year if day else indicator.created_at.year))
            if indicator.baseline_date:
                baseline.set("iso-date", indicator.baseline_date.isoformat())
            baseline.set("value", number(indicator.baseline_value))
        for period in figures.periods:
            node = etree.SubElement(item, "period")
            etree.SubElement(node, "period-start").set("iso-date", period.target.start.isoformat())
            etree.SubElement(node, "period-end").set("iso-date", period.target.end.isoformat())
            etree.SubElement(node, "target").set("value", number(period.target.value))
            if period.achieved is not None:
                actual = etree.SubElement(node, "actual")
                actual.set("value", number(period.achieved))
                entered = period.entered
                if entered is not None:
                    source = entered.source_title or entered.source_url or str(entered.get_source_display())
                    words = [("More than. " if entered.more_than else "") + f"Source: {source}"]
                    if entered.reason:
                        words.append(entered.reason)
                    if period.computed is not None:
                        words.append(f"Computed from the records: {period.computed.value}.")
                    _text(actual, "comment", " ".join(words))
                elif rule is not None:
                    _text(actual, "comment", f"Computed from the records: {rule.label}.")


def activity_written(sender, *, record, element, **kwargs):
    """Receiver of agreements.signals.iati_activity_written (apps.py)."""
    field = "agreement" if record._meta.model_name == "agreement" else "programme"
    indicators = (
        Indicator.objects.filter(**{field: record})
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("computed_value")), "targets__values"
        )
        .order_by("id")
    )
    write_results(element, indicators)
