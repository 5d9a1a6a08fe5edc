import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ActionItemFactory, AgreementFactory, UserFactory, person_of
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)
NOW = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def actions(coordinator, manager):
    agreement = AgreementFactory(title="Exchange MoU")
    return {
        "late": ActionItemFactory(
            title="Late", owner=person_of(coordinator), due_date=TODAY - datetime.timedelta(days=3)
        ),
        "soon": ActionItemFactory(
            title="Soon", owner=person_of(coordinator), due_date=TODAY + datetime.timedelta(days=5)
        ),
        "done": ActionItemFactory(
            title="Done late", owner=person_of(coordinator), due_date=TODAY - datetime.timedelta(days=9), status="done"
        ),
        "theirs": ActionItemFactory(
            title="Theirs",
            owner=person_of(manager),
            workshop=None,
            agreement=agreement,
            due_date=TODAY - datetime.timedelta(1),
        ),
    }


def _titles(response):
    return [action.title for action in response.context["page"]]


def test_mine_lists_only_my_actions_by_due_date(coordinator_client, actions):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("actions:mine"))
    assert _titles(response) == ["Done late", "Late", "Soon"]


def test_all_lists_everyones_actions(coordinator_client, actions):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("actions:all"))
    assert _titles(response) == ["Done late", "Late", "Theirs", "Soon"]


def test_overdue_actions_are_highlighted_but_not_done_ones(coordinator_client, actions):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("actions:all"))
    html = response.content.decode()
    assert html.count('class="table-danger action-overdue"') == 2
    assert html.count(">Overdue</span>") == 2


@pytest.mark.parametrize(
    "query, titles",
    [
        ({"overdue": "true"}, ["Late", "Theirs"]),
        ({"still_open": "true"}, ["Late", "Theirs", "Soon"]),
        ({"status": "done"}, ["Done late"]),
        ({"due_within": "7"}, ["Soon"]),
    ],
)
def test_the_filters_pick_exactly_the_matching_actions(coordinator_client, actions, query, titles):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("actions:all"), query)
    assert _titles(response) == titles


def test_an_action_belongs_to_its_agreement_on_the_list(coordinator_client, actions):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.get(reverse("actions:all"))
    assert f'href="{actions["theirs"].agreement.get_absolute_url()}">Exchange MoU</a>' in response.content.decode()


def test_marking_an_action_done_records_the_day_and_goes_back(coordinator_client, actions):
    with time_machine.travel(NOW, tick=False):
        response = coordinator_client.post(
            reverse("actions:status", args=[actions["late"].pk]),
            {"status": "done", "next": "/actions/all/?overdue=true"},
        )
    assert response.status_code == 302
    assert response["Location"] == "/actions/all/?overdue=true"
    actions["late"].refresh_from_db()
    assert (actions["late"].status, actions["late"].completed_on) == ("done", TODAY)
    assert actions["late"].history.order_by("-history_id").first().history_user.username == "coordinator"


def test_reopening_an_action_clears_its_completion_day(coordinator_client, actions):
    coordinator_client.post(reverse("actions:status", args=[actions["done"].pk]), {"status": "in_progress"})
    actions["done"].refresh_from_db()
    assert (actions["done"].status, actions["done"].completed_on) == ("in_progress", None)


@pytest.mark.parametrize("status", ["", "finished", "<script>"])
def test_an_unknown_status_changes_nothing_and_says_so(coordinator_client, actions, status):
    response = coordinator_client.post(
        reverse("actions:status", args=[actions["soon"].pk]), {"status": status}, follow=True
    )
    actions["soon"].refresh_from_db()
    assert actions["soon"].status == ActionItem.Status.OPEN
    assert [str(m) for m in response.context["messages"]] == ["Choose one of the listed statuses."]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "actions:all", "/x\nSet-Cookie: a=b"])
def test_it_never_redirects_off_site(coordinator_client, actions, next_url):
    response = coordinator_client.post(
        reverse("actions:status", args=[actions["soon"].pk]), {"status": "done", "next": next_url}
    )
    assert response["Location"] == "/actions/"


def test_a_user_without_a_role_may_not_change_an_action(client, actions):
    client.force_login(UserFactory(username="visitor"))
    response = client.post(reverse("actions:status", args=[actions["soon"].pk]), {"status": "done"})
    assert response.status_code == 403
    actions["soon"].refresh_from_db()
    assert actions["soon"].status == "open"


def test_an_unknown_action_is_404(coordinator_client):
    assert coordinator_client.post(reverse("actions:status", args=[999999]), {"status": "done"}).status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(coordinator_client, actions, django_assert_max_num_queries):
    ActionItemFactory.create_batch(20, due_date=TODAY)
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(reverse("actions:all"))
    assert len(response.context["page"]) == 24


def test_each_cell_names_its_column_for_the_stacked_list_at_360_px(coordinator_client):
    ActionItemFactory(title="Unassigned", owner=None, due_date=None)
    html = coordinator_client.get(reverse("actions:all")).content.decode()
    assert '<td data-label="Owner">—</td>' in html
    assert '<td class="text-nowrap" data-label="Due">—</td>' in html
    assert html.count('data-label="Status"') == 1
