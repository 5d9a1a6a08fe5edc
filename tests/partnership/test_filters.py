"""Filters over tables that may hold thousands of rows list only the chosen row once there are many."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, WorkshopOrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_few_organisations_are_all_listed(coordinator_client):
    first = OrganisationFactory(name="Alpha", short_name="A")
    second = OrganisationFactory(name="Beta", short_name="B")
    html = coordinator_client.get(reverse("workshops:list")).content.decode()
    assert f'<option value="{first.pk}">Alpha (A)</option>' in html
    assert f'<option value="{second.pk}">Beta (B)</option>' in html


def test_many_organisations_list_only_the_chosen_one_and_still_filter(coordinator_client, monkeypatch):
    monkeypatch.setattr("partnership.filters.MAX_OPTIONS", 2)
    link = WorkshopOrganisationFactory(organisation__name="Alpha", organisation__short_name="A")
    OrganisationFactory(name="Beta")
    OrganisationFactory(name="Gamma")
    response = coordinator_client.get(reverse("workshops:list"), {"host": link.organisation.pk})
    html = response.content.decode()
    assert f'<option value="{link.organisation.pk}" selected>Alpha (A)</option>' in html
    assert "Beta" not in html
    assert "Gamma" not in html
    assert [workshop.pk for workshop in response.context["page"]] == [link.workshop.pk]


def test_many_organisations_and_none_chosen_list_only_the_empty_choice(coordinator_client, monkeypatch):
    monkeypatch.setattr("partnership.filters.MAX_OPTIONS", 2)
    OrganisationFactory.create_batch(3, name="Listed")
    html = coordinator_client.get(reverse("workshops:list"), {"host": "not-a-number"}).content.decode()
    assert "Listed" not in html
    assert '<select name="host"' in html
