import pytest
from django import forms
from django.db import transaction

from common.concurrency import StaleEdit, VersionedFormMixin, version_of
from institutes.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "website"]


def _save(form):
    with transaction.atomic():
        form.refuse_stale()
        return form.save()


def test_a_save_based_on_the_current_version_goes_through():
    org = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    shown = OrganisationForm(instance=org)
    data = {
        "name": org.name,
        "short_name": "WIT",
        "website": "https://wxjsxy.example",
        "version": shown["version"].value(),
    }
    form = OrganisationForm(data, instance=Organisation.objects.get(pk=org.pk))
    assert form.is_valid()
    assert _save(form).website == "https://wxjsxy.example"


def test_a_save_based_on_an_old_version_is_refused_and_shows_the_other_change():
    org = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    opened = version_of(org)

    other = Organisation.objects.get(pk=org.pk)
    other._history_user = UserFactory(username="li")
    other.short_name = "WIT-CN"
    other.save()

    mine = {"name": "Wuxi Institute of Technicians", "short_name": "WIT", "website": "", "version": opened}
    form = OrganisationForm(mine, instance=Organisation.objects.get(pk=org.pk))
    assert form.is_valid()
    with pytest.raises(StaleEdit) as excinfo:
        _save(form)
    assert excinfo.value.changes == [("short name", "WIT-CN")]
    assert excinfo.value.changed_by.username == "li"
    assert Organisation.objects.get(pk=org.pk).name == "Wuxi Institute of Technician"

    form.take_version(excinfo.value)
    assert (excinfo.value.merged, excinfo.value.conflicts) == (["Short name"], [])
    assert form["name"].value() == "Wuxi Institute of Technicians"
    assert form["short_name"].value() == "WIT-CN"
    again = OrganisationForm(form.data, instance=Organisation.objects.get(pk=org.pk))
    assert again.is_valid()
    saved = _save(again)
    assert (saved.name, saved.short_name) == ("Wuxi Institute of Technicians", "WIT-CN")


def test_a_field_both_changed_keeps_the_users_value_and_is_a_conflict():
    org = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")
    opened = version_of(org)
    other = Organisation.objects.get(pk=org.pk)
    other.name = "Wuxi Technician Institute"
    other.save()
    form = OrganisationForm(
        {"name": "Wuxi Institute of Technicians", "short_name": "WIT", "website": "", "version": opened},
        instance=Organisation.objects.get(pk=org.pk),
    )
    assert form.is_valid()
    with pytest.raises(StaleEdit) as excinfo:
        _save(form)
    form.take_version(excinfo.value)
    assert (excinfo.value.merged, excinfo.value.conflicts) == ([], ["Name"])
    assert form["name"].value() == "Wuxi Institute of Technicians"


def test_a_new_record_has_no_version_to_check():
    form = OrganisationForm({"name": "New Institute", "short_name": "NI", "website": "", "version": ""})
    assert form.is_valid()
    assert _save(form).pk is not None
