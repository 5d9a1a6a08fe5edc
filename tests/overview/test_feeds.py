import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import ActionItemFactory, AgreementFactory, UserFactory, WorkshopFactory, person_of
from workshops.models import ActionItem, Workshop

pytestmark = pytest.mark.django_db


def _feed(client, user, name):
    response = client.get(reverse("calendar:feed", args=[user.calendar_token, name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_workshop_feed_carries_time_zones_and_cancellations(client, coordinator):
    WorkshopFactory(
        title="Curriculum exchange",
        start_date=datetime.date(2026, 12, 3),
        start_time=datetime.time(9, 30),
        end_date=datetime.date(2026, 12, 3),
        end_time=datetime.time(11, 0),
        timezone="Asia/Phnom_Penh",
    )
    WorkshopFactory(title="Cancelled visit", start_date=datetime.date(2026, 12, 10), status=Workshop.Status.CANCELLED)
    calendar = _feed(client, coordinator, "workshops")
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    timed = events["Curriculum exchange"]
    assert timed["dtstart"].to_ical() == b"20261203T093000"
    assert timed["dtstart"].params["TZID"] == "Asia/Phnom_Penh"
    assert timed["dtend"].to_ical() == b"20261203T110000"
    assert str(events["Cancelled visit"]["status"]) == "CANCELLED"
    assert events["Cancelled visit"]["dtstart"].to_ical() == b"20261210"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Phnom_Penh"]


def test_action_feed_has_only_the_users_own_due_dates(client, coordinator):
    ActionItemFactory(title="Send the curriculum", owner=person_of(coordinator), due_date=datetime.date(2026, 12, 1))
    ActionItemFactory(title="Someone else's", owner=person_of(UserFactory()), due_date=datetime.date(2026, 12, 1))
    calendar = _feed(client, coordinator, "actions")
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Due: Send the curriculum"]


def test_action_feed_marks_a_done_action_done_and_free(client, coordinator):
    ActionItemFactory(title="Send the curriculum", owner=person_of(coordinator), due_date=datetime.date(2026, 12, 1))
    ActionItemFactory(
        title="Book the interpreter",
        owner=person_of(coordinator),
        due_date=datetime.date(2026, 12, 2),
        status=ActionItem.Status.DONE,
        completed_on=datetime.date(2026, 11, 30),
    )
    calendar = _feed(client, coordinator, "actions")
    events = [
        (str(e["summary"]), str(e["status"]), str(e.get("transp", "OPAQUE")), str(e.get("description", "")))
        for e in calendar.walk("VEVENT")
    ]
    assert events == [
        ("Due: Send the curriculum", "CONFIRMED", "OPAQUE", ""),
        ("Done: Book the interpreter", "CONFIRMED", "TRANSPARENT", "Done on 2026-11-30."),
    ]


def test_agreement_feed_has_expiry_and_review_dates(client, manager):
    AgreementFactory(title="MoU", status="active", expires_on=datetime.date(2027, 6, 30), notice_period_days=90)
    calendar = _feed(client, manager, "agreements")
    assert sorted((str(e["summary"]), e["dtstart"].to_ical()) for e in calendar.walk("VEVENT")) == [
        ("Expires: MoU", b"20270630"),
        ("Review (notice period starts): MoU", b"20270401"),
    ]


def test_a_wrong_or_reset_token_is_404(client, coordinator):
    old = coordinator.calendar_token
    assert client.get(reverse("calendar:feed", args=["not-a-token", "workshops"])).status_code == 404
    client.force_login(coordinator)
    assert client.post(reverse("calendar:reset")).status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.calendar_token != old
    assert client.get(reverse("calendar:feed", args=[old, "workshops"])).status_code == 404
    assert client.get(reverse("calendar:feed", args=[coordinator.calendar_token, "workshops"])).status_code == 200


def test_a_user_without_a_role_gets_no_feed(client):
    user = UserFactory()
    assert client.get(reverse("calendar:feed", args=[user.calendar_token, "workshops"])).status_code == 404


def test_the_last_possible_dates_still_make_events(rf):
    from agreements.models import Agreement
    from overview.feeds import _action_events, _agreement_events, _workshop_events
    from workshops.models import ActionItem

    request = rf.get("/")
    last = datetime.date.max
    since = datetime.date(2026, 1, 1)
    day = Workshop(pk=1, title="Day", start_date=last, timezone="UTC")
    timed = Workshop(pk=2, title="Timed", start_date=last, start_time=datetime.time(23, 0), timezone="Asia/Tokyo")
    action = ActionItem(pk=3, title="Late", due_date=last)
    agreement = Agreement(pk=4, title="Long", status="active", expires_on=last, notice_period_days=1_000_000)
    events = [
        *_workshop_events(request, day),
        *_workshop_events(request, timed),
        *_action_events(request, action),
        *_agreement_events(request, agreement, since),
    ]
    assert [(str(e["summary"]), e["dtstart"].to_ical(), e["dtend"].to_ical()) for e in events] == [
        ("Day", b"99991231", b"99991231"),
        # Two hours after 23:00 on the last day is past the end of time: the workshop shows as a day.
        ("Timed", b"99991231", b"99991231"),
        ("Due: Late", b"99991231", b"99991231"),
        ("Expires: Long", b"99991231", b"99991231"),
        ("Review (notice period starts): Long", b"72620202", b"72620203"),
    ]


def test_one_record_that_cannot_be_an_event_leaves_the_others_in_the_feed(client, coordinator, monkeypatch, caplog):
    from overview import feeds

    WorkshopFactory(title="Fine", start_date=datetime.date(2026, 12, 3))
    broken = WorkshopFactory(title="Broken", start_date=datetime.date(2026, 12, 4))
    make_event = feeds._event

    def failing(uid, summary, *args, **kwargs):
        if summary == "Broken":
            raise ValueError("cannot be an event")
        return make_event(uid, summary, *args, **kwargs)

    monkeypatch.setattr(feeds, "_event", failing)
    calendar = _feed(client, coordinator, "workshops")
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Fine"]
    assert [r.getMessage() for r in caplog.records if r.name == "overview.feeds"] == [
        f"calendar event failed for Workshop {broken.pk}"
    ]
