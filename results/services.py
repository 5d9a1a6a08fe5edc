"""Writes of the results app: every door (pages, API, admin, the renewal of an agreement) calls these."""

from django.db import transaction

from .models import EnteredValue, Indicator, Target


def _save(obj, user):
    obj._history_user = user
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def indicator_create(*, user, targets=(), **fields):
    """An indicator with its first targets: `targets` is a list of dicts (label, start, end, value)."""
    indicator = _save(Indicator(created_by=user, **fields), user)
    for target in targets:
        _save(Target(indicator=indicator, **target), user)
    return indicator


@transaction.atomic
def target_add(*, indicator, user, **fields):
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()  # the period cap, one writer at a time
    return _save(Target(indicator=indicator, **fields), user)


@transaction.atomic
def value_enter(*, target, user, **fields):
    """A value for a period with its source; on an indicator computed from the records only with a reason."""
    return _save(EnteredValue(target=target, entered_by=user, **fields), user)


@transaction.atomic
def indicators_carry_over(*, agreement, renewal, user, today=None):
    """Carry the agreement's indicators with an unmet target to its renewal: same name, unit, rule and baseline, and
    the unmet targets' periods. Returns the indicators made."""
    from .figures import indicator_results

    made = []
    for indicator in agreement.indicators.prefetch_related("targets__values").order_by("id"):
        unmet = [p.target for p in indicator_results(indicator, today=today).periods if not p.met]
        if not unmet:
            continue
        made.append(
            indicator_create(
                user=user,
                agreement=renewal,
                name=indicator.name,
                unit=indicator.unit,
                rule=indicator.rule,
                measure=indicator.measure,
                baseline_value=indicator.baseline_value,
                baseline_date=indicator.baseline_date,
                direction=indicator.direction,
                disaggregation=indicator.disaggregation,
                description=indicator.description,
                carried_from=indicator,
                targets=[{"label": t.label, "start": t.start, "end": t.end, "value": t.value} for t in unmet],
            )
        )
    return made


def carry_over_on_renewal(sender, *, agreement, renewal, user, **kwargs):
    """Receiver of agreements.signals.agreement_renewed (connected in apps.py)."""
    indicators_carry_over(agreement=agreement, renewal=renewal, user=user)
