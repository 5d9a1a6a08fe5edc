"""Redis stopped under a signed-in user: the app keeps serving from the database and nobody is signed out."""

import logging
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.test import Client

from common import cache as resilient_cache

PAGES = ["/", "/workshops/", "/agreements/", "/insights/", "/people/"]

pytestmark = pytest.mark.django_db


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own on a free port, without persistence."""
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"redis-server on port {port} did not start in 10 s")
            time.sleep(0.05)
    process.port, process.client = port, client
    yield process
    process.send_signal(signal.SIGCONT)
    process.kill()
    process.wait()
    client.close()


@pytest.fixture
def redis_settings(own_redis, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{own_redis.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return own_redis


def _statuses(client):
    return [client.get(page).status_code for page in PAGES]


def test_stopping_redis_signs_nobody_out_and_breaks_no_page(redis_settings, coordinator, reference_workshop, caplog):
    client = Client()
    client.force_login(coordinator)
    assert _statuses(client) == [200] * 5
    session_keys = [k for k in redis_settings.client.scan_iter() if b"sessions.cached_db" in k]
    assert len(session_keys) == 1

    redis_settings.kill()
    redis_settings.wait()
    assert _statuses(client) == [200] * 5
    # Signing out and in again works too: sessions live in the database.
    assert client.post("/accounts/logout/").status_code == 302
    signed_in = client.post("/accounts/login/", {"username": "coordinator", "password": "a-long-test-password"})
    assert (signed_in.status_code, signed_in["Location"]) == (302, "/")
    assert _statuses(client) == [200] * 5
    warnings = [r.getMessage() for r in caplog.records if r.name == "common.cache"]
    assert (len(warnings), warnings[0].startswith("Redis cannot be reached (Error 111 connecting to")) == (1, True)


def test_a_session_signed_out_while_redis_hung_stays_signed_out(redis_settings, coordinator, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="common.cache")
    monkeypatch.setattr(resilient_cache, "RETRY_AFTER_SECONDS", 1)
    client = Client()
    client.force_login(coordinator)
    assert client.get("/workshops/").status_code == 200
    signed_in_cookie = client.cookies["sessionid"].value

    # Paused, Redis accepts connections and never answers: a call gives up after the socket timeout.
    redis_settings.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    assert client.post("/accounts/logout/").status_code == 302
    assert time.monotonic() - started < 2
    assert client.get("/workshops/").status_code == 302

    redis_settings.send_signal(signal.SIGCONT)
    time.sleep(1.1)
    # Redis still holds the session that the sign-out could not delete from it ...
    assert any(signed_in_cookie.encode() in key for key in redis_settings.client.scan_iter())
    # ... and it is not read: the first call that reaches Redis again empties it.
    client.cookies["sessionid"] = signed_in_cookie
    response = client.get("/workshops/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/workshops/")
    assert redis_settings.client.dbsize() == 0
    messages = [r.getMessage() for r in caplog.records if r.name == "common.cache"]
    assert [message.split(" (")[0].split(" after")[0] for message in messages] == [
        "Redis cannot be reached",
        "Redis answers again",
    ]
    assert messages[0] == "Redis cannot be reached (Timeout reading from socket); serving without the cache"
