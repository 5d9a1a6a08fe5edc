"""Reminder digests through a real SMTP server on 127.0.0.1, on a fixed date."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from agreements.models import Agreement
from overview.reminders import build_digests
from tests.factories import ActionItemFactory, AgreementFactory, UserFactory, WorkshopFactory, person_of
from workshops.models import ActionItem, Workshop

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def scene(reference_workshop):
    coordinator = UserFactory(username="li", email="li@wit.example", role="Coordinator")
    other = UserFactory(username="bou", email="bou@pccfpi.example", role="Coordinator")
    UserFactory(username="manager", email="manager@ilo.example", role="Manager")
    UserFactory(username="nomail", email="", role="Manager")

    ActionItemFactory(title="Send the curriculum", owner=person_of(coordinator), due_date=days(3))
    ActionItemFactory(title="Book the interpreter", owner=person_of(coordinator), due_date=TODAY)
    ActionItemFactory(title="Circulate the draft", owner=person_of(coordinator), due_date=days(-2))
    ActionItemFactory(title="Plan the visit", owner=person_of(coordinator), due_date=days(10))
    ActionItemFactory(
        title="Old done thing", owner=person_of(coordinator), due_date=days(-9), status=ActionItem.Status.DONE
    )
    cancelled = WorkshopFactory(status=Workshop.Status.CANCELLED)
    ActionItemFactory(
        title="Prepare cancelled workshop", owner=person_of(coordinator), due_date=TODAY, workshop=cancelled
    )
    ended = AgreementFactory(status=Agreement.Status.TERMINATED)
    ActionItemFactory(
        title="Follow up ended MoU", owner=person_of(other), due_date=TODAY, workshop=None, agreement=ended
    )

    AgreementFactory(title="MoU expiring in 30", status=Agreement.Status.ACTIVE, expires_on=days(30))
    AgreementFactory(title="MoU expiring today", status=Agreement.Status.SIGNED, expires_on=TODAY)
    AgreementFactory(title="MoU expiring in 31", status=Agreement.Status.ACTIVE, expires_on=days(31))
    AgreementFactory(title="Terminated in 7", status=Agreement.Status.TERMINATED, expires_on=days(7))


def _run(*args):
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 26, 6, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_person_gets_one_digest_with_exactly_their_reminders(smtp, scene):
    output = _run()
    assert output.splitlines() == [
        "li@wit.example: due in 7 days: 1, due today: 1, overdue: 1, expiring: 0, stale drafts: 0",
        # The overdue action's workshop has no coordinator: the managers follow it up.
        "manager@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 2, stale drafts: 1, "
        "followed up overdue: 1",
        "Reminders: sent 2 digest(s).",
    ]
    assert [rcpt for rcpt, _message in smtp.messages] == [["li@wit.example"], ["manager@ilo.example"]]
    coordinator_mail = smtp.messages[0][1]
    assert coordinator_mail["Subject"] == "Partnership reminders for 2026-11-26"
    body = coordinator_mail.get_payload(decode=True).decode()
    assert "- Circulate the draft (due 2026-11-24)" in body
    assert "Book the interpreter" in body
    assert "Plan the visit" not in body
    assert "Prepare cancelled workshop" not in body
    manager_body = smtp.messages[1][1].get_payload(decode=True).decode()
    assert "- MoU expiring in 30: expires in 30 days (2026-12-26)" in manager_body
    assert "- MoU expiring today: expires today (2026-11-26)" in manager_body
    assert (
        "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd.: Drafting since 2022-01-14"
        in (manager_body)
    )


def test_a_second_run_the_same_day_sends_nothing(smtp, scene):
    _run()
    assert _run().splitlines() == ["Reminders: sent 0 digest(s)."]
    assert len(smtp.messages) == 2


def test_dry_run_prints_and_sends_nothing(smtp, scene):
    output = _run("--dry-run")
    assert output.splitlines()[-1] == "Reminders: would send 2 digest(s)."
    assert smtp.messages == []
    assert _run().splitlines()[-1] == "Reminders: sent 2 digest(s)."


def test_expire_agreements_applies_the_automatic_transition(reference_workshop):
    gone = AgreementFactory(title="Past", status=Agreement.Status.ACTIVE, expires_on=days(-1))
    out = StringIO()
    call_command("expire_agreements", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().splitlines() == [
        f"expired: #{gone.pk} Past (expiry date 2026-11-25)",
        "Agreements expired: 1.",
    ]
    assert Agreement.objects.get(pk=gone.pk).status == Agreement.Status.EXPIRED


def _announced(agreement, manager):
    """The days before its expiry on which `agreement` is in the manager's digest, looking 200 days ahead."""
    days_before = []
    for before in range(0, 201):
        today = agreement.expires_on - datetime.timedelta(days=before)
        digests = {d.user.pk: d for d in build_digests(today=today)}
        if manager.pk in digests and agreement in [a for _days, a in digests[manager.pk].expiring]:
            days_before.append(before)
    return sorted(days_before, reverse=True)


def test_an_agreement_with_180_days_notice_is_first_announced_the_day_its_notice_period_starts():
    manager = UserFactory(username="manager", email="manager@ilo.example", role="Manager")
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, expires_on=days(400), notice_period_days=180)
    assert _announced(agreement, manager) == [180, 90, 30, 7, 0]


def test_an_agreement_with_30_days_notice_is_first_announced_90_days_ahead():
    manager = UserFactory(username="manager", email="manager@ilo.example", role="Manager")
    agreement = AgreementFactory(status=Agreement.Status.SIGNED, expires_on=days(400), notice_period_days=30)
    assert _announced(agreement, manager) == [90, 30, 7, 0]


def test_each_digest_item_links_to_its_page_names_who_is_responsible_and_comes_from_the_configured_sender(
    smtp, settings
):
    settings.SITE_URL = "https://partnership.example.org/"
    settings.DEFAULT_FROM_EMAIL = "Partnership <reminders@partnership.example.org>"
    manager = UserFactory(username="manager", first_name="Wei", last_name="Li", email="li@ilo.example", role="Manager")
    agreement = AgreementFactory(
        title="Skills MoU",
        status=Agreement.Status.ACTIVE,
        expires_on=days(180),
        notice_period_days=180,
        created_by=manager,
    )
    owner = UserFactory(username="sokha", first_name="Sokha", last_name="Chan", email="sokha@pccfpi.example")
    action = ActionItemFactory(
        title="Draft the renewal", owner=person_of(owner), due_date=days(2), workshop=None, agreement=agreement
    )
    _run()
    assert [(rcpt, message["From"]) for rcpt, message in smtp.messages] == [
        (["li@ilo.example"], "Partnership <reminders@partnership.example.org>"),
        (["sokha@pccfpi.example"], "Partnership <reminders@partnership.example.org>"),
    ]
    manager_lines = smtp.messages[0][1].get_payload(decode=True).decode().splitlines()
    start = manager_lines.index("Agreements expiring:")
    assert manager_lines[start : start + 4] == [
        "Agreements expiring:",
        "- Skills MoU: expires in 180 days (2027-05-25) — its notice period of 180 days starts today",
        f"  Responsible: {action.owner.full_name}, Wei Li",
        f"  https://partnership.example.org/agreements/{agreement.pk}/",
    ]
    owner_lines = smtp.messages[1][1].get_payload(decode=True).decode().splitlines()
    start = owner_lines.index("Due in the next 7 days:")
    assert owner_lines[start : start + 3] == [
        "Due in the next 7 days:",
        "- Draft the renewal (due 2026-11-28)",
        f"  https://partnership.example.org/agreements/{agreement.pk}/",
    ]
