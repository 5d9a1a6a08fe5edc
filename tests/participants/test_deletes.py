"""A person who appears in any record (a position, an attendance, a statement, a signature, an action, a user
account) is never deleted, at any door: the API answers 409 naming the records, the admin's delete and
delete-selected list them and delete nothing. One entered by mistake goes, and the history says who deleted them."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from participants.models import Person, Position
from tests.factories import ActionItemFactory, PersonFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.fixture
def lecturer():
    person = PersonFactory(honorific="", given_name="Dara", family_name="Sok")
    PositionFactory(person=person)
    return person


def test_a_person_with_a_position_is_not_deleted_through_the_api(api, lecturer):
    response = api.delete(f"/api/people/{lecturer.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Dara Sok” is kept because other records refer to it: positions."},
    )
    assert (Person.objects.filter(pk=lecturer.pk).exists(), Position.objects.count()) == (True, 1)


def test_a_person_who_owns_an_action_and_has_an_account_is_refused_with_both_named(api):
    person = PersonFactory(honorific="", given_name="Li", family_name="Wei")
    ActionItemFactory(owner=person)
    UserFactory(person=person)
    response = api.delete(f"/api/people/{person.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Li Wei” is kept because other records refer to it: action items and users."},
    )


def test_a_person_in_no_record_is_deleted_and_the_history_says_who(api, coordinator):
    person = PersonFactory()
    assert api.delete(f"/api/people/{person.pk}/").status_code == 204
    assert Person.history.get(id=person.pk, history_type="-").history_user == coordinator


def test_the_admin_refuses_to_delete_a_person_with_a_position(admin_client_with_role, lecturer):
    response = admin_client_with_role.post(
        reverse("admin:participants_person_delete", args=[lecturer.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "“Dara Sok” is kept because other records refer to it: positions." in response.content.decode()
    assert Person.objects.filter(pk=lecturer.pk).exists()


def test_the_admins_delete_selected_keeps_a_person_with_a_position(admin_client_with_role, lecturer):
    unused = PersonFactory()
    response = admin_client_with_role.post(
        reverse("admin:participants_person_changelist"),
        {"action": "delete_selected", "_selected_action": [lecturer.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "“Dara Sok” is kept because other records refer to it: positions." in response.content.decode()
    assert Person.objects.filter(pk__in=[lecturer.pk, unused.pk]).count() == 2
