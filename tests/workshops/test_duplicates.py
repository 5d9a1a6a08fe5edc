import datetime

import pytest
import yaml
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import AttendanceFactory, OrganisationFactory, PersonFactory, WorkshopFactory
from tests.factories import WorkshopOrganisationFactory as LinkFactory
from workshops.data import AttendanceRow, HostRow, WorkshopData, ref
from workshops.duplicates import as_json, possible_duplicates
from workshops.models import Workshop, WorkshopOrganisation
from workshops.services import WorkshopMayDuplicate, workshop_write

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 3, 10)
HOST = WorkshopOrganisation.Role.HOST


def _data(title="Curriculum exchange", start=DAY, hosts=(), people=()):
    return WorkshopData(
        title=title,
        start_date=start,
        hosts=[HostRow(ref(o.pk), role) for o, role in hosts],
        attendance=[AttendanceRow(person=ref(p.pk)) for p in people],
    )


def test_a_workshop_three_days_away_sharing_a_host_may_be_a_duplicate():
    host = OrganisationFactory()
    near = WorkshopFactory(title="Visit", start_date=DAY + datetime.timedelta(days=3))
    far = WorkshopFactory(title="Visit", start_date=DAY - datetime.timedelta(days=4))
    for workshop in (near, far):
        LinkFactory(workshop=workshop, organisation=host, role=HOST)
    assert possible_duplicates(_data(hosts=[(host, HOST)])) == [near]


def test_an_organisation_that_is_only_represented_at_both_is_not_a_shared_host():
    organisation = OrganisationFactory()
    other = WorkshopFactory(title="Visit", start_date=DAY)
    LinkFactory(workshop=other, organisation=organisation, role=WorkshopOrganisation.Role.PARTICIPANT)
    assert possible_duplicates(_data(hosts=[(organisation, WorkshopOrganisation.Role.PARTICIPANT)])) == []


def test_two_named_people_in_common_make_a_possible_duplicate_and_one_does_not():
    li, bou, chen = PersonFactory(), PersonFactory(), PersonFactory()
    two = WorkshopFactory(title="Visit", start_date=DAY - datetime.timedelta(days=1))
    one = WorkshopFactory(title="Visit", start_date=DAY)
    for person in (li, bou):
        AttendanceFactory(workshop=two, person=person)
    AttendanceFactory(workshop=one, person=chen)
    AttendanceFactory(workshop=one, person=PersonFactory())
    assert possible_duplicates(_data(people=[li, bou, chen])) == [two]


def test_the_same_title_in_other_case_and_spacing_is_a_possible_duplicate():
    same = WorkshopFactory(title="Curriculum Exchange", start_date=DAY)
    WorkshopFactory(title="Curriculum exchange, part two", start_date=DAY)
    assert possible_duplicates(_data(title="  curriculum   exchange ")) == [same]


def test_the_check_is_one_query_however_many_hosts_and_people_are_compared():
    data = _data(hosts=[(OrganisationFactory(), HOST) for _ in range(3)], people=[PersonFactory() for _ in range(5)])
    with CaptureQueriesContext(connection) as captured:
        assert possible_duplicates(data) == []
    assert len(captured) == 1


def test_the_candidates_are_listed_with_their_id_title_date_and_link():
    workshop = WorkshopFactory(title="Visit", start_date=DAY)
    assert as_json([workshop]) == [
        {"id": workshop.pk, "title": "Visit", "date": "2024-03-10", "url": f"/workshops/{workshop.pk}/"}
    ]


def test_workshop_write_refuses_a_possible_duplicate_unless_it_is_allowed(coordinator):
    host = OrganisationFactory()
    first = workshop_write(data=_data(hosts=[(host, HOST)]), user=coordinator)
    with pytest.raises(WorkshopMayDuplicate) as refused:
        workshop_write(data=_data(title="Another name", hosts=[(host, HOST)]), user=coordinator)
    assert refused.value.candidates == [first]
    assert Workshop.objects.count() == 1
    second = workshop_write(
        data=_data(title="Another name", hosts=[(host, HOST)]), user=coordinator, allow_duplicate=True
    )
    assert Workshop.objects.count() == 2
    assert second.history.get().history_user == coordinator


def test_editing_a_workshop_is_not_refused_as_a_duplicate_of_one_near_it(coordinator):
    host = OrganisationFactory()
    first = workshop_write(data=_data(hosts=[(host, HOST)]), user=coordinator)
    second = workshop_write(data=_data(title="Other", hosts=[(host, HOST)]), user=coordinator, allow_duplicate=True)
    edited = WorkshopData.from_workshop(second)
    edited.summary = "Edited."
    workshop_write(data=edited, workshop=second, user=coordinator)
    second.refresh_from_db()
    assert (second.summary, Workshop.objects.count(), first.summary) == ("Edited.", 2, "")


def _entry(host, **overrides):
    data = {
        "title": "Curriculum exchange",
        "kind": Workshop.Kind.BILATERAL,
        "format": Workshop.Format.ONLINE,
        "start_date": "2024-03-11",
        "date_precision": Workshop.DatePrecision.DAY,
        "timezone": "Asia/Shanghai",
        "hosts-TOTAL_FORMS": "1",
        "hosts-INITIAL_FORMS": "0",
        "hosts-0-organisation": str(host.pk),
        "hosts-0-role": HOST,
        "summary": "Typed by hand.",
    }
    for prefix in ("attendance", "statements", "outcomes", "actions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_the_entry_page_warns_of_a_possible_duplicate_with_a_link_and_keeps_what_was_typed(coordinator_client):
    host = OrganisationFactory(name="Wuxi Institute of Technology")
    other = WorkshopFactory(title="WIT exchange", start_date=DAY)
    LinkFactory(workshop=other, organisation=host, role=HOST)
    response = coordinator_client.post(reverse("workshops:create"), _entry(host))
    assert response.status_code == 200
    assert Workshop.objects.count() == 1
    assert list(response.context["duplicates"]) == [other]
    page = response.content.decode()
    assert f'<a href="/workshops/{other.pk}/" target="_blank" rel="noopener">WIT exchange</a> (2024-03-10)' in page
    assert 'name="allow_duplicate" id="id_allow_duplicate" form="workshop-entry">' in page
    assert response.context["form"]["summary"].value() == "Typed by hand."
    assert response.context["formsets"][0].forms[0]["organisation"].value() == str(host.pk)


def test_a_reports_draft_shows_the_possible_duplicates_before_anything_is_saved(coordinator_client):
    host = OrganisationFactory()
    other = WorkshopFactory(title="WIT exchange", start_date=DAY)
    LinkFactory(workshop=other, organisation=host, role=HOST)
    session = coordinator_client.session
    expires = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    draft = _data(title="Read from the report", start=DAY - datetime.timedelta(days=2), hosts=[(host, HOST)])
    session["workshop_drafts"] = {"t1": {"data": draft.to_json(), "expires": expires}}
    session.save()
    response = coordinator_client.get(reverse("workshops:create"), {"draft": "t1"})
    assert list(response.context["duplicates"]) == [other]
    assert response.context["error_summary"] == []


def test_saving_anyway_from_the_entry_page_writes_the_second_workshop(coordinator_client):
    host = OrganisationFactory()
    other = WorkshopFactory(title="WIT exchange", start_date=DAY)
    LinkFactory(workshop=other, organisation=host, role=HOST)
    response = coordinator_client.post(reverse("workshops:create"), _entry(host, allow_duplicate="on"))
    assert response.status_code == 302
    assert list(Workshop.objects.order_by("pk").values_list("title", flat=True)) == [
        "WIT exchange",
        "Curriculum exchange",
    ]


def test_editing_on_the_entry_page_ignores_workshops_near_it(coordinator_client):
    host = OrganisationFactory()
    first, second = WorkshopFactory(title="A", start_date=DAY), WorkshopFactory(title="A", start_date=DAY)
    for workshop in (first, second):
        LinkFactory(workshop=workshop, organisation=host, role=HOST)
    data = _entry(
        host, title="A", **{"hosts-INITIAL_FORMS": "1", "hosts-0-id": str(second.organisation_links.get().pk)}
    )
    data["version"] = second.updated_at.isoformat()
    response = coordinator_client.post(reverse("workshops:edit", args=[second.pk]), data)
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.summary == "Typed by hand."


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


def test_the_api_answers_409_listing_the_possible_duplicates(api):
    other = WorkshopFactory(title="Curriculum exchange", start_date=DAY)
    response = api.post("/api/workshops/", {"title": "Curriculum exchange", "start_date": "2024-03-12"}, format="json")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This workshop may already be on record.",
        "duplicates": [
            {"id": other.pk, "title": "Curriculum exchange", "date": "2024-03-10", "url": f"/workshops/{other.pk}/"}
        ],
    }
    assert Workshop.objects.count() == 1


def test_the_api_adds_a_possible_duplicate_when_the_request_allows_it(api):
    WorkshopFactory(title="Curriculum exchange", start_date=DAY)
    body = {"title": "Curriculum exchange", "start_date": "2024-03-12", "allow_duplicate": True}
    response = api.post("/api/workshops/", body, format="json")
    assert response.status_code == 201
    assert "allow_duplicate" not in response.json()
    assert Workshop.objects.count() == 2


def test_the_api_schema_documents_allow_duplicate_and_the_409(api):
    schema = yaml.safe_load(api.get("/api/schema/").content)
    fields = schema["components"]["schemas"]["WorkshopRequest"]["properties"]
    assert fields["allow_duplicate"]["type"] == "boolean"
    assert "409" in schema["paths"]["/api/workshops/"]["post"]["responses"]
    assert "allow_duplicate" not in schema["components"]["schemas"]["Workshop"]["properties"]


def test_the_admin_saves_a_possible_duplicate_and_names_the_workshops_near_it(admin_client_with_role):
    assert admin.site.is_registered(Workshop)
    other = WorkshopFactory(title="Curriculum exchange", start_date=DAY)
    data = {
        "title": "Curriculum exchange",
        "kind": Workshop.Kind.BILATERAL,
        "format": Workshop.Format.ONLINE,
        "start_date": "2024-03-11",
        "date_precision": Workshop.DatePrecision.DAY,
        "timezone": "UTC",
    }
    for prefix in ("organisation_links", "attendances", "statements", "outcomes", "action_items", "attachments"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client_with_role.post(reverse("admin:workshops_workshop_add"), data, follow=True)
    assert Workshop.objects.count() == 2
    assert [str(m) for m in response.context["messages"]][0] == (
        f"This workshop may already be on record: Curriculum exchange ({other.date_iso})."
    )
