"""Create and edit pages of the four records: one transaction, messages next to fields, no lost update."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from common.concurrency import version_of
from institutes.models import Organisation
from participants.models import Person
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


def _form_data(response):
    """The values the edit form shows, as a browser would submit them."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            formatted = field.widget.format_value(value)
            data[name] = "" if formatted is None else formatted
    return data


def test_a_coordinator_corrects_the_reported_attendance(coordinator_client, reference_workshop):
    url = reverse("workshops:edit", args=[reference_workshop.pk])
    data = _form_data(coordinator_client.get(url))
    data.update(reported_attendance="20", platform="Zoom")
    response = coordinator_client.post(url, data)
    assert (response.status_code, response["Location"]) == (302, reference_workshop.get_absolute_url())
    reference_workshop.refresh_from_db()
    assert (reference_workshop.reported_attendance, reference_workshop.platform) == (20, "Zoom")
    assert reference_workshop.history.latest().history_user.username == "coordinator"


def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(coordinator_client, reference_workshop):
    url = reverse("workshops:edit", args=[reference_workshop.pk])
    data = _form_data(coordinator_client.get(url))
    data.update(reported_attendance="-3", timezone="Mars/Olympus", summary="A new summary typed after the meeting")
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "timezone": ["“Mars/Olympus” is not a time zone name such as Asia/Shanghai or Asia/Phnom_Penh."],
        "__all__": ["Reported attendance cannot be negative."],
    }
    assert form["summary"].value() == "A new summary typed after the meeting"
    reference_workshop.refresh_from_db()
    assert (reference_workshop.reported_attendance, reference_workshop.timezone) == (19, "Asia/Shanghai")


def test_a_save_based_on_an_old_version_is_refused_with_the_other_change(
    coordinator_client, manager, reference_workshop
):
    url = reverse("workshops:edit", args=[reference_workshop.pk])
    mine = _form_data(coordinator_client.get(url))

    # Meanwhile a manager saves the same workshop.
    other = Workshop.objects.get(pk=reference_workshop.pk)
    other._history_user = manager
    other.platform = "Microsoft Teams"
    other.save()

    mine.update(reported_attendance="21")
    response = coordinator_client.post(url, mine)
    assert response.status_code == 409
    assert response.context["conflict"].changes == [("online platform", "Microsoft Teams")]
    assert "manager changed:" in response.content.decode()
    assert response.context["form"]["reported_attendance"].value() == "21"
    assert Workshop.objects.get(pk=reference_workshop.pk).reported_attendance == 19

    # The page now carries the new version: saving again, after reading the change, goes through.
    again = _form_data(response)
    assert again["version"] == version_of(Workshop.objects.get(pk=reference_workshop.pk))
    assert coordinator_client.post(url, again).status_code == 302
    saved = Workshop.objects.get(pk=reference_workshop.pk)
    assert (saved.reported_attendance, saved.platform) == (21, "Microsoft Teams")


def test_a_coordinator_adds_a_person(coordinator_client):
    response = coordinator_client.post(
        reverse("participants:create"),
        {"honorific": "Ms.", "given_name": " Sreymom ", "family_name": "Chea", "name_order": "family_first"},
    )
    person = Person.objects.get()
    assert (response.status_code, response["Location"]) == (302, person.get_absolute_url())
    assert (person.formal_name, person.given_name) == ("Ms. Chea Sreymom", "Sreymom")


def test_a_person_without_any_name_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("participants:create"), {"honorific": "Mr.", "name_order": "given_first"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Give at least a given name, a family name or a name in own script."]
    }
    assert Person.objects.count() == 0


def test_a_coordinator_may_add_and_correct_an_organisation(coordinator_client, reference_workshop):
    wit = Organisation.objects.get(short_name="WIT")
    assert coordinator_client.get(reverse("institutes:edit", args=[wit.pk])).status_code == 200
    response = coordinator_client.post(
        reverse("institutes:create"),
        {
            "name": "Kampong Speu Institute of Technology",
            "short_name": "KSIT",
            "kind": "tvet",
            "country": "KH",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(short_name="KSIT").history.latest().history_user.username == "coordinator"


def test_an_admin_renames_an_institute_with_now_known_as(admin_client_with_role, reference_workshop):
    wit = Organisation.objects.get(short_name="WIT")
    new = Organisation.objects.create(name="Wuxi Technician College", short_name="WTC", country="CN")
    url = reverse("institutes:edit", args=[wit.pk])
    data = _form_data(admin_client_with_role.get(url))
    data["now_known_as"] = str(new.pk)
    assert admin_client_with_role.post(url, data).status_code == 302
    wit.refresh_from_db()
    assert wit.current() == new


def test_a_manager_edits_an_agreement_but_a_coordinator_may_not(
    manager, coordinator_client, client, reference_workshop
):
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    url = reverse("agreements:edit", args=[agreement.pk])
    assert coordinator_client.get(url).status_code == 403
    coordinator_client.logout()
    client.force_login(manager)
    data = _form_data(client.get(url))
    data["target_signing_date"] = "2022-06-30"
    assert client.post(url, data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.target_signing_date.isoformat() == "2022-06-30"
    assert agreement.status == Agreement.Status.DRAFTING
