"""Filters over tables that may hold thousands of rows list only the chosen row once there are many, and every
filter <select> writes its options without a template per option."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from common.filters import LargeTableSelect, QuickSelect, country_choices
from institutes.models import Organisation
from tests.factories import OrganisationFactory, WorkshopOrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_few_organisations_are_all_listed(coordinator_client):
    first = OrganisationFactory(name="Alpha", short_name="A")
    second = OrganisationFactory(name="Beta", short_name="B")
    html = coordinator_client.get(reverse("workshops:list")).content.decode()
    assert f'<option value="{first.pk}">Alpha (A)</option>' in html
    assert f'<option value="{second.pk}">Beta (B)</option>' in html


def test_many_organisations_list_only_the_chosen_one_and_still_filter(coordinator_client, monkeypatch):
    monkeypatch.setattr("common.filters.MAX_OPTIONS", 2)
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
    monkeypatch.setattr("common.filters.MAX_OPTIONS", 2)
    OrganisationFactory.create_batch(3, name="Listed")
    html = coordinator_client.get(reverse("workshops:list"), {"host": "not-a-number"}).content.decode()
    assert "Listed" not in html
    assert '<select name="host"' in html


@pytest.mark.parametrize(
    ("url", "name"),
    [("workshops:list", "host"), ("agreements:list", "party"), ("participants:list", "organisation")],
)
def test_many_organisations_get_a_type_ahead_on_the_organisation_match_endpoint(
    coordinator_client, monkeypatch, url, name
):
    monkeypatch.setattr("common.filters.MAX_OPTIONS", 2)
    OrganisationFactory.create_batch(3, name="Listed")
    html = coordinator_client.get(reverse(url)).content.decode()
    assert (
        f'<select name="{name}" class="form-select" id="id_{name}" data-match-url="/institutes/match/" '
        'data-find-label="Find an organisation by name, short name or other name">'
    ) in html
    assert "js/filter-typeahead" in html


def test_a_few_organisations_need_no_type_ahead(coordinator_client):
    OrganisationFactory(name="Alpha")
    html = coordinator_client.get(reverse("workshops:list")).content.decode()
    assert '<select name="host" class="form-select" id="id_host">' in html
    assert "data-match-url" not in html


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        ([("", "---------"), ("KH", "Cambodia"), ("CN", "China")], "CN", {"class": "form-select"}),
        ([("a", "Fish & <chips>"), ("b", 'Say "hi"')], None, {"required": True, "disabled": False, "data-x": 1}),
        ([("Asia", [("KH", "Cambodia"), ("CN", "China")]), ("other", "Elsewhere")], "KH", {}),
        ([(None, "Unknown"), ("a", "A"), ("a", "A again"), ("", [("b", "B")])], "a", {"id": "id_x"}),
    ],
)
def test_a_quick_select_writes_what_django_writes(choices, value, attrs):
    expected = forms.Select(choices=choices).render("country", value, attrs=attrs)
    assert QuickSelect(choices=choices).render("country", value, attrs=attrs) == expected


def test_a_model_choice_quick_select_writes_what_django_writes():
    OrganisationFactory(name="Alpha & Co", short_name="A")
    field = forms.ModelChoiceField(queryset=Organisation.objects.all())
    chosen = Organisation.objects.get().pk
    expected = field.widget.render("host", chosen)
    field.widget = QuickSelect(choices=field.choices)
    assert field.widget.render("host", chosen) == expected


def test_the_filter_forms_plain_selects_are_quick(coordinator_client):
    form = coordinator_client.get(reverse("agreements:list")).context["filter"].form
    assert {name for name, field in form.fields.items() if type(field.widget) is QuickSelect} == {
        "status",
        "kind",
        "programme",
        "country",
    }
    assert type(form.fields["party"].widget) is LargeTableSelect


def test_country_choices_follow_the_language():
    with translation.override("km"):
        assert ("KH", "កម្ពុជា") in country_choices()
    with translation.override("en"):
        assert ("KH", "Cambodia") in country_choices()
