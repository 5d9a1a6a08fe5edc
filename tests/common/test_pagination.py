"""Long lists stop counting at COUNT_LIMIT rows past the requested page, and still page on."""

import datetime

import pytest
from django.urls import reverse

from common.pagination import capped_counts
from tests.factories import ActionItemFactory, WorkshopFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty_workshops(monkeypatch):
    """60 workshops (3 pages of 25) with a count limit of 50."""
    monkeypatch.setattr("common.pagination.COUNT_LIMIT", 50)
    WorkshopFactory.create_batch(60)


def test_a_short_list_is_counted_exactly(coordinator_client):
    WorkshopFactory.create_batch(3)
    response = coordinator_client.get(reverse("workshops:list"))
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, False, 1)
    assert "3 workshops" in response.content.decode()


def test_a_long_list_says_more_than_and_hides_the_last_page(coordinator_client, sixty_workshops):
    response = coordinator_client.get(reverse("workshops:list"))
    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.capped, paginator.count_limit) == (51, True, 50)
    html = response.content.decode()
    assert "More than 50 workshops" in html
    assert "Page 1 of more than 2" in html
    assert ">Next</a>" in html
    assert ">Last</a>" not in html


def test_a_page_past_the_count_limit_counts_further(coordinator_client, sixty_workshops):
    response = coordinator_client.get(reverse("workshops:list"), {"page": 2})
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.capped, page.paginator.count_limit) == (60, False, 100)
    assert (page.number, page.has_next(), len(page.object_list)) == (2, True, 25)
    html = response.content.decode()
    assert "60 workshops" in html
    assert "Page 2 of 3" in html
    assert ">Last</a>" in html


def test_a_page_number_past_the_end_gives_the_last_page(coordinator_client, sixty_workshops):
    page = coordinator_client.get(reverse("workshops:list"), {"page": 99}).context["page"]
    assert (page.number, len(page.object_list)) == (3, 10)


def test_the_home_page_says_more_than_for_many_workshops(coordinator_client, monkeypatch):
    WorkshopFactory.create_batch(4)
    monkeypatch.setattr("overview.views.COUNT_LIMIT", 3)
    assert "More than 3 workshops" in coordinator_client.get(reverse("home")).content.decode()
    monkeypatch.setattr("overview.views.COUNT_LIMIT", 4)
    assert "All 4 workshops" in coordinator_client.get(reverse("home")).content.decode()


def test_capped_counts_count_several_querysets_in_one_statement(django_assert_num_queries):
    WorkshopFactory.create_batch(4, status="")
    WorkshopFactory.create_batch(2, status="cancelled")

    with django_assert_num_queries(1):
        counts = capped_counts(
            [
                Workshop.objects.all(),
                Workshop.objects.filter(status="cancelled"),
                Workshop.objects.filter(status="postponed"),
            ],
            3,
        )

    assert counts == [4, 2, 0]  # 6 workshops counted no further than 3 + 1


def test_the_home_page_caps_its_action_counts(coordinator_client, monkeypatch):
    monkeypatch.setattr("overview.views.COUNT_LIMIT", 2)
    ActionItemFactory.create_batch(3, due_date=datetime.date(2020, 1, 1))

    response = coordinator_client.get(reverse("home"))

    assert (response.context["open_actions"], response.context["overdue_count"]) == (3, 3)
    assert '?still_open=true">2+</a>' in response.content.decode()


def test_a_queryset_known_to_hold_more_than_the_limit_is_not_counted(django_assert_num_queries):
    from common.pagination import capped_count

    WorkshopFactory.create_batch(3)
    everyone = Workshop.objects.all()
    known = everyone.holding_more_than(2, counted_by=everyone)
    with django_assert_num_queries(0):
        assert capped_count(known.order_by("title"), 2) == 3  # kept by ordering: more than 2, not counted
    with django_assert_num_queries(1):
        assert capped_count(known, 5) == 3  # past what it knows: its rows counted the way it names
    assert capped_count(known.filter(title="none such"), 2) == 0  # a further filter forgets it
    assert known.filter(title="none such").known_to_hold() is None
    assert (known | everyone).known_to_hold() is None
