"""The meeting record as sent: its PDF's layout and words, approval and revisions, and sending it by e-mail through a
real SMTP server on 127.0.0.1."""

import datetime
import io
import socket

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from rest_framework.test import APIClient

from institutes.models import Organisation
from participants.models import Person
from tests.factories import AttendanceFactory, OrganisationFactory, UserFactory, WorkshopFactory
from tests.workshops.test_views import _entry
from workshops.models import MeetingRecordSending, Workshop
from workshops.services import meeting_record_send

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _pdf_pages(client, workshop):
    response = client.get(reverse("workshops:pdf", args=[workshop.pk]))
    assert response.status_code == 200
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages]


@pytest.mark.pdf
def test_the_reference_record_reads_in_order_with_its_footer_and_nothing_internal(
    frozen, coordinator_client, reference_workshop
):
    pages = _pdf_pages(coordinator_client, reference_workshop)
    text = " ".join(pages)
    headings = [
        "Partnership MEETING RECORD Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT)",
        "Draft DATE AND TIME Jan. 14, 2022 (Asia/Shanghai) FORMAT Online",
        "HOSTS Wuxi Institute of Technician (WIT); Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
        "COORDINATOR International Labour Organization (ILO)",
        "PROGRAMME ILO–China Partnership Programme",
        "Summary",
        "Participants International Labour Organization (ILO) Mr. Yutong Liu, Project Manager (organiser)",
        "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI) · Cambodia Mr. Samath Bou, Principal",
        "Wuxi Institute of Technician (WIT) · China Mr. Zhenyun Li, Principal (speaker)",
        "and 11 more participants not named",
        "Statements Mr. Ting Shen “Wuxi and Sihanouk are sister cities.",
        "Topics",
        "Outcomes Consensus: Participants agreed to discuss the cooperation in more detail at technical level.",
        "Follow-up actions What Owner Organisation Due Draft the multilateral cooperation framework agreement — "
        "PCCFPI, SSEZ, WIT —",
        "Minutes",
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, [h for h, p in zip(headings, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert [page[-len("Produced on Dec. 2, 2026 Page 1 of 3") :] for page in pages] == [
        "Produced on Dec. 2, 2026 Page 1 of 3",
        "Produced on Dec. 2, 2026 Page 2 of 3",
        "Produced on Dec. 2, 2026 Page 3 of 3",
    ]
    for internal in ["Held", "Demo manager", "coordinator", "History", "Edit", "Sign out", "Status", "Negotiation"]:
        assert internal not in text


def test_the_printed_footer_is_the_one_inline_style_the_page_lets_in(frozen, coordinator_client, reference_workshop):
    response = coordinator_client.get(reference_workshop.get_absolute_url())
    html = response.content.decode()
    nonce = html.split('<style nonce="', 1)[1].split('"', 1)[0]
    assert f"style-src 'self' 'nonce-{nonce}'" in response["Content-Security-Policy"].split("; ")
    assert (html.count("<style"), html.count(f'<style nonce="{nonce}">@page {{ @bottom-left')) == (1, 1)
    assert 'content: "Produced on Dec\\2e  2\\2c  2026"; } @bottom-right { content: "Page " counter(page)' in html
    assert coordinator_client.get(reverse("workshops:list"))["Content-Security-Policy"].count("nonce") == 0


@pytest.mark.pdf
def test_the_letterhead_comes_from_the_settings(frozen, coordinator_client, reference_workshop, settings):
    settings.MEETING_RECORD_ORGANISATION = "ILO–China South-South Cooperation Project"
    settings.MEETING_RECORD_LOGO = ""
    page = _pdf_pages(coordinator_client, reference_workshop)[0]
    assert page.startswith("ILO–China South-South Cooperation Project MEETING RECORD Workshop of Cooperation")


@pytest.mark.pdf
def test_a_paraphrase_is_printed_without_quotation_marks(frozen, coordinator_client, reference_workshop):
    reference_workshop.statements.filter(speaker__family_name="Cao").update(is_verbatim=False)
    text = " ".join(_pdf_pages(coordinator_client, reference_workshop))
    assert "Mr. Jianjiang Cao SSEZ as a model of Cambodia-China practical cooperation" in text
    assert "Mr. Ting Shen “Wuxi and Sihanouk are sister cities." in text


def test_people_whose_organisation_is_not_recorded_come_last(coordinator_client):
    workshop = WorkshopFactory(reported_attendance=3)
    AttendanceFactory(workshop=workshop, organisation=None, person__given_name="Nobody", title="Guest")
    AttendanceFactory(workshop=workshop, organisation=OrganisationFactory(name="Zeta Institute", country=""))
    context = coordinator_client.get(workshop.get_absolute_url()).context
    assert [org.name if org else None for org, _rows in context["attendances_by_organisation"]] == [
        "Zeta Institute",
        None,
    ]
    assert context["unnamed_count"] == 1


@pytest.mark.pdf
def test_approving_records_who_and_when_and_the_pdf_says_so(frozen, client, reference_workshop):
    approver = UserFactory(username="liwei", first_name="Wei", last_name="Li", role="Coordinator")
    client.force_login(approver)
    response = client.post(reverse("workshops:approve", args=[reference_workshop.pk]))
    assert response.status_code == 302
    reference_workshop.refresh_from_db()
    assert (reference_workshop.approved_by, reference_workshop.approved_at, reference_workshop.revision) == (
        approver,
        NOW,
        1,
    )
    latest = reference_workshop.history.first()
    assert (latest.history_user, latest.history_change_reason) == (approver, "Minutes approved (revision 1)")
    assert "Approved by Wei Li on Dec. 2, 2026 DATE AND TIME" in _pdf_pages(client, reference_workshop)[0]
    again = client.post(reverse("workshops:approve", args=[reference_workshop.pk]), follow=True)
    assert [str(m) for m in again.context["messages"]] == ["Revision 1 is already approved."]


@pytest.mark.pdf
def test_an_approver_without_a_full_name_is_not_named(frozen, client, reference_workshop):
    client.force_login(UserFactory(username="demo-manager", first_name="", last_name="", role="Manager"))
    client.post(reverse("workshops:approve", args=[reference_workshop.pk]))
    page = _pdf_pages(client, reference_workshop)[0]
    assert "Approved on Dec. 2, 2026 DATE AND TIME" in page
    assert "demo-manager" not in page


def test_approving_needs_the_change_permission_and_a_post(client, reference_workshop):
    client.force_login(UserFactory(username="reader"))
    assert client.post(reverse("workshops:approve", args=[reference_workshop.pk])).status_code == 403
    client.force_login(UserFactory(username="coord", role="Coordinator"))
    assert client.get(reverse("workshops:approve", args=[reference_workshop.pk])).status_code == 405
    assert Workshop.objects.get().approved_at is None


def test_the_api_approves_through_the_same_service(coordinator_client, coordinator, reference_workshop):
    url = f"/api/workshops/{reference_workshop.pk}/approve/"
    response = coordinator_client.post(url)
    assert (response.status_code, response.json()["approved_by"], response.json()["revision"]) == (
        200,
        coordinator.pk,
        1,
    )
    assert coordinator_client.post(url).json() == {"detail": "Revision 1 is already approved."}


@pytest.mark.pdf
def test_an_approved_record_edited_is_revision_2_with_revision_1_kept(client):
    approver = UserFactory(username="liwei", first_name="Wei", last_name="Li", role="Coordinator")
    client.force_login(approver)
    client.post(reverse("workshops:create"), _entry(new_topics=""))
    workshop = Workshop.objects.get()
    with time_machine.travel(NOW, tick=False):
        client.post(reverse("workshops:approve", args=[workshop.pk]))
    url = reverse("workshops:edit", args=[workshop.pk])
    version = client.get(url).context["form"]["version"].value()
    unchanged = client.post(url, _entry(version=version, new_topics=""))
    assert unchanged.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.revision, workshop.approved_by) == (1, approver)  # saving without a change is no new revision

    version = client.get(url).context["form"]["version"].value()
    assert client.post(url, _entry(version=version, new_topics="", title="Exchange, corrected")).status_code == 302
    workshop.refresh_from_db()
    assert (workshop.revision, workshop.approved_by, workshop.approved_at) == (2, None, None)
    approved = workshop.history.filter(revision=1, approved_at__isnull=False).first()
    assert (approved.title, approved.approved_by, approved.approved_at) == (
        "Exchange between two institutes",
        approver,
        NOW,
    )
    page = _pdf_pages(client, workshop)[0]
    assert "Exchange, corrected Draft · Revision 2 (revision 1 approved by Wei Li on Dec. 2, 2026)" in page
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert html.count("Revision 2 (revision 1 approved by Wei Li on Dec. 2, 2026)") == 2  # the page and its print


@pytest.fixture
def smtp(smtp, settings):
    settings.DEFAULT_FROM_EMAIL = "records@partnership.example"
    return smtp


@pytest.mark.pdf
def test_the_record_is_sent_to_each_chosen_participant_and_the_sending_logged(frozen, smtp, client, reference_workshop):
    sender = UserFactory(username="liwei", first_name="Wei", last_name="Li", email="li@wit.example", role="Coordinator")
    client.force_login(sender)
    bou = Person.objects.get(family_name="Bou")
    shen = Person.objects.get(family_name="Shen")
    cao = Person.objects.get(family_name="Cao")
    Person.objects.filter(pk=bou.pk).update(email="bou@pccfpi.example")
    Person.objects.filter(pk=shen.pk).update(email="shen@wuxi.example")
    Person.objects.filter(pk=cao.pk).update(email="cao@ssez.example")
    url = reverse("workshops:send", args=[reference_workshop.pk])
    choices = [label for _value, label in client.get(url).context["form"].fields["recipients"].choices]
    assert choices == [
        "Mr. Samath Bou <bou@pccfpi.example>",
        "Mr. Jianjiang Cao <cao@ssez.example>",
        "Mr. Ting Shen <shen@wuxi.example>",
    ]
    response = client.post(url, {"recipients": [bou.pk, shen.pk], "message": "  Dear colleagues, the record.  "})
    assert (response.status_code, response["Location"]) == (302, reference_workshop.get_absolute_url())

    assert sorted(rcpt for rcpt, _message in smtp.messages) == [["bou@pccfpi.example"], ["shen@wuxi.example"]]
    for rcpt, message in smtp.messages:
        assert (message["To"], message["From"], message["Reply-To"]) == (
            rcpt[0],
            "records@partnership.example",
            "li@wit.example",
        )
        assert " ".join(message["Subject"].split()) == f"Meeting record: {reference_workshop.title}"
        body, attachment = message.get_payload()
        assert body.get_payload(decode=True).decode() == "Dear colleagues, the record."
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == f"workshop-2022-01-14-{reference_workshop.pk}.pdf"
        pdf = PdfReader(io.BytesIO(attachment.get_payload(decode=True)))
        assert pdf.pages[0].extract_text().split()[:4] == ["Partnership", "MEETING", "RECORD", "Workshop"]

    sending = MeetingRecordSending.objects.get()
    assert (sending.sent_by, sending.sent_at, sending.revision, sending.was_approved) == (sender, NOW, 1, False)
    assert sorted(sending.recipients.values_list("family_name", flat=True)) == ["Bou", "Shen"]
    assert sorted(sending.addresses.split("\n")) == ["bou@pccfpi.example", "shen@wuxi.example"]
    assert sending.message == "Dear colleagues, the record."
    html = client.get(reference_workshop.get_absolute_url()).content.decode()
    assert "Dec. 2, 2026, 9:30 a.m., by Wei Li, revision 1 (draft): Mr. Samath Bou, Mr. Ting Shen</li>" in html


def test_a_person_without_an_address_cannot_be_chosen(smtp, coordinator_client, reference_workshop):
    nomail = Person.objects.get(family_name="Bou")
    url = reverse("workshops:send", args=[reference_workshop.pk])
    response = coordinator_client.post(url, {"recipients": [nomail.pk], "message": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "recipients": [f"Select a valid choice. {nomail.pk} is not one of the available choices."]
    }
    assert (smtp.messages, MeetingRecordSending.objects.count()) == ([], 0)


@pytest.mark.pdf
def test_an_unreachable_mail_server_logs_nothing(settings, coordinator_client, reference_workshop):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", probe.getsockname()[1]
    bou = Person.objects.get(family_name="Bou")
    Person.objects.filter(pk=bou.pk).update(email="bou@pccfpi.example")
    response = coordinator_client.post(
        reverse("workshops:send", args=[reference_workshop.pk]), {"recipients": [bou.pk]}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "The mail server did not accept the message for: Mr. Samath Bou."
    ]
    assert MeetingRecordSending.objects.count() == 0


def test_the_admin_reads_the_sendings_log_and_changes_nothing(client, django_user_model, reference_workshop):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password"))
    sending = MeetingRecordSending.objects.create(
        workshop=reference_workshop, revision=1, addresses="bou@pccfpi.example", message="The record."
    )
    sending.recipients.set(Person.objects.filter(family_name="Bou"))
    url = reverse("admin:workshops_meetingrecordsending_change", args=[sending.pk])
    page = client.get(url)
    assert (page.status_code, page.context["has_change_permission"], page.context["has_delete_permission"]) == (
        200,
        False,
        False,
    )
    assert "bou@pccfpi.example" in page.content.decode()
    assert client.post(url, {"message": "Rewritten"}).status_code == 403
    delete = reverse("admin:workshops_meetingrecordsending_delete", args=[sending.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert MeetingRecordSending.objects.get().message == "The record."


def test_the_record_names_an_organisation_as_it_was_called_on_the_workshops_day(coordinator_client, reference_workshop):
    wit = Organisation.objects.get(short_name="WIT")
    with time_machine.travel(datetime.datetime(2023, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
        wit.name = "Wuxi Technician College"
        wit.save()
    assert wit.aliases.get(name="Wuxi Institute of Technician").used_until == datetime.date(2023, 5, 31)
    later = WorkshopFactory(start_date=datetime.date(2023, 6, 1))
    AttendanceFactory(workshop=later, organisation=wit)

    page = coordinator_client.get(reverse("workshops:detail", args=[reference_workshop.pk])).content.decode()
    link = f'<a href="{wit.get_absolute_url()}" title="Now called Wuxi Technician College (WIT)">'
    assert page.count(f"{link}Wuxi Institute of Technician</a>") == 2  # among the hosts, and over its people
    assert "Wuxi Technician College</a>" not in page
    # The meeting record, which the PDF is made from.
    assert "<dt>Hosts</dt><dd>Wuxi Institute of Technician; Preah Sihanouk" in page
    assert "<h3>Wuxi Institute of Technician · China</h3>" in page
    later_page = coordinator_client.get(reverse("workshops:detail", args=[later.pk])).content.decode()
    assert f'<a href="{wit.get_absolute_url()}">Wuxi Technician College (WIT)</a>' in later_page
    assert "<h3>Wuxi Technician College (WIT) · China</h3>" in later_page


def test_a_title_with_a_line_break_is_refused_and_one_stored_before_is_sent_on_one_line(
    coordinator, smtp, reference_workshop
):
    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.post(
        "/api/workshops/",
        {"title": "Visit\nBcc: everyone@example.org", "start_date": "2023-05-17", "timezone": "UTC"},
        format="json",
    )
    assert (response.status_code, response.json()) == (
        400,
        {"title": ["Enter this on one line: it cannot contain a line break or other control character."]},
    )
    Workshop.objects.filter(pk=reference_workshop.pk).update(title="Visit\r\nBcc: everyone@example.org")
    reference_workshop.refresh_from_db()
    Person.objects.filter(family_name="Bou").update(email="bou@pccfpi.example")
    bou = Person.objects.get(family_name="Bou")
    sending, failed = meeting_record_send(
        workshop=reference_workshop, recipients=[bou], message="", pdf=b"%PDF-1.7", filename="r.pdf", user=coordinator
    )
    assert (failed, [(rcpt, m["Subject"], m["Bcc"]) for rcpt, m in smtp.messages]) == (
        [],
        [(["bou@pccfpi.example"], "Meeting record: Visit Bcc: everyone@example.org", None)],
    )
    # An address stored around the model's checks fails that one message, not the page.
    Person.objects.filter(family_name="Shen").update(email="shen@wuxi.example\nBcc: everyone@example.org")
    shen = Person.objects.get(family_name="Shen")
    sending, failed = meeting_record_send(
        workshop=reference_workshop,
        recipients=[shen, bou],
        message="",
        pdf=b"%PDF-1.7",
        filename="r.pdf",
        user=coordinator,
    )
    assert (failed, list(sending.recipients.all()), len(smtp.messages)) == ([shen], [bou], 2)


def test_sending_the_record_is_limited_to_the_participants_30_at_once_and_5_times_a_day(
    coordinator, smtp, reference_workshop
):
    Person.objects.filter(attendances__workshop=reference_workshop).update(email="someone@example.org")
    people = list(Person.objects.filter(attendances__workshop=reference_workshop).order_by("pk"))
    outsider = Person.objects.create(family_name="Outsider", given_name="Otto", email="otto@example.org")

    def send(recipients):
        try:
            meeting_record_send(
                workshop=reference_workshop,
                recipients=recipients,
                message="",
                pdf=b"%PDF-1.7",
                filename="r.pdf",
                user=coordinator,
            )
        except ValidationError as error:
            return error.messages
        return "sent"

    assert send([people[0], outsider]) == [
        "The record can only be sent to the workshop's participants who have an e-mail address."
    ]
    assert send(people[:1] * 31) == ["The record can be sent to at most 30 people at once."]
    assert [send(people[:1]) for _ in range(6)] == ["sent"] * 5 + [
        ["This record was sent 5 times in the last 24 hours; send it again tomorrow."]
    ]
    assert len(smtp.messages) == 5
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, seconds=1)):
        assert send(people[:1]) == "sent"


def test_the_send_page_points_out_an_address_changed_recently_and_by_whom(client, reference_workshop):
    sender = UserFactory(username="liwei", first_name="Wei", last_name="Li", role="Coordinator")
    client.force_login(sender)
    bou = Person.objects.get(family_name="Bou")
    bou.email = "bou@elsewhere.example"
    bou._history_user = sender
    bou.save()
    url = reverse("workshops:send", args=[reference_workshop.pk])
    choices = [label for _value, label in client.get(url).context["form"].fields["recipients"].choices]
    assert choices == [f"Mr. Samath Bou <bou@elsewhere.example> — address changed on {timezone.localdate()} by Wei Li"]


def _text_runs(response):
    """(text, font name) of every piece of text in the PDF, in order."""
    runs = []
    for page in PdfReader(io.BytesIO(response.content)).pages:
        page.extract_text(
            visitor_text=lambda text, cm, tm, font, size: text.strip() and runs.append((text, str(font["/BaseFont"])))
        )
    return runs


@pytest.mark.pdf
def test_the_pdf_sets_quotes_in_a_latin_font_and_leaves_out_the_skip_link(client, coordinator, reference_workshop):
    client.force_login(coordinator)
    english = _text_runs(client.get(reverse("workshops:pdf", args=[reference_workshop.pk])))
    chinese = _text_runs(
        client.get(reverse("workshops:pdf", args=[reference_workshop.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    )
    quoted = {font.split("+")[-1] for text, font in english + chinese if "“" in text or "”" in text}
    assert (english[0][0], chinese[0][0], quoted) == ("Partnership", "Partnership", {"Liberation-Sans"})
    assert "Skip to content" not in " ".join(text for text, _font in english)
    assert [(text, font.split("+")[-1]) for text, font in chinese[1:2] + chinese[7:10]] == [
        ("会议纪要", "Noto-Sans-CJK-SC"),
        ("日期和时间", "Noto-Sans-CJK-SC-Bold"),
        ("2022", "Liberation-Sans"),
        ("年", "Noto-Sans-CJK-SC"),
    ]
