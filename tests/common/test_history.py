import pytest
from django.urls import reverse

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_change_made_in_a_request_records_who_made_it(admin_client_with_role, reference_workshop):
    organisation = Organisation.objects.get(short_name="SSEZ")
    url = reverse("admin:institutes_organisation_change", args=[organisation.pk])
    form = admin_client_with_role.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "city"}
    data.update(
        name=organisation.name,
        short_name=organisation.short_name,
        website="https://www.ssez.com",
        city=organisation.city_id,
        country="KH",
        **{
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "relations_from-TOTAL_FORMS": 0,
            "relations_from-INITIAL_FORMS": 0,
        },
    )
    data.pop("now_known_as", None)
    response = admin_client_with_role.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = organisation.history.latest()
    assert (latest.history_user.username, latest.history_type, latest.website) == ("admin", "~", "https://www.ssez.com")


def test_the_history_page_shows_field_level_changes(coordinator_client, coordinator, reference_workshop):
    reference_workshop._history_user = coordinator
    reference_workshop.reported_attendance = 20
    reference_workshop.platform = "Zoom"
    reference_workshop.save()
    response = coordinator_client.get(reverse("workshops:history", args=[reference_workshop.pk]))
    newest = response.context["versions"][0]
    assert (newest.user, newest.kind) == (coordinator, "Changed")
    assert newest.changes == [("online platform", "—", "Zoom"), ("reported attendance", 19, 20)]
    assert response.context["versions"][-1].kind == "Created"
    attendance_title, attendance_changes = response.context["sections"][0]
    assert (attendance_title, len(attendance_changes)) == ("attendances", 8)


def test_foreign_keys_show_the_related_record_not_its_id(coordinator_client, reference_workshop):
    person = Person.objects.get(given_name="Yutong")
    position = person.positions.get()
    position.organisation = Organisation.objects.get(short_name="WIT")
    position.save()
    response = coordinator_client.get(reverse("participants:history", args=[person.pk]))
    _title, positions = response.context["sections"][0]
    assert positions[0].changes == [
        ("organisation", "International Labour Organization (ILO)", "Wuxi Institute of Technician (WIT)")
    ]


@pytest.mark.parametrize(
    "name", ["workshops:history", "agreements:history", "institutes:history", "participants:history"]
)
def test_history_pages_need_the_view_permission(client, reference_workshop, name):
    client.force_login(UserFactory())
    pk = {
        "workshops:history": reference_workshop.pk,
        "agreements:history": Agreement.objects.get().pk,
        "institutes:history": Organisation.objects.get(short_name="WIT").pk,
        "participants:history": Person.objects.get(given_name="Samath").pk,
    }[name]
    assert client.get(reverse(name, args=[pk])).status_code == 403


@pytest.mark.parametrize(
    "name", ["workshops:history", "agreements:history", "institutes:history", "participants:history"]
)
def test_history_of_an_unknown_record_is_404(coordinator_client, name):
    assert coordinator_client.get(reverse(name, args=[987654])).status_code == 404


def test_coordinators_get_no_restore_link(coordinator_client, reference_workshop):
    url = reverse("workshops:history", args=[reference_workshop.pk])
    assert coordinator_client.get(url).context["admin_history"] is None


def test_admins_get_the_restore_link(admin_client_with_role, reference_workshop):
    url = reverse("workshops:history", args=[reference_workshop.pk])
    assert admin_client_with_role.get(url).context["admin_history"] == (
        f"/admin/workshops/workshop/{reference_workshop.pk}/history/"
    )


def test_an_admin_restores_an_earlier_version_in_the_admin_site(admin_client_with_role, reference_workshop):
    organisation = Organisation.objects.get(short_name="WIT")
    original = organisation.history.latest()
    organisation.website = "https://wrong.example"
    organisation.save()
    url = reverse("admin:institutes_organisation_simple_history", args=[organisation.pk, original.history_id])
    form = admin_client_with_role.get(url).context["adminform"].form
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update(
        {
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "relations_from-TOTAL_FORMS": 0,
            "relations_from-INITIAL_FORMS": 0,
        }
    )
    response = admin_client_with_role.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.website == ""
    assert organisation.history.latest().history_user.username == "admin"
