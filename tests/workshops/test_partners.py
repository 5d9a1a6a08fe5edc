"""Partners close the loop: each recipient of approved minutes confirms them or sends corrections through a link of
their own, without an account; partners owning actions report on them for a coordinator to accept or return."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from participants.models import Person
from tests.factories import ActionItemFactory, PersonFactory, UserFactory, WorkshopFactory
from workshops.data import WorkshopData
from workshops.models import ActionItem, ActionReport, PartnerLinkUse, RecordConfirmation
from workshops.partners import action_report_link_create, action_report_url
from workshops.services import meeting_record_send, workshop_approve, workshop_write

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://localhost:8000(/workshops/confirm/[^/\s]+/)")


def _send(workshop, people, user):
    sending, failed = meeting_record_send(
        workshop=workshop, recipients=people, message="The minutes.", pdf=b"%PDF-1.7", filename="r.pdf", user=user
    )
    assert failed == []
    return sending


def _links(smtp):
    return {
        rcpt[0]: LINK.search(message.get_payload()[0].get_payload(decode=True).decode()).group(1)
        for rcpt, message in smtp.messages
    }


@pytest.fixture
def sent(smtp, coordinator, reference_workshop):
    Person.objects.filter(family_name="Bou").update(email="bou@pccfpi.example")
    Person.objects.filter(family_name="Shen").update(email="shen@wuxi.example")
    people = list(Person.objects.filter(family_name__in=["Bou", "Shen"]).order_by("family_name"))
    workshop_approve(workshop=reference_workshop, user=coordinator)
    _send(reference_workshop, people, coordinator)
    return _links(smtp)


def test_each_recipient_of_approved_minutes_gets_a_link_of_their_own(smtp, sent, reference_workshop):
    assert sorted(sent) == ["bou@pccfpi.example", "shen@wuxi.example"]
    assert sent["bou@pccfpi.example"] != sent["shen@wuxi.example"]
    body = smtp.messages[0][1].get_payload()[0].get_payload(decode=True).decode()
    assert body.startswith("The minutes.\r\n\r\nPlease confirm these minutes (revision 1)")
    # Only the secret's hash is stored.
    token = sent["bou@pccfpi.example"].split("/")[-2]
    assert RecordConfirmation.objects.filter(token_hash=token).count() == 0


def test_a_draft_sent_asks_nobody_to_confirm(smtp, coordinator, reference_workshop):
    Person.objects.filter(family_name="Bou").update(email="bou@pccfpi.example")
    _send(reference_workshop, [Person.objects.get(family_name="Bou")], coordinator)
    assert "confirm" not in smtp.messages[0][1].get_payload()[0].get_payload(decode=True).decode()
    assert RecordConfirmation.objects.count() == 0


def test_the_recipient_confirms_without_an_account_and_the_coordinator_sees_it(client, sent, reference_workshop):
    url = sent["bou@pccfpi.example"]
    page = client.get(url)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert reference_workshop.title in page.content.decode()
    assert client.post(url, {"answer": "confirmed", "comment": ""}).status_code == 302
    assert "Thank you: you confirmed these minutes." in client.get(url).content.decode()
    link = RecordConfirmation.objects.get(person__family_name="Bou")
    assert (link.answer, link.sending.revision) == ("confirmed", 1)
    assert list(PartnerLinkUse.objects.filter(confirmation=link).order_by("id").values_list("what", flat=True)) == [
        "opened",
        "opened",
        "confirmed",
        "opened",
    ]


def test_corrections_need_a_comment_said_next_to_the_field(client, coordinator, sent, reference_workshop):
    url = sent["shen@wuxi.example"]
    response = client.post(url, {"answer": "corrections", "comment": "  "})
    assert response.status_code == 400
    assert response.context["errors"] == {"comment": ["Say what should be corrected."]}
    client.post(url, {"answer": "corrections", "comment": "My title is Dean, not Vice Dean."})
    client.force_login(coordinator)
    page = client.get(reverse("workshops:detail", args=[reference_workshop.pk]))
    rows = [(c.person.family_name, c.sending.revision, c.answer, c.comment) for c in page.context["confirmations"]]
    assert rows == [("Bou", 1, "", ""), ("Shen", 1, "corrections", "My title is Dean, not Vice Dean.")]
    assert "My title is Dean, not Vice Dean." in page.content.decode()


def test_a_revoked_an_expired_and_a_replaced_link_say_so(client, coordinator, sent, reference_workshop):
    bou, shen = sent["bou@pccfpi.example"], sent["shen@wuxi.example"]
    link = RecordConfirmation.objects.get(person__family_name="Bou")
    client.force_login(coordinator)
    client.post(reverse("workshops:confirmation-revoke", args=[reference_workshop.pk, link.pk]))
    client.logout()
    response = client.get(bou)
    assert (response.status_code, response.context["reason"]) == (410, "revoked")
    assert "withdrawn by the coordinator" in response.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        response = client.get(shen)
    assert (response.status_code, response.context["reason"]) == (410, "expired")
    # A new revision: the old link says so, and refuses an answer.
    data = WorkshopData.from_workshop(reference_workshop)
    data.summary = "Corrected summary."
    workshop_write(data=data, workshop=reference_workshop, user=coordinator)
    response = client.post(shen, {"answer": "confirmed"})
    assert (response.status_code, response.context["reason"]) == (410, "replaced")
    assert RecordConfirmation.objects.get(person__family_name="Shen").answer == ""
    assert client.get("/workshops/confirm/not-a-link/").status_code == 404


def test_a_new_revision_asks_again(smtp, client, coordinator, sent, reference_workshop):
    client.post(sent["bou@pccfpi.example"], {"answer": "confirmed"})
    data = WorkshopData.from_workshop(reference_workshop)
    data.summary = "Corrected summary."
    workshop_write(data=data, workshop=reference_workshop, user=coordinator)
    reference_workshop.refresh_from_db()
    workshop_approve(workshop=reference_workshop, user=coordinator)
    smtp.messages.clear()
    _send(reference_workshop, [Person.objects.get(family_name="Bou")], coordinator)
    new = _links(smtp)["bou@pccfpi.example"]
    assert new != sent["bou@pccfpi.example"]
    assert "revision 2" in client.get(new).content.decode()
    answers = RecordConfirmation.objects.filter(person__family_name="Bou").order_by("id")
    assert [(a.sending.revision, a.answer) for a in answers] == [(1, "confirmed"), (2, "")]


def test_a_partner_reports_an_action_done_and_a_coordinator_accepts_it(client, coordinator):
    partner = PersonFactory(email="bou@pccfpi.example")
    workshop = WorkshopFactory()
    done = ActionItemFactory(title="Send the syllabus", owner=partner, workshop=workshop)
    other = ActionItemFactory(title="Visit Wuxi", owner=partner, workshop=workshop)
    ActionItemFactory(title="Someone else's", owner=PersonFactory(), workshop=workshop)
    _link, token = action_report_link_create(person=partner)
    url = action_report_url(token).removeprefix("http://localhost:8000")
    page = client.get(url)
    assert [a.title for a in page.context["actions"]] == ["Send the syllabus", "Visit Wuxi"]
    assert client.post(url, {"action": done.pk, "kind": "done", "comment": "Sent on Monday"}).status_code == 302
    assert client.post(url, {"action": other.pk, "kind": "comment", "comment": "Next month"}).status_code == 302
    someone = ActionItem.objects.get(title="Someone else's")
    refused = client.post(url, {"action": someone.pk, "kind": "done"})
    assert refused.context["errors"] == {"action": ["This action is not one of your open actions any more."]}
    client.force_login(coordinator)
    page = client.get(reverse("workshops:detail", args=[workshop.pk]))
    assert [(r.action.title, r.kind) for r in page.context["partner_reports"]] == [
        ("Send the syllabus", "done"),
        ("Visit Wuxi", "comment"),
    ]
    reports = {r.action_id: r for r in ActionReport.objects.all()}
    client.post(reverse("workshops:action-report-decide", args=[reports[done.pk].pk]), {"decision": "accept"})
    client.post(reverse("workshops:action-report-decide", args=[reports[other.pk].pk]), {"decision": "return"})
    assert ActionItem.objects.get(pk=done.pk).status == "done"
    assert ActionItem.objects.get(pk=other.pk).status == "open"
    assert sorted(ActionReport.objects.values_list("status", flat=True)) == ["accepted", "returned"]
    assert ActionItem.history.filter(id=done.pk).first().history_user == coordinator


def test_a_coordinator_without_the_right_cannot_decide_and_others_links_are_not_revealed(client):
    viewer = UserFactory(username="nobody")
    client.force_login(viewer)
    assert client.post(reverse("workshops:action-report-decide", args=[1]), {"decision": "accept"}).status_code == 403


def test_a_report_on_an_agreement_s_own_action_waits_on_the_agreement_page(client, manager):
    from tests.factories import AgreementFactory

    partner = PersonFactory(email="bou@pccfpi.example")
    agreement = AgreementFactory(title="MoU WIT–PCCFPI")
    action = ActionItemFactory(title="Sign the annex", owner=partner, workshop=None, agreement=agreement)
    _link, token = action_report_link_create(person=partner)
    client.post(action_report_url(token).removeprefix("http://localhost:8000"), {"action": action.pk, "kind": "done"})
    client.force_login(manager)
    page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert [(r.action.title, r.kind) for r in page.context["partner_reports"]] == [("Sign the annex", "done")]
    report = ActionReport.objects.get()
    response = client.post(reverse("workshops:action-report-decide", args=[report.pk]), {"decision": "accept"})
    assert (response.status_code, response.url) == (302, agreement.get_absolute_url())
    assert ActionItem.objects.get(pk=action.pk).status == "done"
