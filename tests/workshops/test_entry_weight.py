import datetime
import re

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from institutes.models import Organisation
from participants.models import Person
from tests.factories import (
    AttendanceFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    TopicFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)
from workshops.data import AttendanceRow, HostRow, WorkshopData
from workshops.models import Programme, Topic, Workshop

pytestmark = pytest.mark.django_db

EXTRA = 300  # records added on top of the page's own; the bench (bench/entry_pages.py) goes to 100,000
MOST_BYTES = 100_000  # the empty new page is about 80 KB: the time zones, countries and honorifics it carries


def _add_records(count):
    Person.objects.bulk_create(Person(given_name=f"Given{n}", family_name=f"Family{n}") for n in range(count))
    Organisation.objects.bulk_create(Organisation(name=f"Training Institute number {n}") for n in range(count))
    Topic.objects.bulk_create(Topic(name=f"Topic number {n}") for n in range(count))
    Programme.objects.bulk_create(Programme(name=f"Programme number {n}") for n in range(count))


def _weigh(client, url, query=None):
    client.get(url, query)  # warms the session and permission caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured), len(response.content)


def _draft(client):
    """A report reader's draft with a host and two people on record, kept for the signed-in user."""
    host, li, bou = OrganisationFactory(), PersonFactory(), PersonFactory()
    draft = WorkshopData(
        title="Read from a report",
        start_date=datetime.date(2022, 1, 14),
        hosts=[HostRow(str(host.pk))],
        attendance=[AttendanceRow(str(li.pk), str(host.pk)), AttendanceRow(str(bou.pk))],
    )
    session = client.session
    expires = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    session["workshop_drafts"] = {"t1": {"data": draft.to_json(), "expires": expires}}
    session.save()
    return {"draft": "t1"}


@pytest.mark.parametrize("page", ["new", "edit", "draft"])
def test_the_entry_page_weighs_the_same_with_hundreds_more_records_on_record(coordinator_client, page):
    workshop = WorkshopFactory(programme=ProgrammeFactory(), start_date=datetime.date(2024, 3, 1))
    workshop.topics.add(TopicFactory())
    WorkshopOrganisationFactory(workshop=workshop)
    AttendanceFactory(workshop=workshop)
    url = reverse("workshops:edit", args=[workshop.pk]) if page == "edit" else reverse("workshops:create")
    query = _draft(coordinator_client) if page == "draft" else None
    queries, size = _weigh(coordinator_client, url, query)
    _add_records(EXTRA)
    more_queries, more_size = _weigh(coordinator_client, url, query)
    assert (more_queries, more_size) == (queries, size)
    assert size < MOST_BYTES


def test_the_entry_page_selects_offer_only_what_is_chosen(coordinator_client):
    _add_records(20)
    topic, programme = TopicFactory(name="Dual training"), ProgrammeFactory(name="South-South TVET")
    workshop = WorkshopFactory(programme=programme)
    workshop.topics.add(topic)
    # A person and an organisation with the same id (PostgreSQL's sequences are not reset between tests: set it).
    same = (
        max(Person.objects.aggregate(m=Max("pk"))["m"] or 0, Organisation.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    )
    AttendanceFactory(
        workshop=workshop,
        person=PersonFactory(pk=same, given_name="Zhenyun", family_name="Li"),
        organisation=OrganisationFactory(pk=same),
    )
    html = coordinator_client.get(reverse("workshops:edit", args=[workshop.pk])).content.decode()
    options = {
        name: re.findall(r"<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>", body)
        for name, body in re.findall(r"<select name=\"([^\"]+)\"[^>]*>(.*?)</select>", html, re.S)
    }
    assert options["topics"] == [(str(topic.pk), "Dual training")]
    assert options["programme"] == [("", "---------"), (str(programme.pk), "South-South TVET")]
    assert options["initiative"] == [("", "---------")]
    attendance = workshop.attendances.get()
    # The person and the organisation have the same id here: each select names its own record.
    assert attendance.person.pk == attendance.organisation.pk
    assert options["attendance-0-person"] == [("", "---------"), (str(attendance.person.pk), "Zhenyun Li")]
    assert options["attendance-0-organisation"] == [
        ("", "---------"),
        (str(attendance.organisation.pk), str(attendance.organisation)),
    ]


def test_a_topic_or_programme_found_by_the_type_ahead_is_saved(coordinator_client):
    topic, programme = TopicFactory(name="Dual training"), ProgrammeFactory(name="South-South TVET")
    assert coordinator_client.get(reverse("workshops:topic-match"), {"q": "dual"}).json() == {
        "results": [{"id": topic.pk, "name": "Dual training", "label": "Dual training"}]
    }
    assert coordinator_client.get(reverse("workshops:programme-match"), {"q": "tvet south"}).json() == {
        "results": [{"id": programme.pk, "name": "South-South TVET", "label": "South-South TVET"}]
    }
    assert coordinator_client.get(reverse("workshops:topic-match"), {"q": "d"}).json() == {"results": []}


def test_the_type_ahead_of_topics_gives_at_most_eight_shortest_names_first(coordinator_client):
    for name in ["Training of trainers in dual training", "Dual training", *(f"Dual {n}" for n in range(10))]:
        TopicFactory(name=name)
    names = [
        r["name"] for r in coordinator_client.get(reverse("workshops:topic-match"), {"q": "dual"}).json()["results"]
    ]
    assert names == ["Dual 0", "Dual 1", "Dual 2", "Dual 3", "Dual 4", "Dual 5", "Dual 6", "Dual 7"]


@pytest.mark.parametrize("field", ["programme", "initiative", "topics"])
@pytest.mark.parametrize("value", ["99999999999999999999", "１２", "1.5", "-3"])
def test_a_topic_or_programme_that_is_no_record_id_is_a_message_not_a_server_error(coordinator_client, field, value):
    data = {"title": "T", "start_date": "2024-03-01", "kind": "bilateral", "format": "online", "timezone": "UTC"}
    response = coordinator_client.post(reverse("workshops:create"), data | {field: value})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Workshop.objects.count() == 0
