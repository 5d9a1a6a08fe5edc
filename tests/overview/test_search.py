import datetime

import pytest
from django.db import connection
from django.db.models import CharField, Func

from accounts.roles import COORDINATOR
from overview.search import _Many, search
from tests.factories import PersonFactory, StatementFactory, UserFactory, WorkshopFactory
from workshops.models import Workshop


def found(results):
    """{kind: [labels]} of a search's results, for exact comparisons."""
    labels = {
        "workshops": lambda w: w.start_date.isoformat(),
        "people": lambda p: p.full_name,
        "organisations": lambda o: o.label,
        "agreements": lambda a: a.title,
    }
    return {kind: (count, [labels[kind](r) for r in records]) for kind, (count, records) in results.items()}


def test_an_alias_finds_the_organisation_and_the_workshop_that_misspelt_it(reference_workshop, coordinator):
    assert found(search("SCCFPI", coordinator)) == {
        "workshops": (1, ["2022-01-14"]),
        "people": (0, []),
        "organisations": (1, ["PCCFPI"]),
        "agreements": (1, ["Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."]),
    }


def test_a_name_in_chinese_finds_organisations(reference_workshop, coordinator):
    # Ranked: both names start with 无锡, the shorter name is the closer.
    assert found(search("无锡", coordinator))["organisations"] == (2, ["WIT", "Wuxi HRSS Bureau"])


def test_a_person_is_found_by_any_name_form(reference_workshop, coordinator):
    PersonFactory(given_name="Zhenyun", family_name="Wang", name_local="王振云")
    assert found(search("Li Zhenyun", coordinator))["people"] == (1, ["Zhenyun Li"])
    assert found(search("王振云", coordinator))["people"] == (1, ["Zhenyun Wang"])
    assert found(search("zhenyun", coordinator))["people"] == (2, ["Zhenyun Li", "Zhenyun Wang"])


def test_words_from_the_minutes_and_statements_find_the_workshop(reference_workshop, coordinator):
    assert found(search("sister cities", coordinator))["workshops"] == (1, ["2022-01-14"])
    assert found(search("framework", coordinator)) == {
        "workshops": (1, ["2022-01-14"]),
        "people": (0, []),
        "organisations": (0, []),
        "agreements": (1, ["Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."]),
    }


def test_a_statement_alone_finds_its_workshop(coordinator, db):
    workshop = WorkshopFactory(title="Annual forum", summary="")
    StatementFactory(workshop=workshop, text="Apprenticeships in shipbuilding need new trainers.")
    WorkshopFactory(title="Other forum")
    assert found(search("shipbuilding", coordinator))["workshops"] == (1, [workshop.start_date.isoformat()])


def test_nothing_matches_nonsense_and_an_empty_query_searches_nothing(reference_workshop, coordinator):
    assert found(search("zzzqqq", coordinator)) == {
        "workshops": (0, []),
        "people": (0, []),
        "organisations": (0, []),
        "agreements": (0, []),
    }
    assert search("   ", coordinator) == {}


def test_a_user_without_a_role_sees_no_kinds(reference_workshop):
    assert search("WIT", UserFactory(username="nobody")) == {}


def test_the_search_page_groups_results_by_kind(reference_workshop, coordinator_client):
    response = coordinator_client.get("/search/", {"q": "SSEZ"})
    assert response.status_code == 200
    assert response.context["total"] == 3
    assert [(kind, count) for kind, (count, _r) in response.context["results"].items()] == [
        ("workshops", 1),
        ("people", 0),
        ("organisations", 1),
        ("agreements", 1),
    ]
    assert b'id="results-organisations"' in response.content
    assert 'id="nav-search"' in response.content.decode()


def test_the_search_page_needs_a_signed_in_user(client):
    assert client.get("/search/", {"q": "WIT"}).status_code == 302


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the full-text index exists on PostgreSQL only")
def test_the_full_text_index_exists_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s ORDER BY 1", ["%search_idx"])
        assert [row[0] for row in cursor.fetchall()] == ["statement_search_idx", "workshop_search_idx"]


def test_each_word_may_match_a_name_or_an_alias(coordinator, db):
    person = PersonFactory(given_name="Sokha", family_name="Chan")
    person.aliases.create(name="Sophie")
    PersonFactory(given_name="Sophie", family_name="Martin")
    assert found(search("sophie chan", coordinator))["people"] == (1, ["Sokha Chan"])
    assert found(search("sophie", coordinator))["people"] == (2, ["Sokha Chan", "Sophie Martin"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only")
def test_the_trigram_indexes_exist_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s ORDER BY 1", ["%trgm_idx"])
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "agreement_title_trgm_idx",
            "organisation_name_local_trgm_idx",
            "organisation_name_trgm_idx",
            "organisation_short_name_trgm_idx",
            "organisationalias_name_trgm_idx",
            "person_family_name_trgm_idx",
            "person_given_name_trgm_idx",
            "person_name_local_trgm_idx",
            "personalias_name_trgm_idx",
            "workshop_other_title_trgm_idx",
            "workshop_title_trgm_idx",
        ]


KINDS = {
    # kind: (list page, type-ahead or None)
    "organisations": ("institutes:list", "institutes:match"),
    "people": ("participants:list", "participants:match"),
    "agreements": ("agreements:list", None),
}


@pytest.mark.parametrize(
    "kind, words",
    [
        ("organisations", "wuxi"),
        ("organisations", "wuxi tech"),
        ("organisations", "SCCFPI"),
        ("organisations", "无锡 bureau"),
        ("organisations", "sihanouk"),
        ("people", "chen"),
        ("people", "li zhenyun"),
        ("people", "jian CHEN"),
        ("agreements", "framework wit"),
    ],
)
def test_the_list_page_the_site_search_and_the_type_ahead_find_the_same_records(
    reference_workshop, coordinator, coordinator_client, kind, words
):
    from django.urls import reverse

    list_page, type_ahead = KINDS[kind]
    listed = sorted(r.pk for r in coordinator_client.get(reverse(list_page), {"q": words}).context["page"])
    _count, records = search(words, coordinator)[kind]
    assert sorted(r.pk for r in records) == listed
    if type_ahead:
        offered = coordinator_client.get(reverse(type_ahead), {"q": words}).json()["results"]
        assert sorted(r["id"] for r in offered) == listed
    assert listed  # each query finds something


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_a_word_wrongly_thought_common_is_counted_exactly_from_the_collected_matches(coordinator, monkeypatch):
    # Every estimate above -1: the newest-first reading is tried, finds 3 (fewer than LIMIT), and the matches are
    # collected instead, with their exact count.
    monkeypatch.setattr("workshops.search.COMMON", -1)
    for year in (2019, 2021, 2023):
        WorkshopFactory(title=f"Kampot welding exchange {year}", start_date=datetime.date(year, 5, 1))
    WorkshopFactory(title="Hanoi study visit")

    assert found(search("Kampot", coordinator))["workshops"] == (3, ["2023-05-01", "2021-05-01", "2019-05-01"])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_a_word_the_planner_only_guesses_at_is_not_read_newest_first(coordinator, monkeypatch):
    # Estimates above COMMON (2) both for the word typed and for a word that is nowhere: the planner's guess, which
    # counts for nothing; estimated above the guess, the word is known, and common: read newest first, LIMIT (2)
    # found, not counted ("1000+").
    monkeypatch.setattr("workshops.search.COMMON", 2)
    monkeypatch.setattr("workshops.search._guessed", {})
    monkeypatch.setattr("overview.search.LIMIT", 2)
    monkeypatch.setattr(
        "workshops.search.estimated_rows",
        lambda queryset: 50 if "kampot" in str(queryset.query).lower() else 5,
    )
    read_newest_first = []
    first = _Many.first
    monkeypatch.setattr(
        _Many,
        "first",
        lambda self, limit: read_newest_first.append(self.queryset.model.__name__) or first(self, limit),
    )
    WorkshopFactory(title="Hanoi welding exchange 2019", start_date=datetime.date(2019, 5, 1))
    for year in (2021, 2022, 2023):
        WorkshopFactory(title=f"Kampot welding exchange {year}", start_date=datetime.date(year, 5, 1))

    assert found(search("Hanoi", coordinator))["workshops"] == (1, ["2019-05-01"])
    assert "Workshop" not in read_newest_first  # estimated as a word that is nowhere: collected at once

    assert found(search("Kampot", coordinator))["workshops"] == (1001, ["2023-05-01", "2022-05-01"])
    assert read_newest_first.count("Workshop") == 1  # known and above COMMON: read newest first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_a_newest_first_reading_that_takes_too_long_is_cancelled_and_the_matches_collected(coordinator, monkeypatch):
    monkeypatch.setattr("workshops.search.COMMON", -1)
    monkeypatch.setattr("overview.search.NEWEST_FIRST_MS", 1)
    WorkshopFactory(title="Kampot welding exchange", start_date=datetime.date(2024, 5, 1))
    # The reading sleeps past its 1 ms: the statement is cancelled, the transaction stays usable.
    slow = Workshop.objects.annotate(nap=Func(function="pg_sleep", template="pg_sleep(0.05)", output_field=CharField()))
    monkeypatch.setattr("workshops.search.newest_first", lambda query, words, queryset: slow.filter(nap__isnull=False))

    assert _Many(slow.filter(nap__isnull=False), Workshop.objects.none()).first(20) is None  # cancelled
    assert found(search("Kampot", coordinator))["workshops"] == (1, ["2024-05-01"])
    assert Workshop.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_agreements_of_a_common_word_are_read_last_updated_first_and_not_counted(coordinator, monkeypatch):
    from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory

    monkeypatch.setattr("overview.search.COMMON", -1)
    for n in range(21):
        AgreementFactory(title=f"Cooperation agreement {n:02}")
    AgreementPartyFactory(
        agreement=AgreementFactory(title="Twinning"), organisation=OrganisationFactory(name="Cooperation Centre")
    )
    AgreementFactory(title="Memorandum")

    count, titles = found(search("cooperation", coordinator))["agreements"]
    assert (count, titles) == (1001, ["Twinning", *[f"Cooperation agreement {n:02}" for n in range(20, 1, -1)]])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the newest-first reading is PostgreSQL's")
def test_agreements_of_a_word_wrongly_thought_common_are_counted_exactly(coordinator, monkeypatch):
    from tests.factories import AgreementFactory

    monkeypatch.setattr("overview.search.COMMON", -1)
    AgreementFactory(title="Kampot welding agreement")
    AgreementFactory(title="Hanoi memorandum")

    assert found(search("Kampot", coordinator))["agreements"] == (1, ["Kampot welding agreement"])


def test_a_user_in_a_role_group_without_a_grant_searches_and_sees_no_programme_record(reference_workshop, db, client):
    # Put in the coordinators' group by hand (the admin's groups field), with no grant: they may see no programme.
    # On PostgreSQL the agreement search asks the planner for an estimate of a query that holds no row.
    from django.contrib.auth.models import Group

    user = UserFactory(username="grantless")
    user.groups.add(Group.objects.get(name=COORDINATOR))
    client.force_login(user)
    response = client.get("/search/", {"q": "Wuxi"})
    assert response.status_code == 200
    results = response.context["results"]
    assert (results["workshops"][0], results["agreements"][0]) == (0, 0)
    assert [o.label for o in results["organisations"][1]] == ["Wuxi HRSS Bureau", "WIT"]  # shared reference data


@pytest.mark.django_db
def test_when_the_finder_ranked_a_page_of_people_they_are_read_by_key_and_equal_the_ordered_answer():
    """More people holding the word than the page shows: the page is the finder's first LIMIT, read by primary key
    (common.search.first_ranked), and equals the first LIMIT of the whole ordered answer; the count is every one."""
    from common.search import first_ranked
    from overview.search import LIMIT, search_people

    for index in range(LIMIT + 7):
        PersonFactory(given_name="Yutong", family_name=f"Liu{chr(ord('a') + index % 26)}{index:02}")
    PersonFactory(given_name="Yutong", family_name="Zhang", name_local="张雨桐")
    PersonFactory(given_name="Dara", family_name="Sok")
    answer = search_people("Yutong")
    by_key = first_ranked(answer, LIMIT)
    assert by_key is not None
    assert [p.pk for p in by_key] == [p.pk for p in answer[:LIMIT]]
    assert first_ranked(search_people("Dara"), LIMIT) is None  # one found: read as before
    user = UserFactory(username="searcher", role=COORDINATOR)
    count, records = search("Yutong", user)["people"]
    assert (count, [p.pk for p in records]) == (LIMIT + 8, [p.pk for p in by_key])


@pytest.mark.django_db
def test_when_the_finder_ranked_fewer_than_a_page_the_keys_in_order_give_the_page_and_the_count(
    django_assert_num_queries,
):
    """Fewer people ranked than a page: one reading of the answer's keys in order (no more than COUNT_CAP + 1) gives
    the count, and the page is read by key in that order (overview.search._first_and_count), where a page and a count
    each read what holds the word. Equal to the first LIMIT of the whole ordered answer."""
    from overview.search import _first_and_count, search_people

    for given, family in [("Sokha", "Chan"), ("Dara", "Sok"), ("Sophal", "Sokun"), ("Vanna", "Keo")]:
        PersonFactory(given_name=given, family_name=family)
    answer = search_people("sok")
    expected = [p.full_name for p in answer]
    assert expected == ["Dara Sok", "Sokha Chan", "Sophal Sokun"]
    with django_assert_num_queries(2):
        count, records = _first_and_count(answer)
    assert (count, [p.full_name for p in records]) == (3, expected)
    nobody = search_people("Nobody")
    with django_assert_num_queries(1):
        assert _first_and_count(nobody) == (0, [])
