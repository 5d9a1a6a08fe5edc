import logging

import pytest
import time_machine
from django.utils import timezone

from accounts.forms import AdminPasswordChangeForm
from accounts.models import PasswordChangeFailure

PASSWORD = "a-long-test-password"
NEW = "another-long-password-9"

pytestmark = pytest.mark.django_db


def _change(client, current):
    return client.post("/accounts/password/", {"old_password": current, "new_password1": NEW, "new_password2": NEW})


def test_a_new_password_makes_new_calendar_addresses(coordinator_client, coordinator, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    old = coordinator.calendar_token
    response = _change(coordinator_client, PASSWORD)
    assert (response.status_code, response["Location"]) == (302, "/accounts/password/done/")
    coordinator.refresh_from_db()
    assert coordinator.calendar_token != old
    assert coordinator_client.get(f"/calendar/{old}/workshops.ics").status_code == 404
    assert coordinator_client.get(f"/calendar/{coordinator.calendar_token}/workshops.ics").status_code == 200
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == [
        "password changed user=coordinator ip=127.0.0.1"
    ]


def test_a_password_set_by_an_admin_makes_new_calendar_addresses(coordinator):
    old = coordinator.calendar_token
    form = AdminPasswordChangeForm(coordinator, {"password1": NEW, "password2": NEW})
    assert form.is_valid(), form.errors
    form.save()
    coordinator.refresh_from_db()
    assert (coordinator.check_password(NEW), coordinator.calendar_token != old) == (True, True)


def test_five_wrong_current_passwords_stop_the_checks_for_15_minutes(coordinator_client, coordinator, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert [_change(coordinator_client, "wrong").status_code for _ in range(5)] == [200] * 5
        refused = _change(coordinator_client, PASSWORD)
    assert refused.status_code == 429
    assert [str(m) for m in refused.context["messages"]] == [
        "Too many wrong current passwords. Try again in 15 minutes."
    ]
    # The form comes back empty: a bound form would have checked the password.
    assert refused.context["form"].is_bound is False
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)
    with time_machine.travel(start + __import__("datetime").timedelta(minutes=14), tick=False):
        assert [str(m) for m in _change(coordinator_client, PASSWORD).context["messages"]] == [
            "Too many wrong current passwords. Try again in 1 minute."
        ]
    with time_machine.travel(start + __import__("datetime").timedelta(minutes=15, seconds=1), tick=False):
        assert _change(coordinator_client, PASSWORD).status_code == 302
    assert PasswordChangeFailure.objects.count() == 0
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == [
        *["failed password change user=coordinator ip=127.0.0.1"] * 5,
        "password change refused user=coordinator ip=127.0.0.1",
        "password change refused user=coordinator ip=127.0.0.1",
        "password changed user=coordinator ip=127.0.0.1",
    ]


def test_an_invalid_new_password_is_not_a_wrong_guess(coordinator_client):
    response = coordinator_client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert response.status_code == 200
    assert PasswordChangeFailure.objects.count() == 0
