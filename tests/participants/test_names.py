import pytest

from participants.keys import name_tokens
from participants.names import HONORIFICS, USUAL_HONORIFICS, is_honorific
from participants.services import person_from_name


@pytest.mark.parametrize("word", ["Mr.", "mr", "MRS", "H.E.", "Dr", "Prof.", "Lok", "先生"])
def test_an_honorific_is_known_however_it_is_written(word):
    assert is_honorific(word)


def test_names_are_not_honorifics():
    assert [is_honorific(word) for word in ["Chen", "Sok", "Henry", "Drew"]] == [False, False, False, False]


def test_the_usual_honorifics_are_among_all_of_them():
    assert set(USUAL_HONORIFICS) <= set(HONORIFICS)


def test_a_name_typed_with_an_honorific_keeps_it_apart():
    person = person_from_name("H.E. Sok Dara")
    assert (person.honorific, person.given_name, person.family_name) == ("H.E.", "Dara", "Sok")
    assert name_tokens("Dr. Sok Dara") == ("dara", "sok")


def test_a_chinese_honorific_after_the_name_is_dropped():
    person = person_from_name("陈建斌先生")
    assert (person.name_local, person.family_name, person.given_name) == ("陈建斌", "Chen", "Jianbin")


@pytest.mark.parametrize(
    ("typed", "honorific", "family", "given", "order", "local"),
    [
        ("Prof. Shi Lei", "Prof.", "Shi", "Lei", "family_first", ""),
        ("Xiang Jinlin", "", "Xiang", "Jinlin", "family_first", ""),
        ("Ouyang Ning", "", "Ouyang", "Ning", "family_first", ""),
        ("Ning Ouyang", "", "Ouyang", "Ning", "given_first", ""),
        ("H.E. Dr. Sok Chenda", "H.E. Dr.", "Sok", "Chenda", "family_first", ""),
        ("Lok Chumteav Mean Sophea", "Lok Chumteav", "Mean", "Sophea", "family_first", ""),
        ("Nguyen Van An", "", "Nguyen", "Van An", "family_first", ""),
        ("Nguyễn Văn An", "", "Nguyễn", "Văn An", "family_first", ""),
        # The reference report writes Chinese names in the western order, and demo/reference.py stores them so.
        ("Yutong Liu", "", "Liu", "Yutong", "given_first", ""),
        ("Mr. Zhenyun Li", "Mr.", "Li", "Zhenyun", "given_first", ""),
        ("Kimroeun Kouy", "", "Kouy", "Kimroeun", "given_first", ""),
        ("李振云", "", "Li", "Zhenyun", "family_first", "李振云"),
        ("欧阳宁", "", "Ouyang", "Ning", "family_first", "欧阳宁"),
        ("陈建斌先生", "Mr.", "Chen", "Jianbin", "family_first", "陈建斌"),
        ("Zhenyun Li 李振云", "", "Li", "Zhenyun", "given_first", "李振云"),
        ("Kim Min-jun", "", "Kim", "Min-jun", "family_first", ""),
        ("He Ning", "", "He", "Ning", "family_first", ""),
        ("SHI Lei", "", "Shi", "Lei", "family_first", ""),
        ("Yutong LIU", "", "Liu", "Yutong", "given_first", ""),
        ("Liu, Yutong", "", "Liu", "Yutong", "family_first", ""),
        ("mary ann smith", "", "Smith", "Mary Ann", "given_first", ""),
        ("Dr Sok", "Dr.", "Sok", "", "family_first", ""),
        ("សុខ ចិន្តា", "", "", "", "family_first", "សុខ ចិន្តា"),
    ],
)
def test_a_name_typed_is_split_into_its_parts(typed, honorific, family, given, order, local):
    from participants.models import Person
    from participants.names import split_name

    parts = split_name(typed)
    assert {key: parts[key] for key in ("honorific", "family_name", "given_name", "name_order", "name_local")} == {
        "honorific": honorific,
        "family_name": family,
        "given_name": given,
        "name_order": order,
        "name_local": local,
    }
    assert order in Person.NameOrder.values


def test_the_split_name_is_the_full_name_typed():
    from participants.models import Person
    from participants.names import NAME_PARTS, split_name

    for typed in ["Prof. Shi Lei", "Yutong Liu", "H.E. Dr. Sok Chenda", "Nguyen Van An"]:
        parts = split_name(typed)
        person = Person(**{field: parts[field] for field in NAME_PARTS})
        assert person.formal_name == typed


def test_the_word_a_vietnamese_person_is_called_by_alone():
    from participants.names import name_used_alone

    assert name_used_alone("Van Hai", "Do") == "Hai"
    assert name_used_alone("Thi Lan Anh", "Pham") == "Anh"
    assert name_used_alone("Hai", "Do") == ""  # one word: matched as it is
    assert name_used_alone("Jian Guo", "Wang") == ""  # other usages: the family name


def test_a_family_name_the_report_writes_in_capitals_elsewhere_settles_the_order():
    from participants.names import split_name

    text = "Present:\n- Sothea BORAMY, Deputy Director\nMs. Boramy Sothea will send the list. Dr. Kim LEE spoke."
    parts = split_name("Ms. Boramy Sothea", evidence=text)
    assert (parts["family_name"], parts["given_name"], parts["name_order"], parts["sure"]) == (
        "Boramy",
        "Sothea",
        "family_first",
        True,
    )
    assert split_name("Ms. Boramy Sothea")["family_name"] == "Sothea"  # no text to say otherwise: given first


@pytest.mark.parametrize(
    ("written", "family", "given"), [("Mr. Chhun Vuthy", "Chhun", "Vuthy"), ("Ms. Nget Sophal", "Nget", "Sophal")]
)
def test_more_khmer_family_names_are_written_first(written, family, given):
    from participants.names import split_name

    parts = split_name(written)
    assert (parts["family_name"], parts["given_name"]) == (family, given)
