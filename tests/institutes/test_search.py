"""The one organisation search (institutes/search.py), on the reference workshop's organisations: exact ranked
results, the same on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from institutes.search import search_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

GUANGXI = "Guangxi Technician College of Machinery and Electricity"
HAINAN = "Hainan Vocational University of Science and Technology"


@pytest.fixture
def more(reference_workshop):
    OrganisationFactory(name=GUANGXI, short_name="", country="CN")
    OrganisationFactory(name=HAINAN, short_name="", country="CN")


def found(text, **kwargs):
    return [(m.record.label, m.kind, m.score, m.matched_on) for m in search_organisations(text, **kwargs)]


def test_a_place_name_inside_the_names_finds_both_organisations_the_start_of_a_name_first(more):
    assert found("Sihanouk") == [
        ("SSEZ", "prefix", 66, "Sihanoukville Special Economic Zone Co., Ltd."),
        ("PCCFPI", "word", 90, "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute"),
    ]


def test_the_start_of_a_long_name_finds_it(more):
    assert found("Guangxi Technician College") == [(GUANGXI, "prefix", 80, GUANGXI)]
    assert found("Hainan") == [(HAINAN, "prefix", 63, HAINAN)]


def test_a_city_finds_its_organisations_closest_name_first(more):
    assert found("Wuxi") == [
        ("Wuxi HRSS Bureau", "prefix", 90, "Wuxi HRSS Bureau"),
        ("WIT", "prefix", 81, "Wuxi Institute of Technician"),
    ]


def test_a_typo_in_a_long_name_is_a_near_miss(more):
    assert found("Guangxi Technican Colege") == [(GUANGXI, "near", 92, GUANGXI)]


def test_acronyms_exact_and_by_initials(more):
    assert found("WIT") == [("WIT", "exact", 100, "WIT")]
    assert found("PSCCFPI") == [
        ("PCCFPI", "word", 85, "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute")
    ]


def test_a_misspelt_acronym_recorded_as_an_alias_is_exact_and_one_wrong_letter_is_near(more):
    assert found("SCCFPI") == [("PCCFPI", "exact", 100, "SCCFPI")]
    assert found("SSEX") == [("SSEZ", "near", 90, "SSEZ")]


def test_short_acronyms_stay_apart(more):
    assert found("WHO") == []
    assert found("WIF") == []


def test_legal_forms_make_no_difference(more):
    assert found("SSEZ Co Ltd") == [("SSEZ", "exact", 100, "SSEZ Co., Ltd.")]


def test_a_name_in_own_script_and_words_from_two_names(more):
    assert found("无锡技师学院") == [("WIT", "exact", 100, "无锡技师学院")]
    assert found("无锡 bureau") == [("Wuxi HRSS Bureau", "word", 60, "Wuxi Human Resources and Social Security Bureau")]


def test_a_missing_hyphen_or_space(more):
    assert found("CambodiaChina Friendship") == [
        ("PCCFPI", "word", 70, "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute")
    ]


def test_the_list_and_the_type_ahead_agree(more, coordinator_client):
    listed = coordinator_client.get(reverse("institutes:list"), {"q": "Sihanouk"}).context["page"]
    assert [o.label for o in listed] == ["SSEZ", "PCCFPI"]
    offered = coordinator_client.get(reverse("institutes:match"), {"q": "Guangxi Technican"}).json()["results"]
    assert [(r["name"], r["kind"]) for r in offered] == [(GUANGXI, "near")]


# The texts a report asks about: names whole and cut, acronyms, typos and swaps, words naming a country, a letter,
# words with LIKE's own characters, Chinese, words longer than the stand-in (built by Django then).
READER_TEXTS = [
    "Wuxi Institute of Technician",
    "Wuxi Institute of Technician of China",
    "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
    "PCCFPI",
    "SCCFPI",
    "WIT",
    "ILO",
    "ILO-China Partnership Project",
    "Sihanoukville Special Economic Zone Co., Ltd.",
    "Wuxi HRSS Bureau",
    "Wuxi Human Resources and Social Security Bureau",
    "Guangxi Technician Collge",
    "Hainan Vocatoinal University",
    "Lao Ministry",
    "Zhenyun Li",
    "Jianbin Chen",
    "X",
    "50% Institute_of",
    "无锡技师学院",
    "无锡",
    "锡",
    "无锡技院",
    "柬埔寨国立理工学院",
    "国立理工学院",
    "无锡技师学院 Wuxi",
    "Internationalisationprogrammeoffice Institute",
    "The Department",
    "MOHRSS Department of International Exchange and Cooperation",
]


@pytest.mark.parametrize("limit", [5, 8])
def test_the_reader_s_candidates_built_from_each_word_s_compiled_sql_are_those_django_builds(more, limit):
    from institutes.models import Organisation
    from institutes.search import _candidate_sets_of, _WordSQL

    queryset = Organisation.objects.all()
    built = _candidate_sets_of(READER_TEXTS, queryset, limit, None)
    compiled = _candidate_sets_of(READER_TEXTS, queryset, limit, _WordSQL())
    assert {text: [o.pk for o in found] for text, found in compiled.items()} == {
        text: [o.pk for o in found] for text, found in built.items()
    }
    assert sum(len(found) for found in built.values()) > len(READER_TEXTS)


def test_a_word_read_as_a_possible_acronym_makes_candidates_of_the_names_holding_its_letters_in_order(db):
    from django.db import connection

    from institutes.models import Organisation
    from institutes.search import _candidates

    for name in ["Wuxi Institute of Technician", "Wuhan Polytechnic", "Chongqing Technical College", "Yutong Bus Co"]:
        OrganisationFactory(name=name, short_name="")
    assert sorted(Organisation.objects.filter(name__letters_in_order="wit").values_list("name", flat=True)) == [
        "Wuxi Institute of Technician"
    ]
    assert list(Organisation.objects.filter(name__letters_in_order="w_t%").values_list("name", flat=True)) == []
    # "Yutong": its near misses and possible initials. "…ong" inside "Chongqing" is no near miss of it; on SQLite
    # (no trigram similarity) a name holding its first or last three letters is.
    candidates = [o.name for o in _candidates("Yutong", Organisation.objects.order_by("name", "id"), 8)]
    if connection.vendor == "postgresql":
        assert candidates == ["Yutong Bus Co"]
    else:
        assert sorted(candidates) == ["Chongqing Technical College", "Yutong Bus Co"]


def test_one_word_is_read_from_the_names_indexes_and_finds_what_several_words_find(more):
    # One word: a UNION of one index read per name (and the country it names); several: a condition per word on
    # each organisation. Both find the same organisations.
    from institutes.models import Organisation

    one = Organisation.objects.search(["Sihanouk"])
    assert "UNION" in str(one.query)
    assert "UNION" not in str(Organisation.objects.search(["Sihanouk", "Polytechnic"]).query)
    assert sorted(o.label for o in one) == ["PCCFPI", "SSEZ"]
    assert sorted(o.label for o in Organisation.objects.search(["Cambodia"])) == ["PCCFPI", "SSEZ"]
    assert sorted(o.label for o in Organisation.objects.search(["Lao"])) == []


def test_two_chinese_characters_find_organisations_by_any_name_through_the_index_of_their_pairs(db):
    """无锡 has no trigram: on PostgreSQL the names' and other names' characters and pairs are indexed
    (institutes/migrations/0005) and the finder reads them; the answer is the same on both databases."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from institutes.models import Organisation, OrganisationAlias

    wit = OrganisationFactory(name="Wuxi Institute of Technology", short_name="WIT", name_local="无锡职业技术学院")
    bureau = OrganisationFactory(name="Wuxi HRSS Bureau", short_name="", name_local="")
    OrganisationAlias.objects.create(organisation=bureau, name="无锡市人社局", kind="other")
    OrganisationFactory(name="Changzhou College", short_name="", name_local="常州学院")

    assert set(Organisation.objects.search(["无锡"]).values_list("name", flat=True)) == {wit.name, bureau.name}
    assert set(Organisation.objects.search(["锡无"]).values_list("pk", flat=True)) == set()  # a pair no name holds
    with CaptureQueriesContext(connection) as seen:
        found = search_organisations("无锡", limit=8)
    assert sorted(m.record.name for m in found) == ["Wuxi HRSS Bureau", "Wuxi Institute of Technology"]
    if connection.vendor == "postgresql":
        assert sum("cjk_grams(" in q["sql"] for q in seen.captured_queries) == 1
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'organisation_%cjk_grams_idx' ORDER BY 1"
            )
            assert cursor.fetchall() == [("organisation_alias_cjk_grams_idx",), ("organisation_name_cjk_grams_idx",)]


def test_the_countries_a_word_names_are_looked_up_as_a_scan_of_every_country_finds_them():
    from institutes.models import _country_words, countries_named

    def scanned(word):
        return (
            [code for code, words in _country_words() if any(w.startswith(word) for w in words)]
            if len(word) >= 3
            else []
        )

    words = {"lao", "viet", "cambodia", "camb", "ca", "congo", "guinea", "korea", "republic", "wuxi", "zzz"}
    for _code, country_words in _country_words():
        for word in country_words:
            words |= {word[:end] for end in range(1, len(word) + 1)} | {word + "x"}
    assert {word: countries_named(word) for word in words} == {word: scanned(word) for word in words}
    assert countries_named("Lao") == ["LA"]
    assert countries_named("Cambodia") == ["KH"]
    assert countries_named("Guinea") == ["GQ", "GN", "GW", "PG"]
