"""One finder for workshops (workshops/search.py): the list, the API's filter and the site search find the same
workshops for the same words, by their names and by their text and statements."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_the_list_the_api_and_the_site_search_find_a_workshop_by_what_was_said_in_it(
    coordinator, coordinator_client, reference_workshop
):
    other = WorkshopFactory(title="Skills fair in Vientiane")
    said = reference_workshop.statements.order_by("pk").first()
    said.text = "We will twin the dormitories of both campuses."
    said.save()
    api = APIClient()
    api.force_authenticate(coordinator)
    for query, expected in [("dormitories", [reference_workshop.pk]), ("Vientiane fair", [other.pk])]:
        listed = coordinator_client.get(reverse("workshops:list"), {"q": query})
        assert [w.pk for w in listed.context["page"].object_list] == expected
        assert [w["id"] for w in api.get("/api/workshops/", {"q": query}).json()["results"]] == expected
        found = coordinator_client.get(reverse("search"), {"q": query}).context["results"]["workshops"]
        assert [w.pk for w in found[1]] == expected


def test_a_chinese_word_of_one_or_two_characters_finds_the_workshop_by_either_title():
    from workshops.search import workshops_matching

    named = WorkshopFactory(title="Study visit", other_title="无锡技师学院研修班")
    titled = WorkshopFactory(title="李振云 lecture")
    WorkshopFactory(title="Wuxi study visit")
    assert [w.pk for w in workshops_matching("无锡")] == [named.pk]
    assert [w.pk for w in workshops_matching("学院")] == [named.pk]
    assert [w.pk for w in workshops_matching("李")] == [titled.pk]
    assert [w.pk for w in workshops_matching("锡技术")] == []
    assert [w.pk for w in workshops_matching("无锡 visit")] == [named.pk]


def test_the_index_of_chinese_characters_and_pairs_exists_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the index of characters is PostgreSQL's; SQLite reads the titles")
    with connection.cursor() as cursor:
        cursor.execute("SELECT cjk_grams('无锡 Wuxi 学院')")
        assert sorted(cursor.fetchone()[0]) == sorted(["无", "锡", "无锡", "学", "院", "学院"])
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = 'workshop_title_cjk_grams_idx'")
        assert cursor.fetchall() == [("workshop_title_cjk_grams_idx",)]


def test_the_words_are_looked_for_among_the_workshops_the_other_filters_leave(coordinator, coordinator_client):
    # The search is applied after the host and status filters, its parts (text, statements, names) asking only for
    # their workshops: each way of finding still finds, and nothing outside the filters comes back.
    from tests.factories import OrganisationFactory, StatementFactory, WorkshopOrganisationFactory

    kampot, hanoi = OrganisationFactory(name="Kampot Polytechnic"), OrganisationFactory(name="Hanoi College")
    said = WorkshopFactory(title="Welding exchange", status="held")
    named = WorkshopFactory(title="Cooperation day", status="held")
    planned = WorkshopFactory(title="Cooperation forum", status="planned")
    silent = WorkshopFactory(title="Welding fair", status="held")
    elsewhere = WorkshopFactory(title="Cooperation week", status="held")
    StatementFactory(workshop=said, text="Both colleges agreed on closer cooperation.")
    for workshop in (said, named, planned, silent):
        WorkshopOrganisationFactory(workshop=workshop, organisation=kampot, role="host")
    WorkshopOrganisationFactory(workshop=elsewhere, organisation=hanoi, role="host")
    api = APIClient()
    api.force_authenticate(coordinator)

    query = {"q": "cooperation", "host": kampot.pk, "status": "held", "ordering": "title"}
    listed = coordinator_client.get(reverse("workshops:list"), query).context["page"].object_list
    assert [w.title for w in listed] == ["Cooperation day", "Welding exchange"]
    assert [w["title"] for w in api.get("/api/workshops/", query).json()["results"]] == [
        "Cooperation day",
        "Welding exchange",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_a_word_more_than_count_limit_workshops_hold_is_listed_newest_first_and_not_counted(
    coordinator, coordinator_client, monkeypatch
):
    # 60 workshops say "Kampot", expected to be many (every estimate above COMMON, -1) and more than the COUNT_LIMIT
    # of 50 (counted from the text index when a count is asked): the list and the API read them newest first and
    # say "more than 50" without counting them; past the known 50 (page 3) they are counted from the matches
    # collected; a list sorted by title is collected, sorted and counted.
    monkeypatch.setattr("common.pagination.COUNT_LIMIT", 50)
    monkeypatch.setattr("workshops.search.COUNT_LIMIT", 50)
    monkeypatch.setattr("workshops.search.COMMON", -1)
    first_day = datetime.date(2020, 1, 1)
    for n in range(60):
        WorkshopFactory(summary="Welding exchange in Kampot", start_date=first_day + datetime.timedelta(days=n))
    WorkshopFactory(title="Hanoi skills fair", start_date=datetime.date(2024, 1, 1))
    days = [first_day + datetime.timedelta(days=n) for n in range(59, -1, -1)]  # newest first
    api = APIClient()
    api.force_authenticate(coordinator)

    page = coordinator_client.get(reverse("workshops:list"), {"q": "Kampot"}).context["page"]
    assert [w.start_date for w in page] == days[:25]
    assert (page.paginator.count, page.paginator.capped) == (51, True)
    assert page.paginator.object_list.known_to_hold()[0]() == 50  # read newest first, not counted
    answer = api.get("/api/workshops/", {"q": "Kampot"}).json()
    assert [w["start_date"] for w in answer["results"]] == [day.isoformat() for day in days[:25]]
    assert (answer["count"], answer["count_capped"]) == (50, True)

    page = coordinator_client.get(reverse("workshops:list"), {"q": "Kampot", "page": 3}).context["page"]
    assert [w.start_date for w in page] == days[50:]
    assert (page.paginator.count, page.paginator.capped) == (60, False)

    page = coordinator_client.get(reverse("workshops:list"), {"q": "Kampot", "ordering": "title"}).context["page"]
    assert page.paginator.object_list.known_to_hold() is None  # collected, sorted and counted (up to 51)
    assert (page.paginator.count, page.paginator.capped, len(page)) == (51, True, 25)
