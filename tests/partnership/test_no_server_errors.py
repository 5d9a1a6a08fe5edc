"""Input that once gave a server error answers with a page or a message: page numbers too large for the database,
NUL characters in a search, and API errors as JSON."""

import pytest
from django.urls import reverse

from tests.urls_catalogue import url_for

LIST_PAGES = [
    "workshops:list",
    "participants:list",
    "institutes:list",
    "agreements:list",
    "actions:all",
    "actions:mine",
]
HISTORY_PAGES = ["workshops:history", "participants:history", "institutes:history", "agreements:history"]
HUGE_PAGE = "368934881474190800"


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIST_PAGES + HISTORY_PAGES)
def test_a_huge_page_number_gives_the_last_page(admin_client_with_role, demo_ids, name):
    from tests.urls_catalogue import project_routes

    route = next(r for r in project_routes() if r.name == name)
    response = admin_client_with_role.get(url_for(route, demo_ids), {"page": HUGE_PAGE})
    page = response.context["page"]
    assert (response.status_code, page.number) == (200, page.paginator.num_pages)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIST_PAGES)
def test_a_nul_character_in_a_list_search_is_ignored(admin_client_with_role, demo_ids, name):
    response = admin_client_with_role.get(reverse(name), {"q": "\x00"})
    unfiltered = admin_client_with_role.get(reverse(name))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == unfiltered.context["page"].paginator.count


@pytest.mark.django_db
def test_a_nul_character_in_the_site_search_is_taken_out(admin_client_with_role, reference_workshop):
    response = admin_client_with_role.get(reverse("search"), {"q": "Wuxi\x00"})
    assert response.status_code == 200
    assert response.context["query"] == "Wuxi"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["participants:match", "institutes:match"])
def test_a_nul_character_in_a_type_ahead_is_taken_out(admin_client_with_role, reference_workshop, name):
    with_nul = admin_client_with_role.get(reverse(name), {"q": "Wu\x00xi"})
    without = admin_client_with_role.get(reverse(name), {"q": "Wuxi"})
    assert (with_nul.status_code, with_nul.json()) == (200, without.json())


@pytest.fixture
def api_client(client, admin_user):
    client.raise_request_exception = False
    client.force_login(admin_user)
    return client


@pytest.mark.django_db
def test_a_server_error_in_the_api_is_answered_in_json(api_client, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr("workshops.api.WorkshopViewSet.list", broken)
    response = api_client.get("/api/workshops/")
    assert (response.status_code, response["Content-Type"]) == (500, "application/json")
    assert response.json() == {"detail": "Server error. It has been logged; please try again."}


@pytest.mark.django_db
def test_a_server_error_on_a_page_is_the_error_page(api_client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr("workshops.views.paginate", broken)
    response = api_client.get(reverse("workshops:list"))
    assert (response.status_code, response["Content-Type"]) == (500, "text/html; charset=utf-8")
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_api_address_is_answered_in_json(api_client):
    response = api_client.get("/api/no-such-thing/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.django_db
def test_a_model_refusal_in_the_api_is_a_400_in_json(rf, admin_user):
    from django.core.exceptions import ValidationError

    from common.errors import api_exception_handler

    response = api_exception_handler(ValidationError({"starts_on": ["Too early."]}), {})
    assert (response.status_code, response.data) == (400, {"starts_on": ["Too early."]})
