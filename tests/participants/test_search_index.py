"""The people finder's indexes (participants/search_index.py): on SQLite an FTS5 trigram table kept by triggers and
expression indexes for the names' starts; the finder answers the same on both databases, at any size."""

import pytest
from django.db import connection

from participants.models import Person, PersonAlias
from participants.search import search_people
from participants.search_index import TABLE, ensure
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")


def indexed(person):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT given_name, family_name, name_local, other_names FROM {TABLE} WHERE rowid = %s", [person.pk]
        )
        return cursor.fetchone()


def found(text, **kwargs):
    return [(m.record.full_name, m.kind) for m in search_people(text, **kwargs)]


@on_sqlite
def test_the_index_follows_a_person_and_their_other_names_through_every_change():
    person = PersonFactory(given_name="Zhenyun", family_name="Li", name_local="李振云")
    assert indexed(person) == (" Zhenyun", " Li", " 李振云", "")
    person.given_name = "Zhenhua"
    person.save()
    # The former name is kept as another name (participants' rule), and is in the index with the others.
    assert sorted(person.aliases.values_list("name", flat=True)) == ["Zhenyun Li"]
    alias = PersonAlias.objects.create(person=person, name="Li Zhenhua")
    PersonAlias.objects.create(person=person, name="Jenny Li")
    assert indexed(person)[:3] == (" Zhenhua", " Li", " 李振云")
    assert sorted(indexed(person)[3].split()) == ["Jenny", "Li", "Li", "Li", "Zhenhua", "Zhenyun"]
    alias.delete()
    assert sorted(indexed(person)[3].split()) == ["Jenny", "Li", "Li", "Zhenyun"]
    pk = person.pk
    person.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE rowid = %s", [pk])
        assert cursor.fetchone() == (0,)


@on_sqlite
def test_people_made_in_bulk_are_in_the_index():
    Person.objects.bulk_create(
        [Person(given_name="Sokha", family_name="Chan"), Person(given_name="Dara", family_name="Kim")]
    )
    assert found("Sokh") == [("Sokha Chan", "prefix")]
    assert found("Chan Sok") == [("Sokha Chan", "prefix")]


@on_sqlite
def test_triggers_lost_when_a_migration_makes_the_table_anew_are_made_again_with_the_rows_missed():
    person = PersonFactory(given_name="Sophal", family_name="Meas")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {TABLE}_update")
    Person.objects.filter(pk=person.pk).update(given_name="Sopheap")
    assert indexed(person)[0] == " Sophal"
    assert ensure(connection) is True
    assert indexed(person)[0] == " Sopheap"
    assert found("Sopheap Meas") == [("Sopheap Meas", "exact")]
    assert ensure(connection) is False


def test_a_typo_is_found_among_many_people_sharing_pieces_of_the_name():
    # Seventy Lius whose given names share "ong" or "ton" with Yutong and come first by name: the near misses are
    # read closest first (SQLite: the FTS5 rank; PostgreSQL: trigram similarity), never the first seventy by name.
    Person.objects.bulk_create(
        [Person(given_name=f"A{chr(97 + n // 26)}{chr(97 + n % 26)}tong", family_name="Liu") for n in range(70)]
        + [Person(given_name="Yutong", family_name="Liu")]
    )
    assert found("Yutong Lui")[:1] == [("Yutong Liu", "near")]


def test_the_start_of_a_name_is_found_in_any_case_and_either_order():
    PersonFactory(given_name="Yutong", family_name="Liu")
    PersonFactory(given_name="Yuto", family_name="Sato")
    assert found("yUT") == [("Yuto Sato", "prefix"), ("Yutong Liu", "prefix")]
    assert found("liu yu") == [("Yutong Liu", "prefix")]


def test_two_letters_start_a_word_of_any_name_and_three_find_it_anywhere():
    PersonFactory(given_name="Sokha", family_name="Chan", name_local="សុខា ចាន់")
    PersonFactory(given_name="Chantha", family_name="Ly")
    assert sorted(p.full_name for p in Person.objects.search(["han"])) == ["Chantha Ly", "Sokha Chan"]
    assert sorted(p.full_name for p in Person.objects.search(["ch"])) == ["Chantha Ly", "Sokha Chan"]
    assert [p.full_name for p in Person.objects.search(["ចាន់"])] == ["Sokha Chan"]


def test_what_the_index_would_read_as_its_own_syntax_is_searched_as_text():
    PersonFactory(given_name='Sok "Ha"', family_name="Chan")
    for text in ['"Ha"', "NEAR(a b)", "OR AND NOT", "{given_name}: x", "abc*", "^abc", '"""', "a' OR '1"]:
        assert search_people(text) is not None  # no error from the database
    assert found('Sok "Ha"') == [('Sok "Ha" Chan', "prefix")]
    assert [p.full_name for p in Person.objects.search(['"Ha"'])] == ['Sok "Ha" Chan']
