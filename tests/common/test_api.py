import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from agreements.models import Agreement
from institutes.models import Organisation
from tests.factories import AttendanceFactory, OrganisationFactory, UserFactory, stored_version
from workshops.models import Attendance, Workshop


@pytest.fixture
def api():
    return APIClient()


def signed_in(api, user):
    api.force_authenticate(user)
    return api


def test_the_api_refuses_anonymous_readers(api, reference_workshop):
    assert api.get("/api/workshops/").status_code == 401
    assert api.get("/api/workshops/").json() == {"detail": "Authentication credentials were not provided."}


def test_a_user_without_a_role_may_not_read(api, reference_workshop):
    signed_in(api, UserFactory(username="nobody"))
    assert api.get("/api/organisations/").status_code == 403


def test_workshops_come_with_attendance_and_organisations(api, reference_workshop, coordinator):
    response = signed_in(api, coordinator).get("/api/workshops/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    workshop = body["results"][0]
    assert workshop["start_date"] == "2022-01-14"
    assert workshop["reported_attendance"] == 19
    assert [a["person_name"] for a in workshop["attendances"]] == [
        "Samath Bou",
        "Ting Shen",
        "Zhenyun Li",
        "Jianbin Chen",
        "Jiangang Chen",
        "Jianjiang Cao",
        "Yutong Liu",
        "Kimroeun Kouy",
    ]
    assert [o["role"] for o in workshop["organisations"]] == [
        "coordinator",
        "host",
        "host",
        "participant",
        "participant",
    ]


def test_agreements_come_with_their_parties(api, reference_workshop, manager):
    body = signed_in(api, manager).get("/api/agreements/").json()
    agreement = body["results"][0]
    labels = {Organisation.objects.get(pk=p["organisation"]).short_name: p["role"] for p in agreement["parties"]}
    assert labels == {"WIT": "party", "PCCFPI": "party", "SSEZ": "party", "ILO": "facilitator"}
    assert agreement["status"] == "drafting"


def test_filters_narrow_the_list(api, reference_workshop, coordinator):
    signed_in(api, coordinator)
    assert api.get("/api/organisations/", {"country": "KH"}).json()["count"] == 2
    assert api.get("/api/organisations/", {"q": "SCCFPI"}).json()["results"][0]["short_name"] == "PCCFPI"
    assert api.get("/api/workshops/", {"format": "in_person"}).json()["count"] == 0
    assert api.get("/api/people/", {"q": "Zhenyun"}).json()["count"] == 1
    assert api.get("/api/action-items/", {"status": "open"}).json()["count"] == 3


def test_lists_are_paginated_by_25(api, coordinator):
    OrganisationFactory.create_batch(27)
    body = signed_in(api, coordinator).get("/api/organisations/").json()
    assert (body["count"], body["count_capped"], len(body["results"]), body["next"] is not None) == (
        27,
        False,
        25,
        True,
    )


def test_a_long_list_is_counted_no_further_than_the_cap_past_the_page(api, coordinator, monkeypatch):
    monkeypatch.setattr("common.pagination.COUNT_LIMIT", 30)
    OrganisationFactory.create_batch(60)
    signed_in(api, coordinator)

    first = api.get("/api/organisations/").json()
    second = api.get("/api/organisations/", {"page": 2}).json()
    third = api.get("/api/organisations/", {"page": 3}).json()

    # Page 1 counts up to 30 rows (more: capped); page 2 ends at row 50, so up to 60 are counted: all of them.
    assert (first["count"], first["count_capped"], len(first["results"])) == (30, True, 25)
    assert (second["count"], second["count_capped"], len(second["results"])) == (60, False, 25)
    assert (third["count"], third["count_capped"], len(third["results"]), third["next"]) == (60, False, 10, None)


def test_a_coordinator_may_add_and_correct_an_organisation_but_not_delete_it(api, coordinator):
    signed_in(api, coordinator)
    response = api.post("/api/people/", {"given_name": "Sokha", "family_name": "Chan", "country": "KH"}, format="json")
    assert response.status_code == 201
    assert response.json()["full_name"] == "Sokha Chan"
    response = api.post("/api/organisations/", {"name": "Kampot Polytechnic"}, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    org = Organisation.objects.get(pk=pk)
    renamed = {"name": "Kampot Polytechnic Institute", "updated_at": stored_version(org)}
    assert api.patch(f"/api/organisations/{pk}/", renamed, format="json").status_code == 200
    assert api.delete(f"/api/organisations/{pk}/").status_code == 403
    org.refresh_from_db()
    assert org.name == "Kampot Polytechnic Institute"
    # The API is a door like the page: the old name is kept as a former name.
    assert list(org.aliases.values_list("name", "kind")) == [("Kampot Polytechnic", "former_name")]


def test_a_coordinator_may_not_write_agreements_but_a_manager_may(api, coordinator, manager):
    assert signed_in(api, coordinator).post("/api/agreements/", {"title": "MoU"}, format="json").status_code == 403
    response = signed_in(APIClient(), manager).post("/api/agreements/", {"title": "MoU"}, format="json")
    assert response.status_code == 201
    agreement = Agreement.objects.get()
    assert (agreement.title, agreement.status, agreement.created_by) == ("MoU", "proposed", manager)


def test_an_admin_may_change_an_organisation(api, admin_user):
    org = OrganisationFactory(name="Old name")
    response = signed_in(api, admin_user).patch(
        f"/api/organisations/{org.pk}/", {"name": "New name", "updated_at": stored_version(org)}, format="json"
    )
    assert response.status_code == 200
    org.refresh_from_db()
    assert org.name == "New name"
    assert org.history.first().history_user == admin_user


def test_writes_run_the_model_validation(api, coordinator):
    signed_in(api, coordinator)
    response = api.post("/api/workshops/", {"title": "Visit", "start_date": "2024-05-02", "timezone": "Mars/Olympus"})
    assert response.status_code == 400
    assert response.json() == {
        "timezone": ["“Mars/Olympus” is not a time zone name such as Asia/Shanghai or Asia/Phnom_Penh."]
    }
    response = api.post("/api/workshops/", {"title": "Visit", "start_date": "2024-05-02", "end_date": "2024-05-01"})
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["The workshop cannot end before it starts."]}
    assert Workshop.objects.count() == 0


def test_a_stale_updated_at_gives_409_and_changes_nothing(api, coordinator, reference_workshop):
    signed_in(api, coordinator)
    url = f"/api/workshops/{reference_workshop.pk}/"
    read = api.get(url).json()
    assert api.patch(url, {"venue": "Wuxi", "updated_at": read["updated_at"]}, format="json").status_code == 200
    # The second client still holds the first read.
    response = api.patch(url, {"venue": "Phnom Penh", "updated_at": read["updated_at"]}, format="json")
    assert response.status_code == 409
    reference_workshop.refresh_from_db()
    assert reference_workshop.venue == "Wuxi"


def test_api_token_create_gives_a_working_token(api, coordinator, capsys):
    call_command("api_token_create", "coordinator")
    key = capsys.readouterr().out.split(": ")[-1].strip()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/organisations/").status_code == 200


def test_the_schema_and_docs_are_served_to_signed_in_users(client, coordinator):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(coordinator)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/workshops/{id}/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in docs.content


def test_deleting_an_organisation_still_in_use_is_a_409(api, admin_user, reference_workshop):
    wit = Organisation.objects.get(short_name="WIT")
    response = signed_in(api, admin_user).delete(f"/api/organisations/{wit.pk}/")
    assert response.status_code == 409
    assert Organisation.objects.filter(pk=wit.pk).exists()


def test_a_malformed_id_is_a_json_404(api, coordinator):
    response = signed_in(api, coordinator).get("/api/organisations/1.5e-3/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_change_without_updated_at_gives_428_and_changes_nothing(api, admin_user):
    org = OrganisationFactory(name="Old name")
    signed_in(api, admin_user)
    for method in (api.patch, api.put):
        response = method(f"/api/organisations/{org.pk}/", {"name": "New name"}, format="json")
        assert (response.status_code, response.json()) == (
            428,
            {
                "detail": "Send the record's `updated_at` as you last read it, so that a change someone else saved "
                "since is not overwritten."
            },
        )
    assert Organisation.objects.get(pk=org.pk).name == "Old name"


def test_a_stale_updated_at_on_an_attendance_gives_409(api, coordinator):
    attendance = AttendanceFactory(title="Lecturer")
    signed_in(api, coordinator)
    seen = stored_version(attendance)
    url = f"/api/attendances/{attendance.pk}/"
    assert api.patch(url, {"title": "Dean", "updated_at": seen}, format="json").status_code == 200
    response = api.patch(url, {"title": "Rector", "updated_at": seen}, format="json")
    assert response.status_code == 409
    assert Attendance.objects.get(pk=attendance.pk).title == "Dean"
