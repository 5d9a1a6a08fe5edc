import datetime

import pytest

from agreements.services import agreement_renew
from results.models import Indicator
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    EnteredValueFactory,
    IndicatorFactory,
    TargetFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_renewing_an_agreement_carries_its_indicators_with_unmet_targets():
    user = UserFactory(role="Manager")
    agreement = AgreementFactory(status="active", signed_on=datetime.date(2022, 1, 10))
    AgreementPartyFactory(agreement=agreement)
    unmet = IndicatorFactory(agreement=agreement, name="Teachers exchanged", unit="teachers", baseline_value=2)
    TargetFactory(indicator=unmet, label="2022", value=10)
    met_period = TargetFactory(
        indicator=unmet, label="2023", start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31), value=5
    )
    EnteredValueFactory(target=met_period, value=6)
    EnteredValueFactory(target=unmet.targets.get(label="2022"), value=4)
    met = IndicatorFactory(agreement=agreement, name="Curricula shared")
    EnteredValueFactory(target=TargetFactory(indicator=met, value=1), value=1)

    renewal = agreement_renew(agreement=agreement, user=user, proposed_on=datetime.date(2024, 1, 5))

    carried = Indicator.objects.get(agreement=renewal)
    assert (carried.name, carried.unit, carried.baseline_value, carried.carried_from) == (
        "Teachers exchanged",
        "teachers",
        2,
        unmet,
    )
    assert list(carried.targets.values_list("label", "value")) == [("2022", 10)]
    assert carried.history.get().history_user == user


def test_renewing_an_agreement_without_indicators_carries_nothing():
    agreement = AgreementFactory(status="active", signed_on=datetime.date(2022, 1, 10))
    renewal = agreement_renew(agreement=agreement, user=UserFactory(), proposed_on=datetime.date(2024, 1, 5))
    assert renewal.indicators.count() == 0
