"""A search's work is bounded by design: the text is cut to MAX_SEARCH_WORDS words and MAX_SEARCH_LENGTH
characters (and the page says so), words are paired in linear time, and candidates come from the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import common.search
from common.search import MAX_SEARCH_WORDS, cut_query, pair_up, rank_name
from institutes.search import match_organisations, search_organisations
from participants.models import Person
from participants.search import match_people
from tests.factories import OrganisationFactory

THIRTY_WORDS = " ".join(f"word{n}" for n in range(30))


def test_a_long_query_keeps_its_first_twelve_words_and_says_it_was_cut():
    assert MAX_SEARCH_WORDS == 12
    assert cut_query(THIRTY_WORDS) == (" ".join(f"word{n}" for n in range(12)), True)
    assert cut_query("  Wuxi   Institute ") == ("Wuxi Institute", False)
    assert cut_query("a b\x00c") == ("a bc", False)  # a NUL is dropped, not a cut


def test_punctuation_inside_a_word_counts_each_piece_as_a_word():
    letters = "-".join("abcdefghijklmnopqrstuvwxyz")
    assert cut_query(letters) == ("a-b-c-d-e-f-g-h-i-j-k-l", True)
    assert cut_query("Cambodia-China Friendship") == ("Cambodia-China Friendship", False)
    assert cut_query("x" * 250) == ("x" * 200, True)


def test_pairing_words_reads_each_score_once(monkeypatch):
    calls = []
    real = common.search.word_similarity
    monkeypatch.setattr(common.search, "word_similarity", lambda a, b: calls.append(1) or real(a, b))
    typed = [f"word{n}" for n in range(12)]
    known = [f"word{n}" for n in range(40)]
    assert pair_up(typed, known) == 100
    assert len(calls) == 12 * 40
    calls.clear()
    # A typed word near none of the known words ends it: the other words are not scored.
    assert pair_up(["zzzz", *typed], known, at_least=85) == 0
    assert len(calls) == 40


def test_near_words_pair_one_to_one():
    assert pair_up(["zhenyn", "li"], ["zhenyun", "li"]) == 92
    assert pair_up(["li", "li"], ["li", "zhenyun"]) == 0
    assert rank_name("Yutong Lui", "Yutong Liu") == (1, 95)


@pytest.mark.django_db
def test_a_thirteen_word_organisation_name_is_found_by_its_first_twelve_words():
    name = "National Skills Development Authority of the Kingdom of Cambodia Phnom Penh Capital Office"
    organisation = OrganisationFactory(name=name)
    OrganisationFactory(name="Wuxi Institute of Technician")
    assert [m.record for m in search_organisations(name)] == [organisation]
    assert [(m.record, m.score) for m in match_organisations(name)] == [(organisation, 95)]  # 12 of 13 words


@pytest.mark.django_db
def test_matching_an_organisation_reads_the_same_queries_for_5_and_60_organisations():
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert [m.record.name for m in match_organisations("Wuxi Institute of Technicians")] == [
                "Wuxi Institute of Technician"
            ]
        return len(captured)

    OrganisationFactory(name="Wuxi Institute of Technician")
    for n in range(4):
        OrganisationFactory(name=f"Provincial Training Centre {n}")
    few = queries()
    for n in range(55):
        OrganisationFactory(name=f"Municipal Skills Bureau {n}")
    assert queries() == few


@pytest.mark.django_db
def test_people_created_in_bulk_are_matched_by_their_keys():
    Person.objects.bulk_create([Person(given_name="Dara", family_name="Sok"), Person(name_local="李振云")])
    assert list(Person.objects.order_by("pk").values_list("match_key", "local_key")) == [
        ("dara sok", ""),
        ("", "li zhenyun"),
    ]
    assert [(m.record.full_name, m.score) for m in match_people("Mr. Sok Dara")] == [("Dara Sok", 100)]
    assert [(m.record.name_local, m.score) for m in match_people("Zhenyun Li")] == [("李振云", 100)]


@pytest.mark.django_db
def test_the_site_search_and_the_boxes_say_a_long_query_was_cut(coordinator_client):
    page = coordinator_client.get(reverse("search"), {"q": THIRTY_WORDS})
    assert page.context["query"] == " ".join(f"word{n}" for n in range(12))
    assert "Only the first 12 words (200 characters at most) of what you typed were searched." in page.text
    answer = coordinator_client.get(reverse("institutes:match"), {"q": THIRTY_WORDS}).json()
    assert (answer["cut"], answer["searched"]) == (True, " ".join(f"word{n}" for n in range(12)))
    answer = coordinator_client.get(reverse("participants:match"), {"q": "Yutong Liu"}).json()
    assert (answer["cut"], answer["searched"]) == (False, "Yutong Liu")


@pytest.mark.django_db
def test_a_unit_of_an_organisation_finds_it_by_its_short_name_among_the_words():
    mohrss = OrganisationFactory(name="Ministry of Human Resources and Social Security of China", short_name="MOHRSS")
    OrganisationFactory(name="Wuxi Human Resources and Social Security Bureau", short_name="Wuxi HRSS Bureau")
    found = search_organisations("Department of International Exchange and Cooperation MOHRSS")
    assert [(m.record, m.score, m.matched_on, m.kind) for m in found] == [(mohrss, 58, "MOHRSS", "word")]


@pytest.mark.django_db
def test_a_country_named_among_the_words_finds_its_organisations():
    mlvt = OrganisationFactory(name="Ministry of Labour and Vocational Training", short_name="MLVT", country="LA")
    OrganisationFactory(name="Ministry of Labour and Vocational Training", short_name="MLVT-KH", country="KH")
    OrganisationFactory(name="Lao-German Technical College", short_name="LGTC", country="LA")
    found = search_organisations("Lao Ministry")
    assert [(m.record, m.score, m.kind) for m in found] == [(mlvt, 62, "word")]
