"""The pages of the running app: sign-in, the home page and the four record lists with their detail pages."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person
from tests.factories import (
    AgreementPartyFactory,
    AttendanceFactory,
    PositionFactory,
    UserFactory,
    WorkshopOrganisationFactory,
)

pytestmark = pytest.mark.django_db

LIST_PAGES = ["home", "workshops:list", "agreements:list", "institutes:list", "participants:list"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_anonymous_users_are_sent_to_sign_in(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_signing_in_lands_on_the_home_page(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "a-long-test-password"})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_wrong_password_is_refused_with_a_message(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()


def test_a_user_without_a_role_may_not_read_records(client):
    client.force_login(UserFactory())
    assert client.get(reverse("workshops:list")).status_code == 403


def test_home_shows_the_pipeline_and_the_reference_workshop(coordinator_client, reference_workshop):
    html = coordinator_client.get("/").content.decode()
    assert (
        '<div class="fs-4 fw-semibold">1</div>\n          <div class="small text-body-secondary">Drafting</div>' in html
    )
    assert reference_workshop.title in html
    assert "8 / 19" in html


def test_workshop_list_shows_named_over_reported(coordinator_client, reference_workshop):
    html = coordinator_client.get(reverse("workshops:list")).content.decode()
    assert "8 / 19" in html
    assert '<span title="Wuxi Institute of Technician">WIT</span>' in html


def test_workshop_list_filters_by_host(coordinator_client, reference_workshop):
    ilo = Organisation.objects.get(short_name="ILO")
    wit = Organisation.objects.get(short_name="WIT")
    assert coordinator_client.get(reverse("workshops:list"), {"host": ilo.pk}).context["page"].paginator.count == 0
    assert coordinator_client.get(reverse("workshops:list"), {"host": wit.pk}).context["page"].paginator.count == 1


def test_workshop_list_filters_by_country_and_topic_and_sorts(coordinator_client, reference_workshop):
    from tests.factories import WorkshopFactory
    from workshops.models import Topic

    WorkshopFactory(title="A later workshop with nobody linked", start_date=datetime.date(2023, 5, 2))
    url = reverse("workshops:list")

    def titles(**params):
        return [w.title[:18] for w in coordinator_client.get(url, params).context["page"]]

    assert titles(country="KH") == ["Workshop of Cooper"]
    assert titles(country="TH") == []
    exchange = Topic.objects.get(name__iexact="School-to-school exchange")
    assert titles(topic=exchange.pk) == ["Workshop of Cooper"]
    assert titles(ordering="date") == ["Workshop of Cooper", "A later workshop w"]
    assert titles(ordering="-date") == ["A later workshop w", "Workshop of Cooper"]
    assert titles(country="not-a-country") == ["A later workshop w", "Workshop of Cooper"]  # ignored, not a 500


def test_the_meeting_record_reads_like_the_report(coordinator_client, reference_workshop):
    response = coordinator_client.get(reference_workshop.get_absolute_url())
    html = response.content.decode()
    assert "8 named of 19 reported, from 6 organisations" in html
    groups = [
        (org.short_name, [a.person.full_name for a in rows])
        for org, rows in response.context["attendances_by_organisation"]
    ]
    assert groups == [
        ("ILO", ["Yutong Liu", "Kimroeun Kouy"]),
        ("PCCFPI", ["Samath Bou"]),
        ("SSEZ", ["Jiangang Chen", "Jianjiang Cao"]),
        ("Wuxi HRSS Bureau", ["Ting Shen"]),
        ("WIT", ["Zhenyun Li", "Jianbin Chen"]),
    ]
    assert "“Wuxi and Sihanouk are sister cities." in html
    assert "Participants agreed to discuss the cooperation in more detail at technical level." in html
    assert [label for label, _orgs in response.context["organisation_roles"]] == ["Host", "Coordinator", "Represented"]


def test_agreement_page_shows_parties_and_origin(coordinator_client, reference_workshop):
    agreement = Agreement.objects.get()
    html = coordinator_client.get(agreement.get_absolute_url()).content.decode()
    assert "Drafting" in html
    assert "Facilitator" in html
    assert reference_workshop.get_absolute_url() in html


def test_organisation_page_lists_people_workshops_and_agreements(coordinator_client, reference_workshop):
    pccfpi = Organisation.objects.get(short_name="PCCFPI")
    response = coordinator_client.get(pccfpi.get_absolute_url())
    html = response.content.decode()
    assert "SCCFPI" in html
    assert "Mr. Samath Bou" in html
    assert list(response.context["workshops"]) == [reference_workshop]


def test_organisation_search_finds_an_alias(coordinator_client, reference_workshop):
    response = coordinator_client.get(reverse("institutes:list"), {"q": "sses"})
    assert [o.short_name for o in response.context["page"]] == ["SSEZ"]


def test_people_search_finds_each_chen_by_given_name(coordinator_client, reference_workshop):
    response = coordinator_client.get(reverse("participants:list"), {"q": "Jiangang Chen"})
    assert [p.full_name for p in response.context["page"]] == ["Jiangang Chen"]


def test_person_page_shows_positions_and_workshops(coordinator_client, reference_workshop):
    person = Person.objects.get(given_name="Yutong")
    html = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert "Project Manager" in html
    assert "ILO–China Partnership Project" in html
    assert reference_workshop.title in html


@pytest.mark.parametrize("name", ["workshops:detail", "agreements:detail", "institutes:detail", "participants:detail"])
def test_an_unknown_id_is_404(coordinator_client, name):
    assert coordinator_client.get(reverse(name, args=[999999])).status_code == 404


@pytest.mark.parametrize("page", ["x", "0", "99999"])
def test_a_bad_page_number_shows_a_real_page(coordinator_client, reference_workshop, page):
    assert coordinator_client.get(reverse("workshops:list"), {"page": page}).status_code == 200


def test_a_bad_filter_value_is_not_an_error(coordinator_client, reference_workshop):
    response = coordinator_client.get(reverse("workshops:list"), {"start_after": "14/14/2022", "programme": "abc"})
    assert response.status_code == 200
    assert response.context["filter"].errors


def _build(n):
    for _ in range(n):
        link = WorkshopOrganisationFactory()
        AttendanceFactory(workshop=link.workshop, organisation=link.organisation)
        PositionFactory(organisation=link.organisation)
        AgreementPartyFactory(organisation=link.organisation)


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_use_the_same_number_of_queries_for_3_and_30_rows(coordinator_client, name):
    _build(3)
    coordinator_client.get(reverse(name))  # the first request of a session records when it was last seen
    cache.clear()  # both counted as the first view since the records changed (home keeps its figures until then)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(reverse(name))
    _build(27)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        coordinator_client.get(reverse(name))
    assert len(many) == len(few)


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")
