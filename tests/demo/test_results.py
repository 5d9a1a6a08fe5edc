import datetime

import pytest

from demo.results import load_reference_results
from results.models import EnteredValue

pytestmark = pytest.mark.django_db


def test_the_reference_initiative_gets_the_networks_published_figures_with_their_sources(reference_workshop):
    initiative = load_reference_results()
    load_reference_results()  # a second load adds nothing

    assert initiative.name == "Skills Development Network through South-South Cooperation"
    values = [
        (v.target.indicator.name, v.target.label, v.value_display, v.source_title[:42])
        for v in EnteredValue.objects.select_related("target__indicator").order_by(
            "target__indicator_id", "target__start"
        )
    ]
    galaxy = "South-South Galaxy news, 2022-11-21: First"
    assert values == [
        ("TVET members", "2021-11 – 2022-11", "21", galaxy),
        ("Member TVETs that signed MOUs", "2021-11 – 2022-11", "18", galaxy),
        ("Member TVETs that signed MOUs", "2023", "18", "The network's published figures for 2023: "),
        ("MOUs signed between members", "2023", "9", "The network's published figures for 2023: "),
        ("Bilateral workshops held", "2021-11 – 2022-11", "> 20", galaxy),
        ("Training-of-trainers programmes", "2021-11 – 2022-11", "14", galaxy),
        ("Trainers trained", "2021-11 – 2022-11", "500", galaxy),
    ]
    bilateral = initiative.indicators.get(name="Bilateral workshops held")
    count = bilateral.rule_object.compute(initiative, start=None, end=datetime.date(2022, 11, 30))
    assert (count.value, count.ids) == (1, (reference_workshop.pk,))
