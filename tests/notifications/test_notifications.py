"""Notifications through a real SMTP server on 127.0.0.1: after the commit only, once each, none for a change rolled
back, each kind as the user chose, and a failed one sent by the next run of send_reminders."""

import socket
from email.header import decode_header, make_header
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from agreements.services import agreement_start_negotiation
from notifications.models import Notification
from tests.factories import ActionItemFactory, AgreementFactory, UserFactory, WorkshopFactory, person_of
from workshops.data import ActionRow, ref
from workshops.services import action_item_set_status, workshop_approve, workshop_row_write

pytestmark = pytest.mark.django_db


def _mails(smtp):
    return [(rcpt, str(make_header(decode_header(message["Subject"])))) for rcpt, message in smtp.messages]


def _body(smtp, index=0):
    return smtp.messages[index][1].get_payload(decode=True).decode().replace("\r\n", "\n")


@pytest.fixture
def li(db):
    return UserFactory(username="li", first_name="Li", last_name="Zhenyun", email="li@wit.example", role="Coordinator")


@pytest.fixture
def bou(db):
    return UserFactory(username="bou", first_name="Bou", last_name="Sophea", email="bou@ilo.example", role="Manager")


def test_an_action_given_to_someone_with_an_account_is_mailed_once_after_the_commit(
    smtp, li, bou, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(title="Curriculum visit")
    with django_capture_on_commit_callbacks(execute=True):
        action = workshop_row_write(
            workshop=workshop,
            kind="actions",
            row=ActionRow(title="Send the curriculum", owner=ref(person_of(li).pk)),
            user=bou,
        )
        assert smtp.messages == []  # not before the commit
    assert _mails(smtp) == [(["li@wit.example"], "An action for you: Send the curriculum")]
    assert "Bou Sophea gave you this action:\n- Send the curriculum — Curriculum visit (2024-03-01)\n" in _body(smtp)
    # The same owner again, another field changed: not a new assignment.
    with django_capture_on_commit_callbacks(execute=True):
        row = ActionRow(title="Send the curriculum", owner=ref(person_of(li).pk), description="By post", id=action.pk)
        workshop_row_write(workshop=workshop, kind="actions", row=row, user=bou)
    assert len(smtp.messages) == 1
    assert list(Notification.objects.values_list("kind", "address", "status", "tries")) == [
        ("action_assigned", "li@wit.example", "sent", 1)
    ]


def test_an_agreement_action_given_to_someone_is_mailed_and_a_partner_without_account_is_not(
    smtp, li, bou, django_capture_on_commit_callbacks
):
    agreement = AgreementFactory(title="MoU WIT–PCCFPI")
    action = ActionItemFactory(title="Draft the annex", workshop=None, agreement=agreement)
    partner = ActionItemFactory(title="Partner's task", workshop=None, agreement=agreement)
    partner.owner = person_of(UserFactory(username="x", is_active=False))
    with django_capture_on_commit_callbacks(execute=True):
        action.owner = person_of(li)
        action_item_set_status(action_item=action, status="open", user=bou)
        action_item_set_status(action_item=partner, status="open", user=bou)
    assert _mails(smtp) == [(["li@wit.example"], "An action for you: Draft the annex")]


def test_a_change_rolled_back_tells_nobody(smtp, li, bou, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(coordinator=li)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        workshop_approve(workshop=workshop, user=bou)
        raise RuntimeError("the page failed after approving")
    assert (smtp.messages, Notification.objects.count()) == ([], 0)


def test_approved_minutes_are_mailed_to_the_coordinator_once(smtp, li, bou, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(title="Online workshop", coordinator=li)
    with django_capture_on_commit_callbacks(execute=True):
        workshop_approve(workshop=workshop, user=bou)
    assert _mails(smtp) == [(["li@wit.example"], "Minutes approved: Online workshop")]
    # The same event told again (a retried request): one notification, one mail.
    from workshops.signals import minutes_approved

    with django_capture_on_commit_callbacks(execute=True):
        minutes_approved.send(sender=type(workshop), workshop=workshop, user=bou)
    assert (len(smtp.messages), Notification.objects.count()) == (1, 1)


def test_the_approver_who_coordinates_is_not_told_of_their_own_approval(smtp, li, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workshop_approve(workshop=WorkshopFactory(coordinator=li), user=li)
    assert smtp.messages == []


def test_a_status_change_is_mailed_to_the_agreement_focal_points(smtp, li, bou, django_capture_on_commit_callbacks):
    other = UserFactory(username="sok", email="sok@ilo.example", role="Coordinator")
    UserFactory(username="manager2", email="m2@ilo.example", role="Manager")  # not a focal point: not told
    agreement = AgreementFactory(title="MoU WIT–PCCFPI")
    agreement.responsible_users.set([li, other, bou])
    with django_capture_on_commit_callbacks(execute=True):
        agreement_start_negotiation(agreement=agreement, user=bou, comment="Draft sent to PCCFPI")
    assert _mails(smtp) == [
        (["li@wit.example"], "MoU WIT–PCCFPI is now Negotiation"),
        (["sok@ilo.example"], "MoU WIT–PCCFPI is now Negotiation"),
    ]
    assert "moved from Drafting to Negotiation on" in _body(smtp)
    assert "Comment: Draft sent to PCCFPI" in _body(smtp)


def test_a_kind_turned_off_on_the_notifications_page_is_not_sent(
    client, smtp, li, bou, django_capture_on_commit_callbacks
):
    client.force_login(li)
    page = client.get(reverse("notifications:preferences"))
    assert list(page.context["form"].fields) == ["action_assigned", "agreement_status", "minutes_approved"]
    response = client.post(reverse("notifications:preferences"), {"action_assigned": "on", "agreement_status": "on"})
    assert response.status_code == 302
    workshop = WorkshopFactory(coordinator=li)
    with django_capture_on_commit_callbacks(execute=True):
        workshop_approve(workshop=workshop, user=bou)
        workshop_row_write(
            workshop=workshop, kind="actions", row=ActionRow(title="Book a room", owner=ref(person_of(li).pk)), user=bou
        )
    assert _mails(smtp) == [(["li@wit.example"], "An action for you: Book a room")]
    assert client.get(reverse("notifications:preferences")).context["form"].initial == {
        "action_assigned": True,
        "agreement_status": True,
        "minutes_approved": False,
    }


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_failed_send_is_retried_once_by_the_next_send_reminders_and_never_doubled(
    smtp, settings, li, bou, django_capture_on_commit_callbacks
):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = _closed_port()  # the mail server is down
    with django_capture_on_commit_callbacks(execute=True):
        workshop_approve(workshop=WorkshopFactory(title="Study visit", coordinator=li), user=bou)
    failed = Notification.objects.get()
    assert (failed.status, failed.tries, smtp.messages) == ("failed", 1, [])
    assert failed.error != ""
    settings.EMAIL_PORT = port  # back up
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminders: sent 0 digest(s).",
        "Notifications retried: sent 1, failed again 0.",
    ]
    assert _mails(smtp) == [(["li@wit.example"], "Minutes approved: Study visit")]
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["Reminders: sent 0 digest(s)."]
    assert len(smtp.messages) == 1
    assert list(Notification.objects.values_list("status", "tries", "error")) == [("sent", 2, "")]


@pytest.mark.django_db(transaction=True)
def test_an_action_given_in_a_real_transaction_is_mailed_once_when_it_commits(smtp, li, bou):
    workshop = WorkshopFactory(title="Curriculum visit")
    with transaction.atomic():
        workshop_row_write(
            workshop=workshop,
            kind="actions",
            row=ActionRow(title="Send the curriculum", owner=ref(person_of(li).pk)),
            user=bou,
        )
        assert (smtp.messages, list(Notification.objects.values_list("status", flat=True))) == ([], ["pending"])
    assert _mails(smtp) == [(["li@wit.example"], "An action for you: Send the curriculum")]
    assert list(Notification.objects.values_list("kind", "address", "status", "tries")) == [
        ("action_assigned", "li@wit.example", "sent", 1)
    ]


@pytest.mark.django_db(transaction=True)
def test_an_action_given_in_a_real_transaction_rolled_back_is_mailed_to_nobody(smtp, li, bou):
    workshop = WorkshopFactory(title="Curriculum visit")
    with pytest.raises(RuntimeError), transaction.atomic():
        workshop_row_write(
            workshop=workshop,
            kind="actions",
            row=ActionRow(title="Send the curriculum", owner=ref(person_of(li).pk)),
            user=bou,
        )
        raise RuntimeError("the page failed after saving")
    assert (smtp.messages, Notification.objects.count(), workshop.action_items.count()) == ([], 0, 0)
    # Nothing is left for the next run to send either.
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert smtp.messages == []
