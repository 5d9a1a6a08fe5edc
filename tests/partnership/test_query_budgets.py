"""Every list and record page fetches what it shows in a fixed number of queries: the same with 3 rows as with 30.

Each test builds 3 rows around the page, counts the queries of a request, builds 27 more and counts again.
A warm-up request before each count keeps one-off caches (content types, translations) out of the figures.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, AgreementStatusChange
from overview.insights import refresh
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    OutcomeFactory,
    PersonFactory,
    PositionFactory,
    ProgrammeFactory,
    StatementFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
    person_of,
)
from workshops.models import Topic, Workshop

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def assert_flat(client, url, add):
    """Build 3 rows with add(n), count; build 27 more, count again: the counts must be equal."""
    add(3)
    with_3 = queries_for(client, url)
    add(27)
    with_30 = queries_for(client, url)
    assert with_30 == with_3, f"{url}: {with_3} queries with 3 rows, {with_30} with 30"


def rich_workshop(**kwargs):
    """A workshop as the lists show it: a programme, two hosts, a topic, two named attendees, an action item."""
    workshop = WorkshopFactory(programme=ProgrammeFactory(), **kwargs)
    for _ in range(2):
        host = OrganisationFactory()
        WorkshopOrganisationFactory(workshop=workshop, organisation=host)
        AttendanceFactory(workshop=workshop, organisation=host)
    topic, _ = Topic.objects.get_or_create(name=f"Topic {workshop.pk % 5}")
    workshop.topics.add(topic)
    ActionItemFactory(workshop=workshop)
    return workshop


def rich_agreement(**kwargs):
    agreement = AgreementFactory(programme=ProgrammeFactory(), **kwargs)
    for _ in range(2):
        AgreementPartyFactory(agreement=agreement)
    AgreementStatusChange.objects.create(agreement=agreement, from_status="", to_status=agreement.status)
    return agreement


def test_the_workshop_list_has_a_query_budget(coordinator_client):
    assert_flat(coordinator_client, reverse("workshops:list"), lambda n: [rich_workshop() for _ in range(n)])


def test_the_filtered_workshop_list_has_a_query_budget(coordinator_client):
    url = reverse("workshops:list") + "?status=held&q=Workshop"
    assert_flat(coordinator_client, url, lambda n: [rich_workshop() for _ in range(n)])


def test_the_workshop_record_has_a_query_budget(coordinator_client):
    workshop = rich_workshop()

    def add(n):
        for _ in range(n):
            host = OrganisationFactory()
            WorkshopOrganisationFactory(workshop=workshop, organisation=host)
            attendance = AttendanceFactory(workshop=workshop, organisation=host)
            PositionFactory(person=attendance.person, organisation=host)
            StatementFactory(workshop=workshop, speaker=attendance.person)
            OutcomeFactory(workshop=workshop)
            ActionItemFactory(workshop=workshop)

    assert_flat(coordinator_client, reverse("workshops:detail", args=[workshop.pk]), add)


def test_the_agreement_list_has_a_query_budget(coordinator_client):
    assert_flat(coordinator_client, reverse("agreements:list"), lambda n: [rich_agreement() for _ in range(n)])


def test_the_agreement_record_has_a_query_budget(coordinator_client):
    agreement = rich_agreement(status=Agreement.Status.SIGNED, signed_on=datetime.date(2025, 5, 1))

    def add(n):
        for _ in range(n):
            party = AgreementPartyFactory(agreement=agreement, signatory=PersonFactory())
            PositionFactory(person=party.signatory, organisation=party.organisation)
            ActionItemFactory(agreement=agreement, workshop=None)
            agreement.origin_workshops.add(rich_workshop())
            AgreementStatusChange.objects.create(agreement=agreement, from_status="drafting", to_status="signed")

    assert_flat(coordinator_client, reverse("agreements:detail", args=[agreement.pk]), add)


def test_the_organisation_list_has_a_query_budget(coordinator_client):
    def add(n):
        for _ in range(n):
            OrganisationAliasFactory(organisation=OrganisationFactory())

    assert_flat(coordinator_client, reverse("institutes:list"), add)


def test_the_organisation_record_has_a_query_budget(coordinator_client):
    organisation = OrganisationFactory()

    def add(n):
        for _ in range(n):
            workshop = rich_workshop()
            WorkshopOrganisationFactory(workshop=workshop, organisation=organisation)
            person = PersonFactory()
            PositionFactory(person=person, organisation=organisation)
            AttendanceFactory(workshop=workshop, person=person, organisation=organisation)
            OrganisationAliasFactory(organisation=organisation)
            AgreementPartyFactory(agreement=rich_agreement(), organisation=organisation)

    assert_flat(coordinator_client, reverse("institutes:detail", args=[organisation.pk]), add)


def test_the_person_list_has_a_query_budget(coordinator_client):
    def add(n):
        for _ in range(n):
            PositionFactory()

    assert_flat(coordinator_client, reverse("participants:list"), add)


def test_the_person_record_has_a_query_budget(coordinator_client):
    person = PersonFactory()

    def add(n):
        for _ in range(n):
            workshop = rich_workshop()
            organisation = OrganisationFactory()
            PositionFactory(person=person, organisation=organisation)
            AttendanceFactory(workshop=workshop, person=person, organisation=organisation)
            StatementFactory(workshop=workshop, speaker=person)
            ActionItemFactory(workshop=workshop, owner=person, owner_organisation=organisation)

    assert_flat(coordinator_client, reverse("participants:detail", args=[person.pk]), add)


def test_the_action_item_lists_have_a_query_budget(coordinator_client, coordinator):
    def add(n):
        for i in range(n):
            item = ActionItemFactory(
                workshop=rich_workshop(), owner=person_of(coordinator), due_date=datetime.date(2026, 12, 1)
            )
            item.responsible_organisations.add(OrganisationFactory())
            if i % 2:
                ActionItemFactory(workshop=None, agreement=rich_agreement(), owner=person_of(coordinator))

    assert_flat(coordinator_client, reverse("actions:all"), add)
    assert_flat(coordinator_client, reverse("actions:mine"), add)


def test_the_home_page_has_a_query_budget(coordinator_client, coordinator):
    def add(n):
        for i in range(n):
            rich_workshop(start_date=datetime.date(2030, 1, 1) + datetime.timedelta(days=i), status="planned")
            rich_workshop(start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=i))
            rich_agreement(status=Agreement.Status.pipeline()[i % 3])
            ActionItemFactory(
                workshop=rich_workshop(), owner=person_of(coordinator), due_date=datetime.date(2020, 1, 1)
            )

    assert_flat(coordinator_client, reverse("home"), add)


def test_search_has_a_query_budget(coordinator_client):
    # Near misses are looked for (two more queries) only while fewer than 8 records hold the word
    # (participants/search.py, institutes/search.py: NEAR_WHEN_FEWER): at least 8 of each, so both counts compare
    # the same reading.
    for n in range(8):
        OrganisationFactory(name=f"Wuxi college {n}")
        PersonFactory(given_name="Wuxi")

    def add(n):
        for _ in range(n):
            rich_workshop(title=f"Wuxi workshop {Workshop.objects.count()}")
            OrganisationFactory(name=f"Wuxi institute {Workshop.objects.count()}")
            PersonFactory(given_name="Wuxi")
            rich_agreement(title=f"Wuxi agreement {Workshop.objects.count()}")

    assert_flat(coordinator_client, reverse("search") + "?q=Wuxi", add)


def test_insights_has_a_query_budget(coordinator_client):
    def add(n):
        for _ in range(n):
            rich_workshop()
        refresh()  # the job that computes the figures the page shows

    assert_flat(coordinator_client, reverse("insights"), add)


def test_the_api_lists_have_a_query_budget(coordinator_client):
    assert_flat(coordinator_client, reverse("api:workshop-list"), lambda n: [rich_workshop() for _ in range(n)])
    assert_flat(coordinator_client, reverse("api:agreement-list"), lambda n: [rich_agreement() for _ in range(n)])
    assert_flat(
        coordinator_client, reverse("api:organisation-list"), lambda n: [OrganisationFactory() for _ in range(n)]
    )
    assert_flat(coordinator_client, reverse("api:person-list"), lambda n: [PositionFactory() for _ in range(n)])
