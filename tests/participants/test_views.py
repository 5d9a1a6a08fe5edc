import datetime

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_the_person_type_ahead_finds_a_name_typed_in_chinese_characters(coordinator_client):
    li = PersonFactory(given_name="Zhenyun", family_name="Li", name_local="李振云")
    PersonFactory(given_name="Jianbin", family_name="Chen")
    response = coordinator_client.get(reverse("participants:match"), {"q": "李振云"})
    assert response.json() == {
        "results": [
            {
                "id": li.pk,
                "name": "Zhenyun Li",
                "matched_on": "李振云",
                "score": 100,
                "label": "Zhenyun Li (李振云)",
                "kind": "exact",
                "organisation": None,
            }
        ],
        "cut": False,
        "searched": "李振云",
    }


def test_a_person_suggestion_carries_the_organisation_of_their_latest_current_position(coordinator_client):
    li = PersonFactory(given_name="Zhenyun", family_name="Li")
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    PositionFactory(person=li, organisation=OrganisationFactory(), start_date=datetime.date(2015, 1, 1))
    PositionFactory(person=li, organisation=wit, start_date=datetime.date(2020, 1, 1))
    PositionFactory(person=li, organisation=OrganisationFactory(), end_date=datetime.date(2019, 12, 31))
    found = coordinator_client.get(reverse("participants:match"), {"q": "Li Zhenyun"}).json()["results"]
    assert [(r["id"], r["label"], r["organisation"]) for r in found] == [
        (li.pk, "Zhenyun Li", {"id": wit.pk, "name": "Wuxi Institute of Technician (WIT)"})
    ]


def test_the_person_type_ahead_needs_two_characters(coordinator_client):
    PersonFactory(given_name="Zhenyun", family_name="Li")
    assert coordinator_client.get(reverse("participants:match"), {"q": "L"}).json() == {
        "results": [],
        "cut": False,
        "searched": "L",
    }


def test_the_person_type_ahead_needs_a_signed_in_user(client):
    response = client.get(reverse("participants:match"), {"q": "Li Zhenyun"})
    assert response.status_code == 302
