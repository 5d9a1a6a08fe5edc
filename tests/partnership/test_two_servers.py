"""Two app servers on one PostgreSQL and one Redis, as behind a load balancer: either one may answer any request."""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from lxml import html

from accounts.roles import ADMIN
from institutes.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
# A database of its own on the shared Redis, emptied by the test.
REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "a-long-test-password"

pytestmark = [
    # Checked before the test database is made, so a run on SQLite skips at once.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two app servers need a shared database server: run with DATABASE_URL=postgres://…",
    ),
    # Committed rows, so the servers see what the test creates.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def shared_redis():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}: .ci/run starts it.")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def _database_url():
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = ":" + urllib.parse.quote(db["PASSWORD"], safe="") if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_listening(process, port, log):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn on port {port} exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"gunicorn on port {port} did not start in 20 s:\n{log.read_text()}")


@pytest.fixture
def two_servers(shared_redis, tmp_path):
    """Base URLs of two gunicorn servers on the test database and the test Redis, with production settings."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "AWS_")) and name not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="partnership.settings",
        DJANGO_SECRET_KEY="two-servers-one-secret-key",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=_database_url(),
        REDIS_URL=REDIS_URL,
    )
    servers = []
    try:
        for name in ("a", "b"):
            port = _free_port()
            log = tmp_path / f"gunicorn-{name}.log"
            command = [sys.executable, "-m", "gunicorn", "partnership.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
            with log.open("w") as output:
                process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=output)
            servers.append((process, port, log))
        for process, port, log in servers:
            _wait_until_listening(process, port, log)
        yield [f"http://127.0.0.1:{port}" for _, port, _ in servers]
    finally:
        for process, _, _ in servers:
            process.terminate()
        for process, _, _ in servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _Browser:
    """One cookie jar for both servers, as a browser has for one site behind a load balancer."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect())

    def request(self, url, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            response = self._opener.open(url, body, timeout=15)
        except urllib.error.HTTPError as error:  # a 3xx or 4xx answer, kept as it is
            response = error
        with response:
            return response.code, response.headers, response.read().decode()

    def cookie(self, name):
        return next(cookie.value for cookie in self.cookies if cookie.name == name)


def _form_with(page, field):
    return next(form for form in html.fromstring(page).forms if field in form.fields)


def test_a_sign_in_on_one_server_is_valid_on_the_other_and_an_edit_on_one_shows_on_the_other(two_servers, shared_redis):
    server_a, server_b = two_servers
    user = UserFactory(username="ana", role=ADMIN)
    # Hashed as the servers hash (the tests' fast MD5 hasher is not in their settings), with few rounds for speed.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-servers-salt", iterations=1000)
    user.save(update_fields=["password"])
    organisation = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    browser = _Browser()

    status, _, page = browser.request(f"{server_a}/accounts/login/")
    assert status == 200
    sign_in = dict(_form_with(page, "username").form_values())
    sign_in.update(username="ana", password=PASSWORD)
    status, headers, _ = browser.request(f"{server_a}/accounts/login/", sign_in)
    assert (status, headers["Location"]) == (302, "/")
    session_key = browser.cookie("sessionid")

    status, _, page = browser.request(f"{server_b}/")
    assert status == 200
    assert html.fromstring(page).xpath("//button[@id='user-menu']/text()") == ["ana"]
    # The session is cached in the shared Redis, in front of its row in the database.
    assert shared_redis.exists(f":1:django.contrib.sessions.cached_db{session_key}") == 1

    status, _, page = browser.request(f"{server_b}/institutes/{organisation.pk}/edit/")
    assert status == 200
    edit = dict(_form_with(page, "version").form_values())
    edit["name"] = "Wuxi Institute of Technology"
    status, headers, _ = browser.request(f"{server_b}/institutes/{organisation.pk}/edit/", edit)
    assert (status, headers["Location"]) == (302, f"/institutes/{organisation.pk}/")

    status, _, page = browser.request(f"{server_a}/institutes/{organisation.pk}/")
    assert status == 200
    assert html.fromstring(page).xpath("//h1/text()") == ["Wuxi Institute of Technology (WIT)"]
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert (organisation.name, organisation.history.first().history_user) == ("Wuxi Institute of Technology", user)

    # Emptying Redis signs nobody out: the session is read back from the database and cached again.
    shared_redis.flushdb()
    status, _, page = browser.request(f"{server_a}/")
    assert status == 200
    assert html.fromstring(page).xpath("//button[@id='user-menu']/text()") == ["ana"]
    assert shared_redis.exists(f":1:django.contrib.sessions.cached_db{session_key}") == 1
