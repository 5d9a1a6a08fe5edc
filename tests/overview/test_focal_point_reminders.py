"""Reminders go to a record's focal points first, the managers when it has none; partners owning actions get a link
of their own every week. Through a real SMTP server on 127.0.0.1, on a fixed date."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from agreements.models import Agreement
from notifications.models import Notification
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops.models import ActionReportLink

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


def _run(day=TODAY):
    out = StringIO()
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(6), tzinfo=datetime.UTC), tick=False):
        call_command("send_reminders", stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def people():
    return {
        "li": UserFactory(username="li", email="li@wit.example", role="Coordinator"),
        "sok": UserFactory(username="sok", email="sok@ilo.example", role="Manager"),
        "manager": UserFactory(username="manager", email="manager@ilo.example", role="Manager"),
    }


def test_an_expiring_agreement_and_a_stale_draft_go_to_their_focal_points_not_to_the_managers(smtp, people):
    expiring = AgreementFactory(title="MoU expiring", status=Agreement.Status.ACTIVE, expires_on=TODAY)
    expiring.responsible_users.set([people["li"]])
    stale = AgreementFactory(
        title="Stale draft", status=Agreement.Status.DRAFTING, status_since=TODAY - datetime.timedelta(days=90)
    )
    stale.responsible_users.set([people["sok"]])
    AgreementFactory(title="Nobody's MoU", status=Agreement.Status.SIGNED, expires_on=TODAY + datetime.timedelta(30))
    assert _run() == [
        "li@wit.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 1, stale drafts: 0",
        "sok@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 1, stale drafts: 1",
        "manager@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 1, stale drafts: 0",
        "Reminders: sent 3 digest(s).",
    ]
    bodies = {rcpt[0]: m.get_payload(decode=True).decode() for rcpt, m in smtp.messages}
    assert "MoU expiring" in bodies["li@wit.example"]
    assert "Nobody's MoU" in bodies["manager@ilo.example"]
    assert "MoU expiring" not in bodies["manager@ilo.example"]
    assert "Responsible: li" in bodies["li@wit.example"]


def test_a_partner_s_overdue_action_goes_to_the_workshop_coordinator_and_the_partner_gets_a_link(
    smtp, people, django_capture_on_commit_callbacks
):
    partner = PersonFactory(given_name="Sophea", family_name="Bou", email="bou@pccfpi.example")
    workshop = WorkshopFactory(title="Curriculum visit", coordinator=people["li"])
    ActionItemFactory(
        title="Send the syllabus", owner=partner, workshop=workshop, due_date=TODAY - datetime.timedelta(3)
    )
    PersonFactory(given_name="No", family_name="Address")  # without an address: written to by nobody
    with django_capture_on_commit_callbacks(execute=True):
        lines = _run()
    assert lines == [
        "li@wit.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 0, stale drafts: 0, "
        "followed up overdue: 1",
        "Reminders: sent 1 digest(s).",
        "Partners' actions: sent 1 link(s).",
    ]
    assert [rcpt for rcpt, _m in smtp.messages] == [["li@wit.example"], ["bou@pccfpi.example"]]
    body = smtp.messages[1][1].get_payload(decode=True).decode().replace("\r\n", "\n")
    assert "- Send the syllabus (due 2026-11-23) — Curriculum visit\n" in body
    link = re.search(r"http://localhost:8000/workshops/report-actions/[^/\s]+/", body)
    assert link is not None
    assert ActionReportLink.objects.get().person == partner
    # The next day: the digest again, but the partner's link only once a week.
    assert _run(TODAY + datetime.timedelta(days=1))[-1] == "Reminders: sent 1 digest(s)."
    assert Notification.objects.filter(kind="partner_actions").count() == 1


def test_a_manager_hears_only_of_the_records_of_their_programmes(smtp):
    skills, other = ProgrammeFactory(name="Skills cooperation"), ProgrammeFactory(name="Social protection")
    UserFactory(username="all", email="all@ilo.example", role="Manager")
    UserFactory(username="skills", email="skills@ilo.example", role="Manager", role__programme=skills)
    UserFactory(username="other", email="other@ilo.example", role="Manager", role__programme=other)
    AgreementFactory(title="Skills MoU", programme=skills, status=Agreement.Status.ACTIVE, expires_on=TODAY)
    AgreementFactory(
        title="Skills draft",
        programme=skills,
        status=Agreement.Status.DRAFTING,
        status_since=TODAY - datetime.timedelta(days=90),
    )
    workshop = WorkshopFactory(title="Skills visit", programme=skills)
    ActionItemFactory(
        title="Send the skills plan",
        owner=PersonFactory(given_name="Dara", family_name="Sok"),
        workshop=workshop,
        due_date=TODAY - datetime.timedelta(3),
    )
    AgreementFactory(
        title="Pension draft",
        programme=other,
        status=Agreement.Status.DRAFTING,
        status_since=TODAY - datetime.timedelta(days=90),
    )

    assert _run() == [
        "all@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 1, stale drafts: 2, "
        "followed up overdue: 1",
        "skills@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 1, stale drafts: 1, "
        "followed up overdue: 1",
        "other@ilo.example: due in 7 days: 0, due today: 0, overdue: 0, expiring: 0, stale drafts: 1",
        "Reminders: sent 3 digest(s).",
    ]
    bodies = {rcpt[0]: m.get_payload(decode=True).decode() for rcpt, m in smtp.messages}
    named = {
        address: [
            title for title in ("Skills MoU", "Skills draft", "Send the skills plan", "Pension draft") if title in body
        ]
        for address, body in bodies.items()
    }
    assert named == {
        "all@ilo.example": ["Skills MoU", "Skills draft", "Send the skills plan", "Pension draft"],
        "skills@ilo.example": ["Skills MoU", "Skills draft", "Send the skills plan"],
        "other@ilo.example": ["Pension draft"],
    }
