import datetime
import io
import ipaddress
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from common.log_filters import MaskCalendarTokens
from common.security import client_ip

ROOT = Path(__file__).resolve().parents[2]
CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def directives(header):
    return {part.strip() for part in header.split(";")}


pytestmark = pytest.mark.django_db


def test_check_deploy_reports_nothing_with_debug_off():
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SECRET_KEY="x" * 20 + "a-long-random-production-secret-" + "y" * 20)
    environment.update(DJANGO_ALLOWED_HOSTS="partnership.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced).")


@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/workshops/", "/agreements/", "/institutes/", "/people/"])
def test_pages_carry_the_security_headers(coordinator_client, reference_workshop, url):
    response = coordinator_client.get(url)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == CSP
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_https_mode_sends_hsts_and_secure_cookies(client, coordinator, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/accounts/login/")["Location"] == "https://testserver/accounts/login/"
    response = client.post(
        "/accounts/login/", {"username": "coordinator", "password": "a-long-test-password"}, secure=True
    )
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    cookie = response.cookies["sessionid"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")


def test_repeated_failed_sign_ins_lock_the_account_with_a_message(client, coordinator):
    for _ in range(4):
        assert client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"}).status_code == 200
    locked = client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"})
    assert locked.status_code == 429
    assert "Sign-in to this account from your address is refused for 15 minutes" in locked.content.decode()
    # Even the right password is refused while locked.
    right = client.post("/accounts/login/", {"username": "coordinator", "password": "a-long-test-password"})
    assert right.status_code == 429


def test_an_idle_session_is_signed_out(coordinator_client, settings):
    assert coordinator_client.get("/").status_code == 200
    session = coordinator_client.session
    session["last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    response = coordinator_client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/")


def test_sign_ins_failures_and_refusals_are_logged(client, coordinator, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    client.post("/accounts/login/", {"username": "coordinator", "password": "wrong"})
    client.post("/accounts/login/", {"username": "coordinator", "password": "a-long-test-password"})
    coordinator.groups.clear()
    client.get(reverse("workshops:list"))
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == [
        "failed sign-in user=coordinator ip=127.0.0.1",
        "sign-in user=coordinator ip=127.0.0.1",
        "permission refused user=coordinator GET /workshops/ ip=127.0.0.1",
    ]


def test_a_revoked_role_applies_on_the_next_request(coordinator_client, coordinator):
    assert coordinator_client.get(reverse("workshops:list")).status_code == 200
    coordinator.groups.clear()
    assert coordinator_client.get(reverse("workshops:list")).status_code == 403


PROXY = "10.0.0.5"
ATTACKER = "203.0.113.66"
REAL_USER = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [ipaddress.ip_network(PROXY), ipaddress.ip_network("10.0.1.0/24")]


def _sign_in(client, password, forwarded_for, remote=PROXY):
    return client.post(
        "/accounts/login/",
        {"username": "coordinator", "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.mark.parametrize(
    "remote, forwarded_for, expected",
    [
        ("192.0.2.1", "", "192.0.2.1"),
        # Not from a trusted proxy: the header is the client's own word.
        ("192.0.2.1", "203.0.113.9", "192.0.2.1"),
        (PROXY, "203.0.113.9", "203.0.113.9"),
        # What the client wrote itself stands left of what the proxy appended.
        (PROXY, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        # Through two trusted proxies.
        (PROXY, "203.0.113.9, 10.0.1.7", "203.0.113.9"),
        (PROXY, "203.0.113.9,not-an-address", PROXY),
        (PROXY, "", PROXY),
        (PROXY, "10.0.1.7", "10.0.1.7"),
        ("2001:db8::1", "203.0.113.9", "2001:db8::1"),
    ],
)
def test_the_client_address_comes_from_the_header_only_through_trusted_proxies(
    behind_proxy, remote, forwarded_for, expected
):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected


def test_a_stranger_cannot_lock_the_real_user_out_behind_the_proxy(client, coordinator, behind_proxy):
    assert [_sign_in(client, "wrong", ATTACKER).status_code for _ in range(7)] == [200, 200, 200, 200, 429, 429, 429]
    # The attacker's address stays locked, even with the right password ...
    assert _sign_in(client, "a-long-test-password", ATTACKER).status_code == 429
    # ... and the real user, through the same proxy from another address, signs in.
    response = _sign_in(client, "a-long-test-password", REAL_USER)
    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_forged_header_does_not_escape_the_lockout(client, coordinator, behind_proxy):
    # Straight to the app server, not through the proxy: a new X-Forwarded-For every time changes nothing.
    outcomes = [_sign_in(client, "wrong", f"198.51.100.{n}", remote="192.0.2.1").status_code for n in range(1, 7)]
    assert outcomes == [200, 200, 200, 200, 429, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [("192.0.2.1", 5)]


def test_tries_during_a_lockout_do_not_extend_it(client, coordinator, behind_proxy):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _sign_in(client, "wrong", ATTACKER)
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert _sign_in(client, "wrong", ATTACKER).status_code == 429
        assert _sign_in(client, "a-long-test-password", ATTACKER).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert _sign_in(client, "a-long-test-password", ATTACKER).status_code == 302


def test_lockouts_are_logged_with_the_real_address(client, coordinator, behind_proxy, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    for _ in range(6):
        _sign_in(client, "wrong", ATTACKER)
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == [
        *["failed sign-in user=coordinator ip=203.0.113.66"] * 4,
        "locked out user=coordinator ip=203.0.113.66",
        "failed sign-in user=coordinator ip=203.0.113.66",
        "locked out user=coordinator ip=203.0.113.66",
        "failed sign-in user=coordinator ip=203.0.113.66",
    ]


@pytest.fixture
def console_output():
    """What the console handler of settings.LOGGING writes, through its filters."""
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, MaskCalendarTokens) for f in h.filters))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_calendar_secrets_never_reach_the_log(client, coordinator, console_output):
    token = coordinator.calendar_token
    assert client.get(f"/calendar/{token}/nope.ics").status_code == 404
    assert client.get(f"/calendar/{token}").status_code == 404
    lines = [line.split(" ", 2)[2] for line in console_output.getvalue().splitlines()]
    assert lines == [
        "WARNING django.request Not Found: /calendar/…/nope.ics",
        "WARNING django.request Not Found: /calendar/…",
    ]


def test_the_token_filter_masks_messages_arguments_and_tracebacks():
    try:
        raise ValueError("no feed at /calendar/s3cr3t-t0ken/workshops.ics")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/calendar/abc_DEF-1/x.ics",),
            None,
        )
        record.exc_info = sys.exc_info()
    MaskCalendarTokens().filter(record)
    assert record.getMessage() == "Internal Server Error: /calendar/…/x.ics"
    assert record.exc_text.splitlines()[-1] == "ValueError: no feed at /calendar/…/workshops.ics"
    untouched = logging.LogRecord("x", logging.INFO, __file__, 1, "POST /calendar/reset/ 302", None, None)
    MaskCalendarTokens().filter(untouched)
    assert untouched.getMessage() == "POST /calendar/reset/ 302"


def test_a_newline_in_a_username_does_not_forge_a_line_of_the_security_log(client, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    forged = "mallory\n2026-01-01 00:00:00 INFO common.security sign-in user=admin ip=10.0.0.1"
    client.post("/accounts/login/", {"username": forged, "password": "wrong"})
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == [
        "failed sign-in user=mallory\\n2026-01-01 00:00:00 INFO common.security sign-in user=admin ip=10.0.0.1"
        " ip=127.0.0.1",
    ]
