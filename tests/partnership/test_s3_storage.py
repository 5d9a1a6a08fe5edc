"""Uploaded documents in S3-compatible object storage, with moto's S3 server standing in for AWS S3 or MinIO."""

import time
import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from accounts.roles import MANAGER
from tests.factories import AgreementFactory, UserFactory

BUCKET = "partnership-documents"
KEYS = {"aws_access_key_id": "partnership", "aws_secret_access_key": "not-a-real-secret"}


@pytest.fixture
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    s3 = boto3.resource("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **KEYS)
    bucket = s3.create_bucket(Bucket=BUCKET)
    # As partnership/settings.py builds it from AWS_STORAGE_BUCKET_NAME and the other AWS_* variables.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "addressing_style": "path",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    return bucket


def _upload(client, agreement, label, content):
    upload = SimpleUploadedFile("framework.pdf", content, content_type="application/pdf")
    url = reverse("agreements:document-upload", args=[agreement.pk])
    assert client.post(url, {"file": upload, "version_label": label}).status_code == 302
    return agreement.documents.get(version_label=label)


def test_documents_are_stored_in_the_bucket_and_downloaded_through_the_permission_checked_view(client, bucket, db):
    agreement = AgreementFactory()
    client.force_login(UserFactory(role=MANAGER))
    first = _upload(client, agreement, "draft 1", b"%PDF-1.7 first draft")
    second = _upload(client, agreement, "draft 2", b"%PDF-1.7 second draft")

    # The same file name twice: the second upload gets a name of its own instead of replacing the first version.
    keys = sorted(item.key for item in bucket.objects.all())
    assert keys == sorted([first.file.name, second.file.name])
    assert first.file.name == f"agreements/{agreement.pk}/framework.pdf"
    assert second.file.name.startswith(f"agreements/{agreement.pk}/framework_")
    assert bucket.Object(first.file.name).get()["Body"].read() == b"%PDF-1.7 first draft"
    # Private: the object grants no one but its owner.
    grants = bucket.Object(first.file.name).Acl().grants
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]

    # After the permission check, a redirect to a link signed for FILE_LINK_SECONDS that downloads the file.
    before = int(time.time())
    response = client.get(reverse("agreements:document", args=[agreement.pk, second.pk]))
    after = int(time.time()) + 1
    link = urllib.parse.urlsplit(response["Location"])
    expires = int(urllib.parse.parse_qs(link.query)["Expires"][0])
    assert (response.status_code, link.path) == (302, f"/{BUCKET}/{second.file.name}")
    assert (before + 60 <= expires <= after + 60, response["Cache-Control"]) == (True, "private, no-store")
    with urllib.request.urlopen(response["Location"]) as signed:
        assert signed.read() == b"%PDF-1.7 second draft"
        assert signed.headers["Content-Disposition"] == (
            f'attachment; filename="{second.file.name.rsplit("/", 1)[-1]}"'
        )
    # Without the signature the bucket refuses.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{link.scheme}://{link.netloc}{link.path}")
    assert refused.value.code == 403


def test_a_document_missing_from_the_bucket_is_not_found(client, bucket, db):
    agreement = AgreementFactory()
    client.force_login(UserFactory(role=MANAGER))
    document = _upload(client, agreement, "draft 1", b"%PDF-1.7 first draft")
    bucket.Object(document.file.name).delete()

    assert client.get(reverse("agreements:document", args=[agreement.pk, document.pk])).status_code == 404
