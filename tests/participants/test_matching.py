import pytest

from participants.keys import name_tokens, tokens_similarity
from participants.search import PeopleMatcher, _near_part_sql, match_people
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "li": PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li", name_local="李振云"),
        "jianbin": PersonFactory(honorific="Mr.", given_name="Jianbin", family_name="Chen"),
        "jiangang": PersonFactory(honorific="Mr.", given_name="Jiangang", family_name="Chen"),
        "bou": PersonFactory(honorific="Mr.", given_name="Samath", family_name="Bou"),
    }


def names(matches):
    return [(m.record.full_name, m.score) for m in matches]


def test_name_tokens_drop_honorifics_accents_and_order():
    assert name_tokens("Mr. Zhenyun Li") == ("li", "zhenyun")
    assert name_tokens("Li Zhenyun") == ("li", "zhenyun")
    assert name_tokens("Dr. José Núñez") == ("jose", "nunez")
    assert name_tokens("Zhen-yun Li") == ("li", "zhenyun")


def test_name_tokens_turn_chinese_characters_into_pinyin_family_name_first():
    assert name_tokens("李振云") == ("li", "zhenyun")
    assert name_tokens("陈建斌先生") == ("chen", "jianbin")


def test_tokens_similarity_is_decided_by_the_weakest_pair():
    assert tokens_similarity(("chen", "jianbin"), ("chen", "jianbin")) == 100
    assert tokens_similarity(("chen", "jianbin"), ("chen", "jiangang")) == 66
    assert tokens_similarity(("li", "zhenyun"), ("li",)) == 0


def test_honorific_is_ignored(people):
    assert names(match_people("Mr. Zhenyun Li")) == [("Zhenyun Li", 100)]


def test_family_name_first_matches_the_same_person(people):
    assert names(match_people("Li Zhenyun")) == [("Zhenyun Li", 100)]


def test_chinese_characters_match_the_pinyin_name(people):
    assert names(match_people("李振云")) == [("Zhenyun Li", 100)]


def test_pinyin_matches_a_person_recorded_only_in_chinese_characters(people):
    only_local = PersonFactory(honorific="", given_name="", family_name="", name_local="沈婷")
    assert [m.record for m in match_people("Ting Shen")] == [only_local]


def test_a_typo_still_finds_the_person_below_exact(people):
    assert names(match_people("Zhenyn Li")) == [("Zhenyun Li", 92)]


def test_the_two_mr_chens_are_never_matched_to_each_other(people):
    assert names(match_people("Mr. Jianbin Chen")) == [("Jianbin Chen", 100)]
    assert names(match_people("Jiangang Chen")) == [("Jiangang Chen", 100)]


def test_a_family_name_alone_matches_nobody(people):
    assert names(match_people("Mr. Chen")) == []


def test_a_different_person_with_a_similar_name_does_not_match(people):
    assert names(match_people("Samnang Bou")) == []
    assert names(match_people("Zhenyun Liu")) == []


def test_an_alias_is_matched(people):
    people["bou"].aliases.create(name="Bou Samath Sok")
    assert names(match_people("Samath Sok Bou")) == [("Samath Bou", 100)]


def test_an_email_matches_exactly_whatever_the_name(people):
    people["bou"].email = "s.bou@example.org"
    people["bou"].save()
    assert names(match_people("S. B.", email="S.Bou@example.org")) == [("Samath Bou", 100)]


def test_a_family_name_alone_offers_everyone_with_it_but_matches_nobody(people):
    index = PeopleMatcher()
    assert names(index.sharing_a_name("Mr. Chen")) == [("Jianbin Chen", 50), ("Jiangang Chen", 50)]
    assert names(index.sharing_a_name("Zhenyun Li")) == []  # two names: not a family name alone


def test_without_near_misses_an_exact_name_hides_look_alikes(people):
    PersonFactory(given_name="Zhenyn", family_name="Li")
    index = PeopleMatcher()
    assert names(index.match("Zhenyun Li")) == [("Zhenyun Li", 100), ("Zhenyn Li", 92)]
    assert names(index.match("Zhenyun Li", near_misses=False)) == [("Zhenyun Li", 100)]
    assert names(index.match("Zhenyu Li", near_misses=False)) == [("Zhenyun Li", 92)]  # no exact name: near misses


def test_matching_follows_new_people_renames_and_other_names(people):
    assert names(match_people("Sok Dara")) == []
    sok = PersonFactory(given_name="Dara", family_name="Sok")
    assert names(match_people("Sok Dara")) == [("Dara Sok", 100)]
    sok.given_name = "Dalin"
    sok.save()
    assert names(match_people("Sok Dara")) == [("Dalin Sok", 100)]  # the old name is kept as another name
    sok.aliases.all().delete()
    assert names(match_people("Sok Dara")) == []
    sok.aliases.create(name="Sok Dara")
    assert names(match_people("Sok Dara")) == [("Dalin Sok", 100)]


NEAR_TEXTS = [
    "Zhenyun Li",
    "Zhenyn Li",
    "Li Zhenyun",
    "Zehnyun Li",
    "Jianbin Chen",
    "Jainbin Chne",
    "Chen Jianbin",
    "Anna Annan",
    "Samath Bou",
    "Smaath Bou",
    "Bou Samath",
    "Mr. Samat Bo",
    "李振云",
    "李振",
    "Li",
    "L",
    "Z Li",
    "Li Z",
    "Yu Li Chen",
    "Kim-Roeun Kouy",
    "Kimroeun Kouy",
    "O'Neil Dara",
    "50% Li_n",
    "Li%",
    "a_b",
    "Sophea Chan 2",
    "Müller Jörg",
    "Abcdefghijklmnopqrstuvwxyzabc Li",
    "Supercalifragilisticexpialidocious",
    "Aaaaaaaaaa",
    "Zhen Yun Li Chen Bou",
]


def near_of(texts, *, fast):
    matcher = PeopleMatcher()
    matcher.fast = fast
    matcher.prefetch_near(texts)
    return {text: {pk: list(found) for pk, found in matcher._near[text].items()} for text in texts}


def test_the_near_misses_read_from_each_shape_s_compiled_sql_are_those_django_builds(people):
    PersonFactory(given_name="Zhenyn", family_name="Li")
    PersonFactory(given_name="Anna", family_name="Annan", name_local="安娜")
    PersonFactory(given_name="Kimroeun", family_name="Kouy")
    PersonFactory(given_name="Yu", family_name="Li")
    PersonFactory(given_name="Dara", family_name="O'Neil")
    PersonFactory(given_name="Jörg", family_name="Müller")
    PersonFactory(given_name="Sophea", family_name="Chan")
    people["bou"].aliases.create(name="Samat Bo")
    people["jianbin"].aliases.create(name="Chen Jian-bin")
    slow = near_of(NEAR_TEXTS, fast=False)
    assert near_of(NEAR_TEXTS, fast=True) == slow
    assert near_of(list(reversed(NEAR_TEXTS)), fast=True) == slow  # another position in the batch, shapes compiled
    for text in NEAR_TEXTS:  # one at a time, as match() asks
        assert near_of([text], fast=True) == {text: slow[text]}
    assert list(slow["Zhenyn Li"]) == list(near_of(["Zhenyn Li"], fast=True)["Zhenyn Li"])  # the same order
    assert slow["Zehnyun Li"] != {}
    assert slow["Smaath Bou"] != {}


def test_latin_words_of_letters_are_read_from_their_shape_s_sql_and_others_built_by_django(people):
    assert len(_near_part_sql(["zhenyn", "li"], 3)) == 2
    assert _near_part_sql(["li%"], 0) is None
    assert _near_part_sql(["müller"], 0) is None
    assert _near_part_sql(["sophea", "2"], 0) is None
