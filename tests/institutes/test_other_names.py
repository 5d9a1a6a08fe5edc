"""Other names kept clean: a renamed organisation or person keeps the old name as a former name, whichever door
renamed it, and other names are edited on the record's own edit page."""

import datetime

import pytest
from django.urls import reverse

from institutes.matching import EXACT
from institutes.models import Organisation, OrganisationAlias
from institutes.search import match_organisations, search_organisations
from participants.models import Person
from participants.search import search_people

pytestmark = pytest.mark.django_db


def form_data(response):
    """What the edit page shows, as a browser submits it: the record's fields and its other names' rows."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context["formsets"]:
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        forms += list(formset)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            if value is True:
                data[key] = "on"
            else:
                formatted = field.widget.format_value(value)
                data[key] = "" if formatted is None else formatted
    return data


def test_a_renamed_organisation_is_found_by_its_old_name(reference_workshop):
    wit = Organisation.objects.get(short_name="WIT")
    wit.name = "Wuxi Technician College"
    wit.save()
    assert list(wit.aliases.values_list("name", "kind")) == [
        ("Wuxi Institute of Technician", OrganisationAlias.Kind.FORMER_NAME)
    ]
    assert [(m.record.pk, m.kind, m.matched_on) for m in search_organisations("Wuxi Institute of Technician")] == [
        (wit.pk, "exact", "Wuxi Institute of Technician")
    ]
    assert [(m.record, m.score) for m in match_organisations("Wuxi Institute of Technician")] == [(wit, EXACT)]


def test_a_changed_short_name_is_kept_and_a_save_without_renaming_adds_nothing(reference_workshop):
    ssez = Organisation.objects.get(short_name="SSEZ")
    before = set(ssez.aliases.values_list("name", flat=True))
    ssez.notes = "Operator of the zone"
    ssez.save()
    assert set(ssez.aliases.values_list("name", flat=True)) == before
    ssez.short_name = "SSEZ Ltd"
    ssez.save()
    assert set(ssez.aliases.values_list("name", flat=True)) == before | {"SSEZ"}


def test_a_name_another_organisation_holds_as_alias_is_not_taken(reference_workshop):
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    other = Organisation.objects.create(name="SCCFPI", country="KH")  # SCCFPI is PCCFPI's alias
    other.name = "Sihanoukville Community College"
    other.save()
    assert list(other.aliases.all()) == []
    assert OrganisationAlias.objects.get(name="SCCFPI").organisation == pccfpi


def test_a_coordinator_corrects_an_organisation_and_its_other_names_on_its_page(coordinator_client, reference_workshop):
    ssez = Organisation.objects.get(short_name="SSEZ")
    url = reverse("institutes:edit", args=[ssez.pk])
    data = form_data(coordinator_client.get(url))
    sses = ssez.aliases.get(name="SSES")
    rows = {data[f"aliases-{i}-name"]: i for i in range(3)}
    data[f"aliases-{rows['SSES']}-DELETE"] = "on"
    data.update({"aliases-3-name": "西港特区", "aliases-3-kind": "translation", "kind": "enterprise"})
    data["name"] = "Sihanoukville SEZ Co., Ltd."
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["formsets"][0].errors
    assert sorted(ssez.aliases.values_list("name", "kind")) == [
        ("SSEZ Co., Ltd.", "other"),
        ("Sihanoukville Special Economic Zone", "other"),
        ("Sihanoukville Special Economic Zone Co., Ltd.", "former_name"),
        ("西港特区", "translation"),
    ]
    assert not OrganisationAlias.objects.filter(pk=sses.pk).exists()
    assert ssez.history.latest().history_user.username == "coordinator"
    assert [m.record.pk for m in search_organisations("西港特区")] == [ssez.pk]


def test_an_alias_another_organisation_has_is_refused_next_to_it_and_nothing_is_saved(
    coordinator_client, reference_workshop
):
    wit = Organisation.objects.get(short_name="WIT")
    url = reverse("institutes:edit", args=[wit.pk])
    data = form_data(coordinator_client.get(url))
    data.update({"aliases-0-name": "SSES", "name": "Wuxi Technician College"})
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert response.context["formsets"][0][0].errors == {"__all__": ["This alias already belongs to an organisation."]}
    wit.refresh_from_db()
    assert (wit.name, list(wit.aliases.all())) == ("Wuxi Institute of Technician", [])


def test_a_renamed_person_is_found_by_the_old_name(reference_workshop):
    kouy = Person.objects.get(family_name="Kouy")
    kouy.given_name = "Kim Roeun"
    kouy.family_name = "Kuoy"
    kouy.save()
    assert list(kouy.aliases.values_list("name", flat=True)) == ["Kimroeun Kouy"]
    assert [(m.record.pk, m.kind, m.matched_on) for m in search_people("Kimroeun Kouy")] == [
        (kouy.pk, "exact", "Kimroeun Kouy")
    ]


def test_a_person_s_other_names_are_edited_on_the_person_page(coordinator_client, reference_workshop):
    li = Person.objects.get(family_name="Li")
    url = reverse("participants:edit", args=[li.pk])
    data = form_data(coordinator_client.get(url))
    data["aliases-0-name"] = "Li Zhen-yun"
    assert coordinator_client.post(url, data).status_code == 302
    assert list(li.aliases.values_list("name", flat=True)) == ["Li Zhen-yun"]


def test_a_former_names_last_day_is_set_on_the_edit_page_and_refused_on_an_acronym(
    coordinator_client, reference_workshop
):
    wit = Organisation.objects.get(short_name="WIT")
    wit.name = "Wuxi Technician College"
    wit.save()
    url = reverse("institutes:edit", args=[wit.pk])
    data = form_data(coordinator_client.get(url))
    assert data["aliases-0-name"] == "Wuxi Institute of Technician"
    data.update({"aliases-0-used_until": "2023-05-31", "aliases-1-name": "WTC", "aliases-1-kind": "acronym"})
    data["aliases-1-used_until"] = "2023-05-31"
    refused = coordinator_client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["formsets"][0][1].non_field_errors() == ["Only a former name has a last day in use."]
    assert "Only a former name has a last day in use." in refused.content.decode()
    data["aliases-1-used_until"] = ""
    assert coordinator_client.post(url, data).status_code == 302
    assert sorted(wit.aliases.values_list("name", "kind", "used_until")) == [
        ("WTC", "acronym", None),
        ("Wuxi Institute of Technician", "former_name", datetime.date(2023, 5, 31)),
    ]
    page = coordinator_client.get(wit.get_absolute_url()).content.decode()
    assert (
        'Wuxi Institute of Technician <span class="text-body-secondary small">(Former name, until May 31, 2023)' in page
    )
