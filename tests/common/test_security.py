import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.urls import reverse

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
    assert "This account is locked for 15 minutes" in locked.content.decode()
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
