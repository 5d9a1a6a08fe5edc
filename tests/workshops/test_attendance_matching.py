"""Matching an attendance file's rows to the people and organisations on record, before anything is written."""

import pytest

from tests.factories import WorkshopFactory
from workshops.attendance_files import read_table
from workshops.attendance_matching import build_preview, split_parenthesis

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "shown, expected",
    [
        ("Samath Bou (PCCFPI)", ("Samath Bou", "PCCFPI")),
        ("Ting Shen（沈婷）", ("Ting Shen", "沈婷")),
        ("Samath Bou", ("Samath Bou", "")),
        ("(PCCFPI)", ("(PCCFPI)", "")),
    ],
)
def test_split_parenthesis_separates_what_zoom_adds_to_a_name(shown, expected):
    assert split_parenthesis(shown) == expected


def test_build_preview_merges_repeats_and_finds_people_and_organisations(reference_workshop):
    workshop = WorkshopFactory(start_date=reference_workshop.start_date)
    table = read_table(
        "list.csv",
        b"Name,Email,Organisation\nSamath Bou (PCCFPI),,\nSamath Bou,,\nAnna Koch,anna@example.org,Nowhere\n",
    )
    rows = build_preview(table, {"name": 0, "email": 1, "organisation": 2}, workshop)
    assert [(r.numbers, r.status, str(r.person or ""), getattr(r.organisation, "short_name", None)) for r in rows] == [
        ([2, 3], "matched", "Samath Bou", "PCCFPI"),
        ([4], "new", "", None),
    ]
    assert workshop.attendances.count() == 0
