"""One finder for workshops (workshops/search.py): the list, the API's filter and the site search find the same
workshops for the same words, by their names and by their text and statements."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def test_the_list_the_api_and_the_site_search_find_a_workshop_by_what_was_said_in_it(
    coordinator, coordinator_client, reference_workshop
):
    other = WorkshopFactory(title="Skills fair in Vientiane")
    said = reference_workshop.statements.order_by("pk").first()
    said.text = "We will twin the dormitories of both campuses."
    said.save()
    api = APIClient()
    api.force_authenticate(coordinator)
    for query, expected in [("dormitories", [reference_workshop.pk]), ("Vientiane fair", [other.pk])]:
        listed = coordinator_client.get(reverse("workshops:list"), {"q": query})
        assert [w.pk for w in listed.context["page"].object_list] == expected
        assert [w["id"] for w in api.get("/api/workshops/", {"q": query}).json()["results"]] == expected
        found = coordinator_client.get(reverse("search"), {"q": query}).context["results"]["workshops"]
        assert [w.pk for w in found[1]] == expected
