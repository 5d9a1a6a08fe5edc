"""A sign-out holds on every server: the account's sign-in hash changes with it, so a session that one server's cache
still holds after an outage (or that another device holds) is refused on its next request. An idle timeout is not a
sign-out and leaves the account's other sessions alone."""

import signal
import time

import pytest
from django.core.cache import caches
from django.test import Client

from accounts.models import User
from tests.common import test_cache

pytestmark = pytest.mark.django_db
# A redis-server of the test's own, as the cache in front of the sessions.
own_redis = test_cache.own_redis
redis_settings = test_cache.redis_settings


def test_a_sign_out_while_redis_hung_is_refused_by_a_server_that_never_saw_the_outage(redis_settings, coordinator):
    client = Client()
    client.force_login(coordinator)
    assert client.get("/workshops/").status_code == 200
    signed_in_cookie = client.cookies["sessionid"].value

    redis_settings.send_signal(signal.SIGSTOP)
    assert client.post("/accounts/logout/").status_code == 302
    redis_settings.send_signal(signal.SIGCONT)

    # Another server: its cache client never failed, so it reads Redis at once, where the ended session still is.
    del caches["default"]
    assert any(signed_in_cookie.encode() in key for key in redis_settings.client.scan_iter())
    client.cookies["sessionid"] = signed_in_cookie
    response = client.get("/workshops/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/workshops/")
    assert not any(signed_in_cookie.encode() in key for key in redis_settings.client.scan_iter())


def test_signing_out_ends_the_accounts_session_on_another_device(coordinator):
    laptop, phone = Client(), Client()
    laptop.force_login(coordinator)
    phone.force_login(coordinator)
    assert laptop.post("/accounts/logout/").status_code == 302
    response = phone.get("/workshops/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/workshops/")
    assert User.objects.get(pk=coordinator.pk).session_generation == 1


def test_an_idle_timeout_leaves_the_accounts_other_sessions_signed_in(coordinator, settings):
    idle, active = Client(), Client()
    idle.force_login(coordinator)
    active.force_login(coordinator)
    session = idle.session
    session["last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 1
    session.save()
    assert idle.get("/workshops/").status_code == 302
    assert active.get("/workshops/").status_code == 200
    assert User.objects.get(pk=coordinator.pk).session_generation == 0


def test_a_session_started_before_any_sign_out_keeps_djangos_hash(coordinator):
    """Sessions that were open when this rule came in stay signed in."""
    client = Client()
    client.force_login(coordinator)
    assert client.session["_auth_user_hash"] == super(User, coordinator)._get_session_auth_hash()
    assert client.get("/workshops/").status_code == 200
