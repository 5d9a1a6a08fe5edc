"""The results pages: per programme or initiative, per agreement, per indicator, the records a figure counts, the
network-wide page for managers, and the forms that add indicators, periods and values."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements.models import Agreement
from common.pagination import paginate
from workshops.models import Programme

from . import rules, services
from .figures import Budget, indicator_results, period_count, period_start, results_for
from .forms import EnteredValueForm, IndicatorForm, TargetForm
from .models import INDICATORS_PER_PAGE, RECORDS_LISTED, EnteredValue, Indicator, Target

VIEW = "results.view_indicator"
ADD = "results.add_indicator"


def with_results(queryset):
    """Indicators with their subject, periods and entered values: a fixed number of queries for any number."""
    return queryset.select_related("programme", "agreement").prefetch_related(
        Prefetch(
            "targets",
            queryset=Target.objects.select_related("indicator", "computed_value").prefetch_related(
                Prefetch(
                    "values",
                    queryset=EnteredValue.objects.select_related(
                        "entered_by", "source_workshop", "source_outcome__workshop"
                    ),
                )
            ),
        )
    )


def results_of(indicators, subject=None):
    """Target against achieved for each indicator of a page, counting for at most the page's Budget."""
    return results_for(indicators, subject, budget=Budget())


def _indicator(request, pk):
    return get_object_or_404(with_results(Indicator.objects.visible_to(request.user)), pk=pk)


def _visible(queryset, user):
    # Organisations belong to no programme: every user with the role sees them.
    return queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset


def _subject_results(request, subject, field):
    """The results page of a programme or initiative (field "programme") or of an agreement ("agreement")."""
    indicators = with_results(subject.indicators.visible_to(request.user).order_by("name", "id"))
    return render(
        request,
        "results/subject.html",
        {
            "subject": subject,
            field: subject,
            "results": results_of(indicators, subject),
            "add_url_name": f"results:{field}-indicator-create",
        },
    )


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def programme_results(request, pk):
    programme = get_object_or_404(Programme.objects.visible_to(request.user).select_related("parent"), pk=pk)
    return _subject_results(request, programme, "programme")


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def agreement_results(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user).select_related("programme"), pk=pk)
    return _subject_results(request, agreement, "agreement")


@require_safe
@login_required
@permission_required(ADD, raise_exception=True)
def network_results(request):
    """Every indicator of the user's programmes (of the network for a role without a programme), programmes
    first, a page at a time."""
    queryset = with_results(
        Indicator.objects.visible_to(request.user).order_by(
            "agreement_id", "programme__name", "agreement__title", "name", "id"
        )
    )
    page = paginate(request, queryset, per_page=INDICATORS_PER_PAGE)
    return render(request, "results/network.html", {"page": page, "results": results_of(page.object_list)})


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def indicator_detail(request, pk):
    indicator = _indicator(request, pk)
    result = indicator_results(indicator, budget=Budget())
    return render(request, "results/indicator.html", {"result": result, "indicator": indicator})


def _target(request):
    return Target.objects.visible_to(request.user).select_related("indicator__programme", "indicator__agreement")


RECORD_ORDER = {  # how a figure's records are listed, by their kind
    "workshop": lambda records: records.order_by("-start_date", "-id"),
    "agreement": lambda records: records.order_by("-signed_on", "-id"),
    "organisation": lambda records: records.order_by("name", "id"),
    "action": lambda records: records.select_related("workshop", "agreement").order_by("due_date", "id"),
}


@require_safe
@login_required
@permission_required(VIEW, raise_exception=True)
def period_records(request, pk):
    """The records a period's computed value counts, each linked: those the user may see; the count is whole, and
    the page says how many of its records are not shown."""
    target = get_object_or_404(_target(request), pk=pk)
    indicator = target.indicator
    rule = indicator.rule_object
    records = None
    hidden = visible_count = 0
    cumulative = period_start(indicator, target) is None
    count = period_count(target)
    if count is not None:
        visible = _visible(RECORD_ORDER[count.kind](count.records), request.user)
        records = list(visible[:RECORDS_LISTED])
        visible_count = len(records) if len(records) < RECORDS_LISTED else visible.count()
        hidden = count.records.order_by().count() - visible_count
    return render(
        request,
        "results/records.html",
        {
            "target": target,
            "indicator": indicator,
            "rule": rule,
            "count": count,
            "cumulative": cumulative,
            "records": records,
            "listed_all": visible_count <= RECORDS_LISTED,
            "records_listed": RECORDS_LISTED,
            "hidden": hidden,
        },
    )


def _indicator_form(request, *, about, subject, field):
    form = IndicatorForm(request.POST or None, about=about)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            indicator = services.indicator_create(user=request.user, targets=form.targets(), **{field: subject}, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Indicator added."))
            return redirect(indicator)
    return render(request, "results/form.html", {"form": form, "subject": subject, "title": _("New indicator")})


@login_required
@permission_required(ADD, raise_exception=True)
def programme_indicator_create(request, pk):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    return _indicator_form(request, about=rules.PROGRAMME, subject=programme, field="programme")


@login_required
@permission_required(ADD, raise_exception=True)
def agreement_indicator_create(request, pk):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    return _indicator_form(request, about=rules.AGREEMENT, subject=agreement, field="agreement")


@login_required
@permission_required("results.change_indicator", raise_exception=True)
def indicator_edit(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("programme", "agreement"), pk=pk
    )
    about = rules.AGREEMENT if indicator.agreement_id else rules.PROGRAMME
    form = IndicatorForm(request.POST or None, instance=indicator, about=about)
    if request.method == "POST" and form.is_valid():
        indicator = form.save(commit=False)
        indicator._history_user = request.user
        indicator.save()
        messages.success(request, _("Indicator saved."))
        return redirect(indicator)
    return render(
        request,
        "results/form.html",
        {"form": form, "subject": indicator.subject, "indicator": indicator, "title": _("Edit the indicator")},
    )


@login_required
@permission_required("results.add_target", raise_exception=True)
def target_create(request, pk):
    indicator = get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("programme", "agreement"), pk=pk
    )
    form = TargetForm(request.POST or None, instance=Target(indicator=indicator))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.target_add(indicator=indicator, user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Period added."))
            return redirect(indicator)
    return render(
        request,
        "results/form.html",
        {"form": form, "subject": indicator.subject, "indicator": indicator, "title": _("New period and target")},
    )


@login_required
@permission_required("results.add_enteredvalue", raise_exception=True)
def value_create(request, pk):
    target = get_object_or_404(_target(request), pk=pk)
    indicator = target.indicator
    rule = indicator.rule_object
    count = rule.compute(indicator.subject, start=target.start, end=target.end) if rule is not None else None
    if count is not None and count.kind == "workshop":
        workshop_ids = list(count.records.order_by("-start_date", "-id").values_list("pk", flat=True)[:RECORDS_LISTED])
    else:
        today = timezone.localdate()
        scope = rules.workshops_in_scope(indicator.subject, start=target.start, end=target.end, today=today)
        workshop_ids = list(scope.values_list("pk", flat=True)[:RECORDS_LISTED])
    form = EnteredValueForm(
        request.POST or None,
        instance=EnteredValue(target=target),
        target=target,
        workshop_ids=workshop_ids,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.value_enter(target=target, user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Value entered."))
            return redirect(indicator)
    return render(
        request,
        "results/form.html",
        {
            "form": form,
            "subject": indicator.subject,
            "indicator": indicator,
            "target": target,
            "title": _("Enter a value"),
        },
    )
