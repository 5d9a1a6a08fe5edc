"""Approved minutes, and a record an agreement came from, are never deleted at any door: the API answers 409 with
the reason, the admin's delete-selected lists it and deletes nothing. A draft goes, and the history says who."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import ActionItemFactory, AgreementFactory, OutcomeFactory, WorkshopFactory
from workshops.models import Workshop
from workshops.services import workshop_approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.fixture
def approved(coordinator):
    workshop = WorkshopFactory(title="WIT–PCCFPI exchange")
    ActionItemFactory(workshop=workshop)
    workshop_approve(workshop=workshop, user=coordinator)
    return workshop


def test_approved_minutes_are_not_deleted_by_a_coordinator_through_the_api(api, approved):
    response = api.delete(f"/api/workshops/{approved.pk}/")
    assert (response.status_code, response.json()) == (409, {"detail": "Approved minutes cannot be deleted."})
    assert (Workshop.objects.filter(pk=approved.pk).exists(), approved.action_items.count()) == (True, 1)


def test_a_draft_an_agreement_came_from_is_kept(api):
    draft = WorkshopFactory(title="Planning call")
    AgreementFactory().origin_workshops.add(draft)
    response = api.delete(f"/api/workshops/{draft.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Planning call (2024-03-01)” is kept because other records refer to it: agreements."},
    )
    assert Workshop.objects.filter(pk=draft.pk).exists()


def test_a_draft_whose_decision_an_agreement_came_from_is_kept(api):
    draft = WorkshopFactory(title="Planning call")
    AgreementFactory().origin_outcomes.add(OutcomeFactory(workshop=draft))
    response = api.delete(f"/api/workshops/{draft.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Planning call (2024-03-01)” is kept because agreements refer to its decisions or actions."},
    )


def test_a_draft_is_deleted_by_a_coordinator_and_the_history_says_who(api, coordinator):
    draft = WorkshopFactory()
    assert api.delete(f"/api/workshops/{draft.pk}/").status_code == 204
    deleted = Workshop.history.get(id=draft.pk, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (coordinator, "Deleted: never approved.")


def test_the_admins_delete_selected_keeps_approved_minutes_and_says_why(admin_client_with_role, approved):
    draft = WorkshopFactory()
    response = admin_client_with_role.post(
        reverse("admin:workshops_workshop_changelist"),
        {"action": "delete_selected", "_selected_action": [approved.pk, draft.pk], "post": "yes"},
    )
    assert (response.status_code, "Approved minutes cannot be deleted." in response.content.decode()) == (200, True)
    assert Workshop.objects.filter(pk__in=[approved.pk, draft.pk]).count() == 2
