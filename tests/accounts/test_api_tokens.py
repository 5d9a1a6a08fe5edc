"""API tokens are stored as their SHA-256: the database (and so a backup) holds no key that works, the key is shown
once when it is made, and a key made before this change still signs in after its migration."""

import hashlib
import importlib
import io
import json
import re
import zipfile
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from accounts.services import api_token_create
from common.backup import write_backup

pytestmark = pytest.mark.django_db
hashing_migration = importlib.import_module("accounts.migrations.0008_hash_api_tokens")


def _signs_in(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/organisations/").status_code


def test_a_new_token_is_stored_as_its_hash_and_signs_in(coordinator):
    token, key = api_token_create(user=coordinator, name="reporting script")
    stored = ApiToken.objects.get(pk=token.pk)
    assert (len(key), stored.key_hash, stored.key_start) == (40, hashlib.sha256(key.encode()).hexdigest(), key[:6])
    assert _signs_in(key) == 200


def test_a_stored_hash_does_not_sign_in(coordinator):
    token, _key = api_token_create(user=coordinator)
    assert _signs_in(token.key_hash) == 401
    assert _signs_in("0" * 40) == 401


def test_a_disabled_accounts_token_does_not_sign_in(coordinator):
    _token, key = api_token_create(user=coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert _signs_in(key) == 401


def test_the_command_prints_the_key_once_and_stores_its_hash(coordinator):
    out = io.StringIO()
    call_command("api_token_create", "coordinator", "--name", "reporting script", stdout=out)
    key = re.fullmatch(r"API token for coordinator \(shown once, keep it safe\): ([0-9a-f]{40})\n", out.getvalue())[1]
    assert ApiToken.objects.get().key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert _signs_in(key) == 200


def test_the_admin_shows_a_new_key_once_and_stores_its_hash(admin_client_with_role, coordinator):
    response = admin_client_with_role.post(
        reverse("admin:accounts_apitoken_add"), {"user": coordinator.pk, "name": "reporting script"}
    )
    key = re.search(r'<code class="api-token-key">([0-9a-f]{40})</code>', response.content.decode())[1]
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.key_hash) == (
        coordinator,
        "reporting script",
        hashlib.sha256(key.encode()).hexdigest(),
    )
    listing = admin_client_with_role.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    assert (key[:6] in listing, key in listing) == (True, False)
    assert _signs_in(key) == 200


def test_a_backup_holds_no_usable_key(coordinator, tmp_path):
    _token, key = api_token_create(user=coordinator)
    write_backup(tmp_path / "backup.zip")
    data = zipfile.ZipFile(tmp_path / "backup.zip").read("data.json").decode()
    rows = [row for row in json.loads(data) if row["model"] == "accounts.apitoken"]
    assert (len(rows), key in data) == (1, False)


@pytest.fixture
def old_token_table():
    """The table DRF's authtoken app kept its keys in, as a database made before this change has it."""
    with connection.cursor() as cursor:
        cursor.execute(
            'CREATE TABLE "authtoken_token" ("key" varchar(40) NOT NULL PRIMARY KEY, "created" timestamp NOT NULL, '
            '"user_id" bigint NOT NULL UNIQUE)'
        )
    yield
    with connection.cursor() as cursor:
        cursor.execute('DROP TABLE "authtoken_token"')


def test_a_token_made_before_the_change_is_hashed_and_still_signs_in(coordinator, old_token_table):
    old_key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO "authtoken_token" ("key", "created", "user_id") VALUES (%s, %s, %s)',
            [old_key, "2026-01-05 08:30:00", coordinator.pk],
        )
    # What the migration uses of its schema editor (SQLite's cannot be opened inside the test's transaction).
    schema_editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    hashing_migration.hash_api_tokens(apps, schema_editor)
    token = ApiToken.objects.get()
    assert (token.user, token.key_hash, token.key_start, token.created_at.isoformat()) == (
        coordinator,
        hashlib.sha256(old_key.encode()).hexdigest(),
        "9944b0",
        "2026-01-05T08:30:00+00:00",
    )
    with connection.cursor() as cursor:
        cursor.execute('SELECT COUNT(*) FROM "authtoken_token"')
        assert cursor.fetchone()[0] == 0
    assert _signs_in(old_key) == 200
