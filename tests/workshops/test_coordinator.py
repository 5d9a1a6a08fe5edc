"""A workshop's coordinator: our focal point, set through the one write path, not part of the minutes."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from workshops.data import WorkshopData
from workshops.models import Workshop
from workshops.services import workshop_approve, workshop_write

pytestmark = pytest.mark.django_db


def test_naming_the_coordinator_of_approved_minutes_opens_no_new_revision(coordinator, reference_workshop):
    workshop_approve(workshop=reference_workshop, user=coordinator)
    li = UserFactory(username="li", role="Coordinator")
    data = WorkshopData.from_workshop(reference_workshop)
    data.coordinator = li.pk
    workshop_write(data=data, workshop=reference_workshop, user=coordinator)
    stored = Workshop.objects.get(pk=reference_workshop.pk)
    assert (stored.coordinator, stored.revision, stored.is_approved) == (li, 1, True)
    assert stored.history.first().coordinator_id == li.pk


def test_the_api_sets_the_coordinator_and_shows_it(coordinator_client, coordinator, reference_workshop):
    url = reverse("api:workshop-detail", args=[reference_workshop.pk])
    version = coordinator_client.get(url).json()["updated_at"]
    response = coordinator_client.patch(
        url, {"coordinator": coordinator.pk, "updated_at": version}, content_type="application/json"
    )
    assert (response.status_code, response.json()["coordinator"]) == (200, coordinator.pk)
    page = coordinator_client.get(reverse("workshops:detail", args=[reference_workshop.pk]))
    assert page.context["workshop"].coordinator == coordinator
