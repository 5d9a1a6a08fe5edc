"""CSV/XLSX of results: one row per indicator and period, target against achieved, with the rule and the source."""

from django.contrib.auth.decorators import login_required, permission_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.exports import download

from .figures import results_for
from .models import Indicator, number
from .views import with_results

# The export reads every indicator of the user's programmes: their number is what managers define by hand, a few
# hundred at most.


def result_rows(indicators):
    for result in results_for(indicators):
        indicator = result.indicator
        subject = indicator.subject
        rule = indicator.rule_object
        for period in result.periods:
            entered = period.entered
            yield [
                str(subject),
                indicator.name,
                indicator.unit,
                str(rule.label) if rule else "",
                number(indicator.baseline_value),
                indicator.baseline_date,
                period.target.period_label,
                period.target.start,
                period.target.end,
                number(period.target.value),
                period.computed.value if period.computed is not None else "",
                entered.value_display if entered else "",
                period.achieved_display,
                period.percent,
                str(period.trend_label),
                (entered.source_title or entered.source_url or str(entered.get_source_display())) if entered else "",
                entered.reason if entered else "",
                (entered.entered_by.get_username() if entered and entered.entered_by else ""),
                entered.entered_at if entered else "",
            ]


@require_safe
@login_required
@permission_required("results.view_indicator", raise_exception=True)
def results_export(request, fmt):
    indicators = with_results(
        Indicator.objects.visible_to(request.user).order_by("agreement_id", "programme__name", "name", "id")
    )
    headers = [
        _("Programme, initiative or agreement"),
        _("Indicator"),
        _("Unit"),
        _("Rule"),
        _("Baseline"),
        _("Baseline date"),
        _("Period"),
        _("From"),
        _("To"),
        _("Target"),
        _("Computed"),
        _("Entered"),
        _("Achieved"),
        _("Per cent of target"),
        _("Trend"),
        _("Source"),
        _("Reason"),
        _("Entered by"),
        _("Entered on"),
    ]
    return download(fmt, "results", _("Results"), headers, result_rows(indicators))
