"""The programme scope (accounts/scope.py) at the doors added beside it: partners' links and reports, the
notification log, a person's export and anonymisation.
The report reader's programme: tests/reports/test_scope.py."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import role_grant
from notifications.models import Notification
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops.models import ActionItem, ActionReport, MeetingRecordSending, RecordConfirmation
from workshops.partners import action_report_link_create, token_hash

pytestmark = pytest.mark.django_db


def scoped(role, *programmes, username="scoped", **extra):
    user = UserFactory(username=username, **extra)
    for programme in programmes:
        role_grant(user=user, role=role, programme=programme)
    return user


@pytest.fixture
def other():
    return ProgrammeFactory(name="Other Programme")


def _report_on(action, partner):
    link, _token = action_report_link_create(person=partner)
    return ActionReport.objects.create(action=action, link=link, kind=ActionReport.Kind.DONE)


# Partners ------------------------------------------------------------------------------------------------------


def test_a_partner_s_report_outside_the_user_s_programmes_is_not_found_and_stays_pending(client, other):
    mine = ProgrammeFactory(name="ILO Programme")
    partner = PersonFactory()
    theirs = _report_on(ActionItemFactory(title="Theirs", owner=partner, workshop__programme=other), partner)
    by_agreement = _report_on(
        ActionItemFactory(
            title="By agreement", owner=partner, workshop=None, agreement=AgreementFactory(programme=mine)
        ),
        partner,
    )
    client.force_login(scoped("Coordinator", mine))
    url = "workshops:action-report-decide"
    assert client.post(reverse(url, args=[theirs.pk]), {"decision": "accept"}).status_code == 404
    assert client.post(reverse(url, args=[by_agreement.pk]), {"decision": "accept"}).status_code == 302
    assert dict(ActionReport.objects.values_list("action__title", "status")) == {
        "Theirs": "pending",
        "By agreement": "accepted",
    }
    assert ActionItem.objects.get(title="Theirs").status == "open"


def test_a_confirmation_link_outside_the_user_s_programmes_is_not_found_and_keeps_working(client, other):
    workshop = WorkshopFactory(programme=other)
    sending = MeetingRecordSending.objects.create(workshop=workshop, revision=1, addresses="bou@example.org")
    link = RecordConfirmation.objects.create(
        sending=sending,
        person=PersonFactory(),
        token_hash=token_hash("secret"),
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    client.force_login(scoped("Coordinator", ProgrammeFactory(name="ILO Programme")))
    response = client.post(reverse("workshops:confirmation-revoke", args=[workshop.pk, link.pk]))
    assert response.status_code == 404
    assert RecordConfirmation.objects.get(pk=link.pk).revoked_at is None
    client.force_login(scoped("Coordinator", other, username="other"))
    response = client.post(reverse("workshops:confirmation-revoke", args=[workshop.pk, link.pk]))
    assert (response.status_code, response.url) == (302, reverse("workshops:detail", args=[workshop.pk]))
    assert RecordConfirmation.objects.get(pk=link.pk).revoked_by.username == "other"


def test_the_admin_lists_the_partners_reports_and_confirmations_of_the_user_s_programmes_only(client, other):
    mine = ProgrammeFactory(name="ILO Programme")
    partner = PersonFactory()
    _report_on(ActionItemFactory(title="Mine", owner=partner, workshop__programme=mine), partner)
    _report_on(ActionItemFactory(title="Theirs", owner=partner, workshop__programme=other), partner)
    client.force_login(scoped("Admin", mine, is_staff=True))
    page = client.get(reverse("admin:workshops_actionreport_changelist"))
    assert [str(r.action) for r in page.context["cl"].result_list] == ["Mine"]
    assert ActionReport.objects.visible_to(UserFactory(role="Coordinator")).count() == 2  # all programmes


# The notification log -------------------------------------------------------------------------------------------


def _log_row():
    return Notification.objects.create(
        kind=Notification.Kind.AGREEMENT_STATUS, address="a@example.org", key="k", subject="s", body="b"
    )


def test_the_notification_log_is_read_by_admins_for_all_programmes_only(client):
    row = _log_row()
    changelist = reverse("admin:notifications_notification_changelist")
    change = reverse("admin:notifications_notification_change", args=[row.pk])
    client.force_login(UserFactory(username="all", role="Admin", is_staff=True))
    assert [client.get(changelist).status_code, client.get(change).status_code] == [200, 200]
    assert "notifications" in [app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]]
    client.force_login(scoped("Admin", ProgrammeFactory(name="ILO Programme"), username="some", is_staff=True))
    assert [client.get(changelist).status_code, client.get(change).status_code] == [403, 403]
    assert "notifications" not in [app["app_label"] for app in client.get(reverse("admin:index")).context["app_list"]]
    client.force_login(UserFactory(username="manager", role="Manager", is_staff=True))
    assert client.get(changelist).status_code == 403


# A person's export and anonymisation ----------------------------------------------------------------------------


def test_a_person_s_export_and_anonymisation_are_for_admins_of_all_programmes_only(client):
    person = PersonFactory()
    pages = [
        reverse("privacy:export", args=[person.pk]),
        reverse("privacy:export-json", args=[person.pk]),
        reverse("privacy:anonymise", args=[person.pk]),
    ]
    client.force_login(scoped("Admin", ProgrammeFactory(name="ILO Programme"), username="some", is_staff=True))
    assert [client.get(url).status_code for url in pages] == [403, 403, 403]
    assert client.post(pages[2], {"reason": "asked by email"}).status_code == 403
    assert client.get(reverse("participants:detail", args=[person.pk])).status_code == 200
    assert (
        reverse("privacy:export", args=[person.pk])
        not in client.get(reverse("participants:detail", args=[person.pk])).content.decode()
    )
    client.force_login(UserFactory(username="all", role="Admin", is_staff=True))
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
