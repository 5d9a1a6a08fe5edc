"""`backup` then `restore` into an emptied database gives back every row of every table and every uploaded file."""

import hashlib
import io
import json
import stat
import zipfile

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from agreements.models import Agreement, AgreementDocument
from common.backup import stored_files, table_counts
from demo.reference import load_reference_workshop
from workshops.models import Workshop


def _checksums():
    checksums = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as handle:
            checksums[name] = hashlib.sha256(handle.read()).hexdigest()
    return checksums


def _empty_media(folder):
    for path in sorted(folder.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_file_into_an_empty_database(settings, tmp_path, capsys):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    workshop = load_reference_workshop()
    agreement = Agreement.objects.get(origin_workshops=workshop)
    AgreementDocument.objects.create(
        agreement=agreement, version_label="draft 1", file=ContentFile(b"%PDF-1.4 the draft", "framework-draft-1.pdf")
    )
    workshop.topics.add(*workshop.topics.all())  # history rows of a many-to-many change, as edits make them
    counts, checksums = table_counts(), _checksums()
    assert (counts["workshops_historicalworkshop"] > 0, len(checksums)) == (True, 1)

    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    _empty_media(media)
    assert (Workshop.objects.count(), stored_files()) == (0, [])
    call_command("restore", str(archive))

    assert table_counts() == counts
    assert _checksums() == checksums
    tables, rows = len(counts), sum(counts.values())
    assert capsys.readouterr().out.splitlines() == [
        f"Backed up {rows} rows of {tables} tables and 1 files to {archive}.",
        f"Restored {rows} rows of {tables} tables and 1 files from {archive}.",
    ]
    # New records get new ids after the restored ones.
    assert Workshop.objects.create(title="After", start_date="2026-12-02").pk > workshop.pk


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_holds_records(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_reference_workshop()
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert str(refused.value) == "The database is not empty: restore into a new database after `migrate`."


@pytest.mark.django_db(transaction=True)
def test_plain_dumpdata_and_loaddata_keep_the_history(tmp_path):
    workshop = load_reference_workshop()
    workshop.topics.add(*workshop.topics.all())
    counts = table_counts()
    fixture = tmp_path / "data.json"
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=["contenttypes", "auth.permission", "sessions"],
        output=str(fixture),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(fixture), verbosity=0)
    assert table_counts() == counts


def _rewritten(archive, target, *, tables=None, extra_files=()):
    """A copy of `archive` with some row counts changed and files added to it (name, content)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        manifest = json.loads(source.read("manifest.json"))
        manifest["tables"].update(tables or {})
        for item in source.infolist():
            if item.filename != "manifest.json":
                copy.writestr(item, source.read(item.filename))
        for name, content in extra_files:
            copy.writestr(f"files/{name}", content)
            manifest["files"][name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
        copy.writestr("manifest.json", json.dumps(manifest))
    return target


@pytest.mark.django_db(transaction=True)
def test_a_refused_restore_leaves_no_rows_and_no_files_behind(settings, tmp_path):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    agreement = Agreement.objects.get(origin_workshops=load_reference_workshop())
    AgreementDocument.objects.create(
        agreement=agreement, version_label="draft 1", file=ContentFile(b"%PDF-1.4 the draft", "framework-draft-1.pdf")
    )
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    _empty_media(media)

    miscounted = _rewritten(archive, tmp_path / "miscounted.zip", tables={"workshops_workshop": 2})
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(miscounted))
    assert str(refused.value) == "Row counts differ from the backup's in: workshops_workshop."
    assert (Workshop.objects.count(), sorted(p.name for p in media.rglob("*") if p.is_file())) == (0, [])

    escaping = _rewritten(archive, tmp_path / "escaping.zip", extra_files=[("../outside.txt", b"not yours")])
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(escaping))
    assert str(refused.value) == "../outside.txt: not a name a file may be restored under."
    assert (Workshop.objects.count(), sorted(p.name for p in tmp_path.rglob("*") if p.is_file())) == (
        0,
        ["backup.zip", "escaping.zip", "miscounted.zip"],
    )


@pytest.mark.django_db(transaction=True)
def test_the_archive_is_readable_by_its_owner_only_even_over_an_older_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "backup.zip"
    archive.write_bytes(b"last week's archive")
    archive.chmod(0o644)
    call_command("backup", str(archive), stdout=io.StringIO())
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert zipfile.is_zipfile(archive)
    assert [path.name for path in tmp_path.iterdir() if path.name != "media"] == ["backup.zip"]


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_restores_with_its_key_and_only_with_it(settings, tmp_path, capsys):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    key = settings.BACKUP_KEY = Fernet.generate_key().decode()
    workshop = load_reference_workshop()
    AgreementDocument.objects.create(
        agreement=Agreement.objects.get(origin_workshops=workshop),
        version_label="draft 1",
        file=ContentFile(b"%PDF-1.4 the draft", "framework-draft-1.pdf"),
    )
    counts, checksums = table_counts(), _checksums()
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    content = archive.read_bytes()
    assert content.startswith(b"partnership-backup fernet 1\n")
    assert b"pbkdf2_sha256" not in content and b"%PDF-1.4 the draft" not in content
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    call_command("flush", interactive=False, verbosity=0)
    _empty_media(media)
    settings.BACKUP_KEY = ""
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert str(refused.value) == "The archive is encrypted: set PARTNERSHIP_BACKUP_KEY to the key it was written with."
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert str(refused.value) == (
        "The archive cannot be decrypted with PARTNERSHIP_BACKUP_KEY: another key, or a damaged file."
    )
    settings.BACKUP_KEY = key
    cut = tmp_path / "cut.zip"
    cut.write_bytes(content[: content.rstrip(b"\n").rindex(b"\n") + 1])  # the last part left off
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(cut))
    assert str(refused.value) == "The archive ends before its last part: it is not as it was written."
    assert Workshop.objects.count() == 0

    call_command("restore", str(archive))
    assert (table_counts(), _checksums()) == (counts, checksums)
    tables, rows = len(counts), sum(counts.values())
    assert capsys.readouterr().out.splitlines() == [
        f"Backed up {rows} rows of {tables} tables and 1 files to {archive}. Encrypted with PARTNERSHIP_BACKUP_KEY.",
        f"Restored {rows} rows of {tables} tables and 1 files from {archive}.",
    ]
