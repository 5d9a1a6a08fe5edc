"""Workshop services: the attendance import's write step."""

import pytest

from participants.models import Person
from tests.factories import AttendanceFactory, PersonFactory, UserFactory, WorkshopFactory
from workshops.attendance_files import read_table
from workshops.attendance_matching import build_preview
from workshops.services import ImportResult, attendance_import

pytestmark = pytest.mark.django_db


def _rows(workshop, content):
    return build_preview(read_table("list.csv", content), {"name": 0}, workshop)


def test_attendance_import_writes_the_choices_and_counts_them():
    workshop = WorkshopFactory()
    known = PersonFactory(given_name="Sopheap", family_name="Chan")
    listed = AttendanceFactory(workshop=workshop, person=PersonFactory(given_name="Dara", family_name="Sok")).person
    rows = _rows(workshop, b"Name\nSopheap Chan\nDara Sok\nAnna Koch\nSkipped Person\n")
    rows[3].choice = "skip"
    people_before = Person.objects.count()

    result = attendance_import(workshop=workshop, rows=rows, user=UserFactory())

    assert result == ImportResult(added=2, created=1, already_listed=1, skipped=1)
    assert Person.objects.count() == people_before + 1
    assert [a.person.full_name for a in workshop.attendances.order_by("order")] == [
        listed.full_name,
        known.full_name,
        "Anna Koch",
    ]


def test_attendance_import_adds_nobody_twice_when_rows_were_previewed_before_an_earlier_import():
    workshop = WorkshopFactory()
    PersonFactory(given_name="Sopheap", family_name="Chan")
    first, second = _rows(workshop, b"Name\nSopheap Chan\n"), _rows(workshop, b"Name\nSopheap Chan\n")
    user = UserFactory()

    attendance_import(workshop=workshop, rows=first, user=user)
    result = attendance_import(workshop=workshop, rows=second, user=user)

    assert result == ImportResult(added=0, created=0, already_listed=1, skipped=0)
    assert workshop.attendances.count() == 1
