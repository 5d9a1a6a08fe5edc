"""Long lists stop counting at COUNT_LIMIT rows past the requested page, and still page on."""

import pytest
from django.urls import reverse

from tests.factories import WorkshopFactory

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
