import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import ActionItemFactory, AgreementFactory, WorkshopFactory
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pipeline(reference_workshop):
    today = NOW.date()
    AgreementFactory(title="Fresh draft", status=Agreement.Status.DRAFTING, status_since=NOW.date())
    AgreementFactory(title="In 5 days", status=Agreement.Status.ACTIVE, expires_on=today + datetime.timedelta(days=5))
    AgreementFactory(title="In 20 days", status=Agreement.Status.SIGNED, expires_on=today + datetime.timedelta(days=20))
    AgreementFactory(title="In 80 days", status=Agreement.Status.ACTIVE, expires_on=today + datetime.timedelta(days=80))
    ActionItemFactory(title="Late", due_date=today - datetime.timedelta(days=1))
    ActionItemFactory(title="On time", due_date=today + datetime.timedelta(days=1))


def test_home_counts_the_pipeline_and_what_needs_attention(coordinator_client, pipeline):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get("/")
    context = response.context
    assert [(value, count) for value, _label, count in context["pipeline"]] == [
        ("proposed", 0),
        ("drafting", 2),
        ("negotiation", 0),
        ("signed", 1),
        ("active", 2),
        ("expired", 0),
        ("terminated", 0),
        ("suspended", 0),
        ("abandoned", 0),
    ]
    assert [a.title for a in context["stale"]] == [
        "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."
    ]
    assert context["expiring"] == [(90, 3), (30, 2), (7, 1)]
    assert context["overdue_count"] == 1
    assert [a.title for a in context["overdue"]] == ["Late"]


@pytest.mark.parametrize(
    "query, titles",
    [
        ({"expiring_within": 30}, ["In 20 days", "In 5 days"]),
        ({"expiring_within": 7}, ["In 5 days"]),
        ({"stale_for": 60}, ["Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."]),
        ({"status": "active"}, ["In 5 days", "In 80 days"]),
    ],
)
def test_every_number_links_to_the_list_that_makes_it_up(coordinator_client, pipeline, query, titles):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("agreements:list"), query)
    assert sorted(a.title for a in response.context["page"]) == titles


def test_a_bad_number_in_a_filter_is_explained_not_an_error(coordinator_client, pipeline):
    response = coordinator_client.get(reverse("agreements:list"), {"expiring_within": "-4"})
    assert response.status_code == 200
    assert response.context["filter"].errors == {
        "expiring_within": ["Ensure this value is greater than or equal to 0."]
    }


def test_the_demo_data_shows_a_realistic_pipeline_around_the_reference_agreement(client):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", password="demo-pass-2022", stdout=StringIO())
        client.force_login(get_user_model().objects.get(username="manager"))
        response = client.get("/")
    context = response.context
    assert [(value, count) for value, _label, count in context["pipeline"]] == [
        ("proposed", 1),
        ("drafting", 1),
        ("negotiation", 1),
        ("signed", 1),
        ("active", 1),
        ("expired", 1),
        ("terminated", 0),
        ("suspended", 0),
        ("abandoned", 1),
    ]
    assert [a.title for a in context["stale"]] == [
        "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd.",
        "Exchange agreement on welding and electrical curricula between PCCFPI and SSEZ Co., Ltd.",
    ]
    assert context["expiring"] == [(90, 1), (30, 1), (7, 0)]
    assert [a.title for a in context["overdue"]] == [
        "Send the revised curriculum annex to SSEZ Co., Ltd.",
        "Report on this year's trainer exchanges to both principals",
    ]
    renewal = Agreement.objects.get(title__startswith="Memorandum of understanding on trainer and trainee exchange")
    assert (renewal.renews.status, renewal.expires_on) == ("expired", datetime.date(2026, 12, 26))
    assert list(renewal.parties.order_by("id").values_list("organisation__short_name", "signatory__family_name")) == [
        ("WIT", "Li"),
        ("PCCFPI", "Bou"),
        ("ILO", None),
    ]


def test_the_home_page_takes_a_fixed_number_of_queries(coordinator_client, pipeline, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert coordinator_client.get("/").status_code == 200


def _pipeline_counts(client):
    return {value: count for value, _label, count in client.get("/").context["pipeline"] if count}


def test_the_figures_come_from_the_cache_until_an_agreement_an_action_or_a_workshop_changes(
    coordinator_client, coordinator, pipeline
):
    """The figures are kept in the cache under the newest history rows' ids of agreements, actions and workshops: a
    second view reads them from the cache, and a step, a deletion, an action done or a workshop added shows at once."""
    from agreements.services import agreement_start_negotiation

    with time_machine.travel(NOW, tick=False):
        with CaptureQueriesContext(connection) as first:
            assert _pipeline_counts(coordinator_client) == {"drafting": 2, "signed": 1, "active": 2}
        with CaptureQueriesContext(connection) as second:
            assert _pipeline_counts(coordinator_client) == {"drafting": 2, "signed": 1, "active": 2}
        for marker in ('AS "stale"', "capped"):  # the agreements' figures, the capped counts
            assert len([q for q in first.captured_queries if marker in q["sql"]]) == 1
            assert not [q for q in second.captured_queries if marker in q["sql"]]

        fresh = Agreement.objects.get(title="Fresh draft")
        agreement_start_negotiation(agreement=fresh, user=coordinator)
        assert _pipeline_counts(coordinator_client) == {"drafting": 1, "negotiation": 1, "signed": 1, "active": 2}

        Agreement.objects.get(title="In 80 days").delete()
        assert _pipeline_counts(coordinator_client) == {"drafting": 1, "negotiation": 1, "signed": 1, "active": 1}
        assert coordinator_client.get("/").context["expiring"] == [(90, 2), (30, 2), (7, 1)]

        context = coordinator_client.get("/").context
        workshops = context["workshop_count"]
        assert (context["open_actions"], context["overdue_count"]) == (5, 1)  # three of the reference workshop
        late = ActionItem.objects.get(title="Late")
        late.status = ActionItem.Status.DONE
        late.save()
        WorkshopFactory(title="Added since")
        context = coordinator_client.get("/").context
        assert (context["open_actions"], context["overdue_count"], context["workshop_count"]) == (4, 0, workshops + 1)
    with time_machine.travel(NOW + datetime.timedelta(days=6), tick=False):
        # Another day, another key: "In 5 days" is past its date, "In 20 days" two weeks away.
        coordinator_client.force_login(coordinator)
        assert coordinator_client.get("/").context["expiring"] == [(90, 1), (30, 1), (7, 0)]
