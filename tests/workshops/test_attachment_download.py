"""A workshop's attached files (the kept source report among them) reach only those who may see the workshop, through
one permission-checked view: the storage's own address (/media/…) is never linked to or served."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import COORDINATOR
from tests.factories import UserFactory, WorkshopFactory
from workshops.models import Attachment

MINUTES = b"Minutes\nProf. Shi Lei of Baoshan Technician College spoke.\n"


@pytest.fixture
def attachment(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    return Attachment.objects.create(
        workshop=WorkshopFactory(),
        kind=Attachment.Kind.REPORT,
        title="Source report",
        file=ContentFile(MINUTES, "source-report.txt"),
    )


def _url(attachment):
    return reverse("workshops:attachment", args=[attachment.workshop_id, attachment.pk])


def test_a_user_who_may_see_the_workshop_downloads_its_attachment(client, attachment):
    client.force_login(UserFactory(role=COORDINATOR))
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINUTES
    assert response["Content-Disposition"] == 'attachment; filename="source-report.txt"'
    assert response["Cache-Control"] == "private, no-store"


def test_an_anonymous_user_is_sent_to_sign_in(client, attachment):
    response = client.get(_url(attachment))
    assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={_url(attachment)}")


def test_a_user_without_a_role_is_refused(client, attachment):
    client.force_login(UserFactory())
    assert client.get(_url(attachment)).status_code == 403


def test_an_attachment_asked_for_under_another_workshop_is_not_found(client, attachment):
    client.force_login(UserFactory(role=COORDINATOR))
    other = WorkshopFactory()
    assert client.get(reverse("workshops:attachment", args=[other.pk, attachment.pk])).status_code == 404


def test_a_link_attachment_or_a_file_gone_from_the_storage_is_not_found(client, attachment):
    client.force_login(UserFactory(role=COORDINATOR))
    link = Attachment.objects.create(workshop=attachment.workshop, title="Slides", url="https://example.org/slides")
    assert client.get(_url(link)).status_code == 404
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(_url(attachment)).status_code == 404


def test_the_workshop_page_links_to_the_download_view_and_media_is_not_served(client, attachment):
    client.force_login(UserFactory(role=COORDINATOR))
    page = client.get(attachment.workshop.get_absolute_url()).content.decode()
    assert f'Report: <a href="{_url(attachment)}">Source report</a>' in page
    assert "/media/" not in page
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_the_admin_links_the_file_to_the_download_view(admin_client_with_role, attachment):
    page = admin_client_with_role.get(
        reverse("admin:workshops_workshop_change", args=[attachment.workshop_id])
    ).content.decode()
    assert f'<a href="{_url(attachment)}">{attachment.file.name}</a>' in page
    assert "/media/" not in page
