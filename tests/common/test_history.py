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


def test_the_workshop_history_shows_what_changed_in_long_texts_actions_and_merged_people_and_no_renumbering(
    coordinator_client, coordinator, admin_user, reference_workshop
):
    from participants.services import person_merge
    from workshops.models import ActionItem, Attendance

    reference_workshop._history_user = coordinator
    reference_workshop.minutes = reference_workshop.minutes.replace("sister cities", "twin cities")
    reference_workshop.save()
    for attendance in Attendance.objects.filter(workshop=reference_workshop):
        attendance.order += 1
        attendance.save()
    action = ActionItem.objects.filter(workshop=reference_workshop).order_by("pk").first()
    action.title = "Draft the framework agreement"
    action.save()
    cao = Person.objects.get(family_name="Cao")
    keep = Person.objects.create(given_name="Jianjiang", family_name="Cao", email="cao@ssez.example")
    person_merge(keep=keep, duplicate=cao, user=admin_user)
    statement = reference_workshop.statements.get(speaker=keep)
    statement.speaker = Person.objects.get(family_name="Bou")
    statement.save()

    response = coordinator_client.get(reverse("workshops:history", args=[reference_workshop.pk]))
    minutes = next(v for v in response.context["versions"] if v.changes and v.changes[0].field == "minutes")
    assert minutes.changes[0].diff == [
        ("gap", "…"),
        ("same", "Social Security Bureau, said “Wuxi and Sihanouk are "),
        ("del", "sister"),
        ("ins", "twin"),
        ("same", " cities. We will fully support the establishment of"),
        ("gap", "…"),
    ]
    assert "are <del>sister</del><ins>twin</ins> cities." in response.content.decode()
    sections = dict(response.context["sections"])
    # Renumbered rows are not listed; the merge is, with the merged record by its last name.
    assert [(v.kind, v.label, v.changes) for v in sections["attendances"] if v.kind == "Changed"] == [
        ("Changed", "Jianjiang Cao", [("person", "Jianjiang Cao (no longer on record)", "Jianjiang Cao")])
    ]
    assert [(v.label, v.changes) for v in sections["action items"] if v.changes] == [
        (
            "Draft the framework agreement",
            [("what", "Draft the multilateral cooperation framework agreement", "Draft the framework agreement")],
        )
    ]
    assert [(v.label, v.changes) for v in sections["statements"] if v.changes] == [
        ("Samath Bou", [("speaker", "Jianjiang Cao", "Samath Bou")]),
        ("Jianjiang Cao", [("speaker", "Jianjiang Cao (no longer on record)", "Jianjiang Cao")]),
    ]
