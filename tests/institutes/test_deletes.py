"""An organisation that appears in any record is never deleted, at any door: the API answers 409 naming the records,
the admin's delete and delete-selected list them and delete nothing. One entered by mistake goes, with its other
names, and the history says who deleted it."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from institutes.models import Organisation, OrganisationAlias
from tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


@pytest.fixture
def action_owner():
    """An organisation that owns an action: the action would silently lose its owner if it went."""
    organisation = OrganisationFactory(name="Wuxi Institute of Technology", short_name="WIT")
    ActionItemFactory(owner_organisation=organisation)
    return organisation


def test_an_organisation_that_owns_an_action_is_not_deleted_through_the_api(api, action_owner):
    response = api.delete(f"/api/organisations/{action_owner.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Wuxi Institute of Technology (WIT)” is kept because other records refer to it: action items."},
    )
    assert Organisation.objects.filter(pk=action_owner.pk).exists()


def test_an_organisation_in_an_attendance_is_refused_with_the_records_named(api):
    organisation = OrganisationFactory(name="Preah Sihanouk Provincial Training Centre", short_name="")
    AttendanceFactory(organisation=organisation)
    ActionItemFactory(owner_organisation=organisation)
    response = api.delete(f"/api/organisations/{organisation.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {
            "detail": "“Preah Sihanouk Provincial Training Centre” is kept because other records refer to it: action "
            "items and attendances."
        },
    )


def test_an_organisation_in_no_record_is_deleted_by_an_admin_with_its_other_names(api, admin_user):
    organisation = OrganisationFactory()
    alias = OrganisationAliasFactory(organisation=organisation)
    assert api.delete(f"/api/organisations/{organisation.pk}/").status_code == 204
    assert (Organisation.objects.filter(pk=organisation.pk).exists(), OrganisationAlias.objects.exists()) == (
        False,
        False,
    )
    assert Organisation.history.get(id=organisation.pk, history_type="-").history_user == admin_user
    assert OrganisationAlias.history.get(id=alias.pk, history_type="-").history_user == admin_user


def test_the_admin_refuses_to_delete_an_organisation_in_a_record(admin_client_with_role, action_owner):
    response = admin_client_with_role.post(
        reverse("admin:institutes_organisation_delete", args=[action_owner.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "is kept because other records refer to it: action items." in response.content.decode()
    assert Organisation.objects.filter(pk=action_owner.pk).exists()


def test_the_admins_delete_selected_keeps_an_organisation_in_a_record(admin_client_with_role, action_owner):
    unused = OrganisationFactory()
    response = admin_client_with_role.post(
        reverse("admin:institutes_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [action_owner.pk, unused.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "is kept because other records refer to it: action items." in response.content.decode()
    assert Organisation.objects.filter(pk__in=[action_owner.pk, unused.pk]).count() == 2
