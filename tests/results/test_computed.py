"""A period's computed value is stored and read back while it holds, and computed again when the records, the
rule, the period or the day change (results/figures.py)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import ADMIN, MANAGER
from institutes.services import organisation_merge
from results import services
from results.figures import StoredCount, indicator_results, records_changed_at
from results.models import ComputedValue
from results.views import with_results
from tests.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 1)
YEAR_2022 = {"label": "2022", "start": datetime.date(2022, 1, 1), "end": datetime.date(2022, 12, 31), "value": 5}


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Mekong TVET Partnership")


@pytest.fixture
def user():
    return UserFactory(role=MANAGER)


@pytest.fixture
def manager_client(client, user):
    client.force_login(user)
    return client


def indicator_of(programme, user, rule, **target):
    return services.indicator_create(
        user=user, programme=programme, name=rule, unit="records", rule=rule, targets=[{**YEAR_2022, **target}]
    )


def period(indicator, today=TODAY):
    indicator = with_results(type(indicator).objects.filter(pk=indicator.pk)).get()
    return indicator_results(indicator, today).periods[0]


def bilateral(programme, month):
    return WorkshopFactory(
        programme=programme, kind=Workshop.Kind.BILATERAL, start_date=datetime.date(2022, month, 1), title=f"M{month}"
    )


def test_a_value_is_stored_and_read_back_until_a_record_changes(programme, user):
    bilateral(programme, 3)
    indicator = indicator_of(programme, user, "bilateral_workshops")

    first = period(indicator)
    assert (isinstance(first.computed, StoredCount), first.computed.value) == (False, 1)
    stored = ComputedValue.objects.get()
    assert (stored.rule, stored.start, stored.end, stored.today, stored.value, stored.kind) == (
        "bilateral_workshops",
        datetime.date(2022, 1, 1),
        datetime.date(2022, 12, 31),
        TODAY,
        1,
        "workshop",
    )
    again = period(indicator)
    assert (type(again.computed), again.computed.value, again.computed.ids) == (StoredCount, 1, first.computed.ids)

    second = bilateral(programme, 4)
    changed = period(indicator)
    assert (isinstance(changed.computed, StoredCount), changed.computed.value) == (False, 2)
    assert ComputedValue.objects.get().value == 2

    second.delete()
    assert period(indicator).computed.value == 1


def test_a_value_computed_on_another_day_or_for_another_period_or_rule_is_computed_again(programme, user):
    bilateral(programme, 3)
    indicator = indicator_of(programme, user, "bilateral_workshops")
    period(indicator)
    assert isinstance(period(indicator).computed, StoredCount)

    assert not isinstance(period(indicator, today=TODAY + datetime.timedelta(days=1)).computed, StoredCount)
    assert ComputedValue.objects.get().today == TODAY + datetime.timedelta(days=1)

    target = indicator.targets.get()
    target.end = datetime.date(2022, 2, 28)
    target.save()
    moved = period(indicator)
    assert (isinstance(moved.computed, StoredCount), moved.computed.value) == (False, 0)

    indicator.rule = "multilateral_workshops"
    indicator.save()
    fresh = period(indicator)
    assert (isinstance(fresh.computed, StoredCount), fresh.computed.value, ComputedValue.objects.get().rule) == (
        False,
        0,
        "multilateral_workshops",
    )


def test_a_merge_of_two_members_is_a_change_the_stored_value_sees(programme, user):
    keep, duplicate = OrganisationFactory(name="Kampot Polytechnic"), OrganisationFactory(name="Kampot Poly")
    WorkshopOrganisationFactory(workshop=bilateral(programme, 3), organisation=keep)
    WorkshopOrganisationFactory(workshop=bilateral(programme, 4), organisation=duplicate)
    indicator = indicator_of(programme, user, "member_organisations")
    assert period(indicator).computed.value == 2

    organisation_merge(keep=keep, duplicate=duplicate, user=UserFactory(role=ADMIN))

    assert period(indicator).computed.value == 1


def test_the_parts_are_stored_as_written_and_shown_in_the_readers_language(programme, user):
    indicator = indicator_of(programme, user, "people_trained")
    period(indicator)
    assert ComputedValue.objects.get().parts == [
        ["named trainees", 0],
        ["not named, from the reported attendance", 0],
    ]
    from django.utils import translation

    with translation.override("zh-hans"):
        labels = [str(label) for label, _value in period(indicator).computed.parts]
    with translation.override("zh-hans"):
        expected = [
            translation.gettext("named trainees"),
            translation.gettext("not named, from the reported attendance"),
        ]
    assert labels == expected
    assert labels[0] != "named trainees"


def test_records_changed_at_is_the_newest_history_row_of_the_counted_records(programme):
    workshop = bilateral(programme, 3)
    assert records_changed_at() == workshop.history.latest("history_date").history_date


def test_reading_stored_values_takes_one_query_for_the_changes_whatever_the_periods(programme, user):
    bilateral(programme, 3)
    indicator = indicator_of(programme, user, "bilateral_workshops")
    for year in (2023, 2024):
        services.target_add(
            indicator=indicator,
            user=user,
            label=str(year),
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            value=1,
        )
    indicator = with_results(type(indicator).objects.filter(pk=indicator.pk)).get()
    indicator_results(indicator, TODAY)
    with CaptureQueriesContext(connection) as queries:
        periods = indicator_results(indicator, TODAY).periods
    assert [(p.target.label, p.computed.value, isinstance(p.computed, StoredCount)) for p in periods] == [
        ("2022", 1, True),
        ("2023", 0, True),
        ("2024", 0, True),
    ]
    assert len(queries) == 1  # records_changed_at()


def test_refresh_results_computes_what_no_longer_holds(programme, user, monkeypatch):
    monkeypatch.setattr("results.figures.SETTLE", datetime.timedelta(0))  # see the next test
    bilateral(programme, 3)
    indicator_of(programme, user, "bilateral_workshops")
    indicator_of(programme, user, "multilateral_workshops")
    services.indicator_create(user=user, programme=programme, name="Entered", unit="x", targets=[YEAR_2022])

    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().startswith("2 period value(s) computed in ")
    assert sorted(ComputedValue.objects.values_list("rule", "value")) == [
        ("bilateral_workshops", 1),
        ("multilateral_workshops", 0),
    ]
    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().startswith("0 period value(s) computed in ")
    bilateral(programme, 5)
    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().startswith("2 period value(s) computed in ")


def test_a_page_whose_budget_is_spent_shows_the_last_count_marked_stale_until_the_next_refresh(
    programme, user, manager_client, monkeypatch
):
    from django.urls import reverse

    bilateral(programme, 3)
    indicator = indicator_of(programme, user, "bilateral_workshops")
    url = reverse("results:programme", args=[programme.pk])
    assert manager_client.get(url).status_code == 200  # counted and stored
    bilateral(programme, 4)
    monkeypatch.setattr("results.figures.COMPUTE_SECONDS", 0)

    response = manager_client.get(url)
    [result] = response.context["results"]
    shown = result.periods[0].computed
    assert (shown.value, shown.stale) == (1, True)
    assert "the records have changed since" in response.content.decode()
    api = manager_client.get(f"/api/indicators/{indicator.pk}/").json()["periods"][0]
    assert (api["computed_value"], api["computed_is_stale"]) == (1, True)

    call_command("refresh_results", stdout=io.StringIO())
    response = manager_client.get(url)
    shown = response.context["results"][0].periods[0].computed
    assert (shown.value, shown.stale) == (2, False)
    assert "the records have changed since" not in response.content.decode()


def test_a_period_never_counted_is_counted_whatever_the_budget(programme, user, manager_client, monkeypatch):
    from django.urls import reverse

    bilateral(programme, 3)
    indicator_of(programme, user, "bilateral_workshops")
    monkeypatch.setattr("results.figures.COMPUTE_SECONDS", 0)

    response = manager_client.get(reverse("results:programme", args=[programme.pk]))
    shown = response.context["results"][0].periods[0].computed
    assert (shown.value, getattr(shown, "stale", False)) == (1, False)


def test_refresh_results_counts_again_what_was_counted_soon_after_the_newest_change(programme, user):
    # A writer's change is dated when saved and seen when committed: a value counted in between is dated after it.
    import datetime as dt

    bilateral(programme, 3)
    indicator_of(programme, user, "bilateral_workshops")
    call_command("refresh_results", stdout=io.StringIO())
    stored = ComputedValue.objects.get()
    changed_at = records_changed_at()
    assert stored.computed_at - changed_at < dt.timedelta(minutes=10)

    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().startswith("1 period value(s) computed in ")  # within SETTLE of the change: again

    ComputedValue.objects.update(computed_at=changed_at + dt.timedelta(minutes=11))
    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().startswith("0 period value(s) computed in ")  # long after it: it holds
