"""Request bodies are limited before they are read: a declared size over the limit is answered 413 unread, and an
upload is stopped as it passes 10 MB."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

HUNDRED_MB = 100 * 1024 * 1024


class CountingStream(io.BytesIO):
    """A request body that says how much of it was read."""

    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        line = super().readline(size)
        self.bytes_read += len(line)
        return line


@pytest.fixture
def import_url(reference_workshop):
    return reverse("workshops:attendance-import", args=[reference_workshop.pk])


def test_a_100_mb_upload_is_refused_without_reading_it(coordinator_client, import_url):
    body = CountingStream(b"--x\r\n" + b"0" * 4096)
    response = coordinator_client.generic(
        "POST",
        import_url,
        CONTENT_LENGTH=str(HUNDRED_MB),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "A file of at most 10 MB can be uploaded." in response.content.decode()
    assert body.bytes_read == 0


def test_an_api_request_over_the_limit_is_answered_in_json(client, admin_user):
    client.force_login(admin_user)
    response = client.generic(
        "POST", "/api/workshops/", b"{}", content_type="application/json", CONTENT_LENGTH=str(HUNDRED_MB)
    )
    assert (response.status_code, response.json()) == (413, {"detail": "The request is larger than 10 MB."})


def test_an_upload_is_stopped_as_it_passes_10_mb(coordinator_client, import_url, reference_workshop):
    attendance_before = reference_workshop.attendances.count()
    big = SimpleUploadedFile("big.csv", b"Name\n" + b"A B\n" * (10 * 1024 * 1024 // 4), content_type="text/csv")
    response = coordinator_client.post(import_url, {"step": "upload", "file": big})
    assert response.status_code == 413
    assert reference_workshop.attendances.count() == attendance_before


def test_an_upload_under_the_limit_reaches_the_form(coordinator_client, import_url):
    small = SimpleUploadedFile("list.csv", b"Name\nSamath Bou\n", content_type="text/csv")
    response = coordinator_client.post(import_url, {"step": "upload", "file": small})
    assert response.status_code == 200
    assert [row for _number, row in response.context["table"].rows] == [["Samath Bou"]]
