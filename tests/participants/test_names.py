import pytest

from participants.matching import name_tokens
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
    assert (person.honorific, person.given_name, person.family_name) == ("H.E.", "Sok", "Dara")
    assert name_tokens("Dr. Sok Dara") == ("dara", "sok")


def test_a_chinese_honorific_after_the_name_is_dropped():
    person = person_from_name("陈建斌先生")
    assert (person.name_local, person.family_name, person.given_name) == ("陈建斌", "Chen", "Jianbin")
