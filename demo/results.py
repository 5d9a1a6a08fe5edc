"""The reference initiative's indicators, with the network's published figures as entered values with their source.

The figures are the network's own (South-South Galaxy news of 2022-11-21 on its First Annual Meeting, and its count
of 2023); the targets are the demo's, for the pages to compare with. The indicators with a rule also show what the
records compute: the reference workshop of 2022-01-14 counts as one bilateral workshop held.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from results.models import EnteredValue, Indicator, Target
from results.services import value_enter
from workshops.models import Programme

INITIATIVE = "Skills Development Network through South-South Cooperation"
FIRST_MEETING = ("2021-11 – 2022-11", datetime.date(2021, 11, 1), datetime.date(2022, 11, 30))
YEAR_2023 = ("2023", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
GALAXY_NEWS = (
    "South-South Galaxy news, 2022-11-21: First Annual Meeting of the Skills Development Network through "
    "South-South Cooperation (November 2022)"
)
COUNT_2023 = "The network's published figures for 2023: 9 MOUs signed between 18 member TVETs"
RECORDS_HOLD_LESS = "The network's own count; the records hold only what was logged here."

# (name, unit, rule, description, [(period, target, entered value, more than, source, reason)])
INDICATORS = [
    (
        "TVET members",
        "TVET institutes",
        "member_organisations",
        "Member TVET institutes from China, Cambodia, Lao PDR and Myanmar.",
        [
            (
                FIRST_MEETING,
                20,
                21,
                False,
                GALAXY_NEWS,
                "21 TVET members from China, Cambodia, Lao PDR and Myanmar. " + RECORDS_HOLD_LESS,
            ),
            (YEAR_2023, 24, None, False, "", ""),
        ],
    ),
    (
        "Member TVETs that signed MOUs",
        "TVET institutes",
        "",
        "",
        [
            (FIRST_MEETING, 16, 18, False, GALAXY_NEWS, ""),
            (YEAR_2023, 20, 18, False, COUNT_2023, ""),
        ],
    ),
    (
        "MOUs signed between members",
        "MOUs",
        "agreements_signed",
        "",
        [(YEAR_2023, 10, 9, False, COUNT_2023, "9 MOUs signed between 18 member TVETs by 2023. " + RECORDS_HOLD_LESS)],
    ),
    (
        "Bilateral workshops held",
        "workshops",
        "bilateral_workshops",
        "",
        [(FIRST_MEETING, 20, 20, True, GALAXY_NEWS, "More than 20 bilateral workshops. " + RECORDS_HOLD_LESS)],
    ),
    (
        "Training-of-trainers programmes",
        "programmes",
        "tot_workshops",
        "",
        [(FIRST_MEETING, 12, 14, False, GALAXY_NEWS, "14 ToT programmes. " + RECORDS_HOLD_LESS)],
    ),
    (
        "Trainers trained",
        "people",
        "people_trained",
        "",
        [
            (
                FIRST_MEETING,
                400,
                500,
                False,
                GALAXY_NEWS,
                "14 ToT programmes reaching 500 trainers. " + RECORDS_HOLD_LESS,
            )
        ],
    ),
]


@transaction.atomic
def load_reference_results():
    """Add the indicators, targets and entered values; a second load adds nothing. Returns the initiative."""
    initiative = Programme.objects.get(name=INITIATIVE)
    user = get_user_model().objects.filter(username="manager").first()
    for name, unit, rule, description, periods in INDICATORS:
        indicator = Indicator.objects.filter(programme=initiative, name=name).first()
        if indicator is None:
            indicator = Indicator(
                programme=initiative,
                name=name,
                unit=unit,
                rule=rule,
                description=description,
                measure=Indicator.Measure.CUMULATIVE,
                baseline_value=0,
                baseline_date=datetime.date(2021, 11, 1),
                created_by=user,
            )
            indicator.full_clean()
            indicator.save()
        for (label, start, end), target_value, value, more_than, source, reason in periods:
            target, _created = Target.objects.get_or_create(
                indicator=indicator, start=start, end=end, defaults={"label": label, "value": target_value}
            )
            if value is None or EnteredValue.objects.filter(target=target, source_title=source).exists():
                continue
            value_enter(
                target=target,
                user=user,
                value=Decimal(value),
                more_than=more_than,
                source=EnteredValue.Source.DOCUMENT,
                source_title=source,
                reason=reason,
            )
    return initiative
