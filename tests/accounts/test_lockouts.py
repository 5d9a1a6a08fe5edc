import ipaddress
import logging

import pytest
from axes.models import AccessAttempt
from lxml import html

PROXY = "10.0.0.5"
ATTACKER = "203.0.113.66"

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked_coordinator(client, coordinator, settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY)]
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"username": "coordinator", "password": "wrong"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    return coordinator


def _rows(response):
    page = html.fromstring(response.content)
    return [
        [cell.text_content().strip() for cell in row.xpath("td")][:5]
        for row in page.xpath("//table[contains(@class, 'lockout-table')]/tbody/tr")
    ]


def test_an_admin_sees_the_lockout_with_the_real_address_and_times_with_their_zone(
    admin_client_with_role, locked_coordinator
):
    response = admin_client_with_role.get("/accounts/lockouts/")
    assert response.status_code == 200
    attempt_time = AccessAttempt.objects.get().attempt_time
    until = (attempt_time + __import__("datetime").timedelta(minutes=15)).strftime("%H:%M")
    assert _rows(response) == [
        ["coordinator", ATTACKER, "5", attempt_time.strftime("%Y-%m-%d %H:%M UTC"), f"Locked until {until} UTC"]
    ]


def test_an_admin_lifts_a_lockout_and_the_user_signs_in_again(client, admin_user, locked_coordinator, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    client.force_login(admin_user)
    response = client.post("/accounts/lockouts/", {"username": "coordinator", "ip_address": ATTACKER}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [f"coordinator may sign in from {ATTACKER} again."]
    assert _rows(response) == []
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("lockout")] == [
        f"lockout lifted user=coordinator ip={ATTACKER} by=admin ip=127.0.0.1"
    ]
    client.logout()
    signed_in = client.post(
        "/accounts/login/",
        {"username": "coordinator", "password": "a-long-test-password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=ATTACKER,
    )
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/")


def test_lifting_what_is_not_locked_says_so(admin_client_with_role):
    response = admin_client_with_role.post(
        "/accounts/lockouts/", {"username": "coordinator", "ip_address": ATTACKER}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Nothing to lift: the lockout has ended or was lifted already."
    ]


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_other_roles_may_not_see_or_lift_lockouts(client, locked_coordinator, manager, role):
    client.force_login(locked_coordinator if role == "coordinator" else manager)
    assert client.get("/accounts/lockouts/").status_code == 403
    assert client.post("/accounts/lockouts/", {"username": "coordinator", "ip_address": ATTACKER}).status_code == 403
    assert AccessAttempt.objects.count() == 1


def test_the_overview_links_to_the_lockouts_for_admins_only(client, admin_user, manager):
    client.force_login(admin_user)
    assert b'href="/accounts/lockouts/"' in client.get("/").content
    client.force_login(manager)
    assert b'href="/accounts/lockouts/"' not in client.get("/").content
