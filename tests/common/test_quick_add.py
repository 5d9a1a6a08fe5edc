"""Creating a person or an organisation from the workshop entry page: look-alikes first, then the record."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from common.models import IdempotencyKey
from institutes.models import Organisation
from participants.models import Person

pytestmark = pytest.mark.django_db


def test_a_new_person_is_offered_the_people_who_may_be_them_first(coordinator_client, reference_workshop):
    url = reverse("participants:quick-add")
    before = Person.objects.count()
    answer = coordinator_client.post(url, {"name": "Mr. Li Zhenyun"})
    assert answer.status_code == 200
    assert [(m["name"], m["score"]) for m in answer.json()["matches"]] == [("Zhenyun Li", 100)]
    assert answer.json()["created"] is False
    assert Person.objects.count() == before


def test_a_new_person_is_created_from_the_name_typed(coordinator_client, reference_workshop):
    answer = coordinator_client.post(reverse("participants:quick-add"), {"name": "  王   小明 ", "email": ""})
    assert answer.status_code == 201
    person = Person.objects.get(pk=answer.json()["id"])
    assert answer.json() == {"created": True, "id": person.pk, "name": "Wang Xiaoming"}
    assert (person.family_name, person.given_name, person.name_local) == ("Wang", "Xiaoming", "王 小明")
    assert person.history.get().history_user.username == "coordinator"


def test_a_look_alike_can_be_overruled(coordinator_client, reference_workshop):
    answer = coordinator_client.post(reverse("participants:quick-add"), {"name": "Zhenyun Li", "anyway": "on"})
    assert answer.status_code == 201
    assert Person.objects.filter(given_name="Zhenyun", family_name="Li").count() == 2


@pytest.mark.parametrize(
    "data, errors",
    [
        ({"name": ""}, {"name": ["This field is required."]}),
        ({"name": "x" * 201}, {"name": ["Ensure this value has at most 200 characters (it has 201)."]}),
        ({"name": "Sok Dara", "email": "not-an-email"}, {"email": ["Enter a valid email address."]}),
    ],
)
def test_bad_input_is_answered_with_the_field_errors(coordinator_client, data, errors):
    answer = coordinator_client.post(reverse("participants:quick-add"), data)
    assert (answer.status_code, answer.json()) == (400, {"errors": errors})
    assert Person.objects.count() == 0


def test_an_organisation_typed_by_a_misspelt_acronym_or_a_recorded_alias_is_found(
    coordinator_client, reference_workshop
):
    pccfpi = "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI)"
    found = coordinator_client.get(reverse("institutes:match"), {"q": "PCCFPJ"}).json()["results"]
    assert [(r["name"], r["matched_on"], r["score"]) for r in found] == [(pccfpi, "PCCFPI", 90)]
    found = coordinator_client.get(reverse("institutes:match"), {"q": "SCCFPI"}).json()["results"]
    assert [(r["name"], r["matched_on"], r["score"]) for r in found] == [(pccfpi, "SCCFPI", 100)]
    answer = coordinator_client.post(reverse("institutes:quick-add"), {"name": "SSES"}).json()
    assert [m["name"] for m in answer["matches"]] == ["Sihanoukville Special Economic Zone Co., Ltd. (SSEZ)"]


def test_a_new_organisation_keeps_a_one_word_name_as_its_short_name(coordinator_client, reference_workshop):
    answer = coordinator_client.post(reverse("institutes:quick-add"), {"name": "NPIC"})
    assert answer.status_code == 201
    organisation = Organisation.objects.get(pk=answer.json()["id"])
    assert (organisation.name, organisation.short_name, answer.json()["name"]) == ("NPIC", "NPIC", "NPIC")
    longer = coordinator_client.post(reverse("institutes:quick-add"), {"name": "National Polytechnic Institute"})
    assert Organisation.objects.get(pk=longer.json()["id"]).short_name == ""


def test_a_reader_cannot_create(client, reference_workshop):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="reader"))
    assert client.post(reverse("participants:quick-add"), {"name": "Sok Dara"}).status_code == 403
    assert client.post(reverse("institutes:quick-add"), {"name": "NPIC"}).status_code == 403


def test_the_same_add_sent_twice_creates_one_record(coordinator_client):
    url = reverse("participants:quick-add")
    data = {"name": "Sok Dara", "anyway": "on", "key": "3f1c2a9e8b7d4c6a"}
    first = coordinator_client.post(url, data)
    again = coordinator_client.post(url, data)
    person = Person.objects.get()
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json() == {"created": True, "id": person.pk, "name": "Sok Dara"}
    other = coordinator_client.post(url, {**data, "key": "5b0e6f1d2c3a4b59"})
    assert (other.status_code, Person.objects.count()) == (201, 2)


def test_a_key_is_the_users_own_and_old_keys_are_purged(client, coordinator):
    from tests.factories import UserFactory

    url = reverse("participants:quick-add")
    data = {"name": "Sok Dara", "anyway": "on", "key": "3f1c2a9e8b7d4c6a"}
    client.force_login(coordinator)
    first = client.post(url, data)
    client.force_login(UserFactory(username="other", role="Coordinator"))
    replayed = client.post(url, {**data, "name": "Chan Sophea"})
    assert (first.status_code, replayed.status_code) == (201, 201)
    assert (first.json()["name"], replayed.json()["name"], Person.objects.count()) == ("Sok Dara", "Chan Sophea", 2)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, seconds=1)):
        client.force_login(coordinator)
        assert client.post(url, {**data, "name": "Keo Vanna", "key": "0a1b2c3d4e5f6a7b"}).status_code == 201
    assert sorted(IdempotencyKey.objects.values_list("key", flat=True)) == ["/people/quick-add/:0a1b2c3d4e5f6a7b"]
