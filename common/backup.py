"""One archive holds everything an instance has: every table (the history included) and every uploaded file.

    write_backup(path)      # a zip: data.json (dumpdata), files/<name> for each stored file, manifest.json
    restore_backup(path)    # into an empty, migrated database; files back into the storage

The manifest lists each file with its SHA-256 and each table with its row count; a restore checks both. Files are
read and written through default_storage, so the same commands serve a local media folder and an S3 bucket.

The archive holds password hashes, API tokens and calendar-feed tokens: it is created readable by its owner only
(mode 0600 from the moment it exists, written under a temporary name and renamed when complete), and with
settings.BACKUP_KEY (PARTNERSHIP_BACKUP_KEY, a Fernet key) it is encrypted as it is written: a first line
ENCRYPTED_HEADER, then one Fernet token a line, each holding a numbered chunk of the zip and whether it is the last,
so chunks dropped, repeated or reordered are refused on restore.
"""

import hashlib
import io
import json
import os
import struct
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction

from common.signals import restored

FORMAT = 1
ENCRYPTED_HEADER = b"partnership-backup fernet 1\n"
CHUNK_BYTES = 4 * 1024 * 1024
_CHUNK_PREFIX = struct.Struct(">Q?")  # the chunk's number, and whether it is the last
# Rows that `migrate` makes itself, matched on load by their natural keys rather than copied.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


def table_counts():
    """{table: rows} for every table of every model, many-to-many tables included."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if model._meta.app_label in {"contenttypes", "sessions"} or label == "auth.permission":
            continue
        counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def stored_files():
    """The names of the files the records refer to, in the order of their models and rows."""
    names = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.model._meta.proxy and field.model is model:
                values = model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                names.extend(v for v in values.order_by(field.name) if v)
    return list(dict.fromkeys(names))


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _fernet(key):
    try:
        return Fernet(key)
    except (ValueError, TypeError):
        raise CommandError(
            "PARTNERSHIP_BACKUP_KEY is not a Fernet key: make one with "
            '`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.'
        ) from None


class _EncryptingWriter:
    """A file-like object for zipfile: what is written goes out as numbered Fernet tokens, one a line."""

    def __init__(self, handle, fernet):
        self.handle, self.fernet = handle, fernet
        self.buffer, self.written, self.number = bytearray(), 0, 0
        handle.write(ENCRYPTED_HEADER)

    def write(self, data):
        self.buffer += data
        self.written += len(data)
        while len(self.buffer) > CHUNK_BYTES:
            self._token(bytes(self.buffer[:CHUNK_BYTES]), last=False)
            del self.buffer[:CHUNK_BYTES]
        return len(data)

    def tell(self):
        return self.written

    def flush(self):
        pass

    def finish(self):
        self._token(bytes(self.buffer), last=True)

    def _token(self, chunk, *, last):
        self.handle.write(self.fernet.encrypt(_CHUNK_PREFIX.pack(self.number, last) + chunk) + b"\n")
        self.number += 1


@contextmanager
def _private_file(path):
    """A new file beside `path`, mode 0600 from its creation (mkstemp), renamed to `path` once complete and removed
    if anything fails: a half-written archive never has the archive's name."""
    folder = Path(path).resolve().parent
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{Path(path).name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_backup(path):
    """Write the archive, encrypted with settings.BACKUP_KEY if set; returns (tables, rows, files)."""
    fernet = _fernet(settings.BACKUP_KEY) if settings.BACKUP_KEY else None
    data = io.StringIO()
    with transaction.atomic():  # one consistent reading of every table (PostgreSQL: one snapshot)
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            stdout=data,
            verbosity=0,
        )
        counts = table_counts()
        names = stored_files()
    files = {}
    with _private_file(path) as handle:
        target = _EncryptingWriter(handle, fernet) if fernet else handle
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            archive.writestr("data.json", data.getvalue())
            for name in names:
                with default_storage.open(name, "rb") as stored:
                    content = stored.read()
                archive.writestr(f"files/{name}", content)
                files[name] = {"sha256": _sha256(content), "size": len(content)}
            manifest = {"format": FORMAT, "tables": counts, "files": files}
            archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
        if fernet:
            target.finish()
    return len(counts), sum(counts.values()), len(files)


@contextmanager
def _opened_archive(path):
    """The archive as a zipfile, decrypted first (into a 0600 temporary file) if it was written encrypted."""
    with open(path, "rb") as handle:
        if handle.read(len(ENCRYPTED_HEADER)) != ENCRYPTED_HEADER:
            handle.close()
            with zipfile.ZipFile(path) as archive:
                yield archive
            return
        if not settings.BACKUP_KEY:
            raise CommandError("The archive is encrypted: set PARTNERSHIP_BACKUP_KEY to the key it was written with.")
        fernet = _fernet(settings.BACKUP_KEY)
        with tempfile.TemporaryFile() as plain:  # mode 0600, and unlinked at once
            last = False
            for number, line in enumerate(handle):
                if last:
                    raise CommandError("The archive goes on after its last part: it is not as it was written.")
                try:
                    chunk = fernet.decrypt(line.rstrip(b"\n"))
                except InvalidToken:
                    raise CommandError(
                        "The archive cannot be decrypted with PARTNERSHIP_BACKUP_KEY: another key, or a damaged file."
                    ) from None
                found, last = _CHUNK_PREFIX.unpack_from(chunk)
                if found != number:
                    raise CommandError("The archive's parts are out of order: it is not as it was written.")
                plain.write(chunk[_CHUNK_PREFIX.size :])
            if not last:
                raise CommandError("The archive ends before its last part: it is not as it was written.")
            plain.seek(0)
            with zipfile.ZipFile(plain) as archive:
                yield archive


def _database_is_empty():
    return all(count == 0 for table, count in table_counts().items() if not table.startswith("auth_group"))


def restore_backup(path):
    """Load the archive into this (empty, migrated) database and its files into the storage; returns
    (tables, rows, files). Refuses a database that holds records, and a storage that holds a different file of
    the same name.

    All or nothing: every file is checked (name, checksum, the storage's copy) before any is written, the rows'
    counts are checked inside the transaction that loads them, and whatever fails after the first file is written
    takes the files written so far out of the storage again and rolls the rows back."""
    if not _database_is_empty():
        raise CommandError("The database is not empty: restore into a new database after `migrate`.")
    with _opened_archive(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        to_write = _files_to_restore(archive, manifest)
        written = []
        try:
            for name in to_write:
                saved = default_storage.save(name, ContentFile(archive.read(f"files/{name}")))
                written.append(saved)
                if saved != name:
                    raise CommandError(f"{name}: the storage saved it as {saved}.")
            with tempfile.TemporaryDirectory() as folder:
                fixture = Path(folder, "data.json")
                fixture.write_bytes(archive.read("data.json"))
                with transaction.atomic():
                    call_command("loaddata", str(fixture), verbosity=0)
                    _reset_sequences()
                    counts = table_counts()
                    if counts != manifest["tables"]:
                        differ = sorted(
                            t
                            for t in counts.keys() | manifest["tables"].keys()
                            if counts.get(t) != manifest["tables"].get(t)
                        )
                        raise CommandError(f"Row counts differ from the backup's in: {', '.join(differ)}.")
                    # After the count check: what a receiver changes (an erasure replayed) is not the archive's.
                    restored.send(sender=restore_backup, archive=path)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    return len(counts), sum(counts.values()), len(manifest["files"])


def _files_to_restore(archive, manifest):
    """The names of the archive's files the storage does not hold yet, after checking every one: a name that would
    leave the storage's folder, a copy that does not match its checksum or a different file of the same name in the
    storage refuses the whole restore before anything is written."""
    to_write = []
    for name, expected in manifest["files"].items():
        try:
            validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation:
            raise CommandError(f"{name}: not a name a file may be restored under.") from None
        content = archive.read(f"files/{name}")
        if _sha256(content) != expected["sha256"]:
            raise CommandError(f"{name}: the archive's copy does not match its checksum.")
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as handle:
                if _sha256(handle.read()) != expected["sha256"]:
                    raise CommandError(f"{name}: the storage holds a different file of this name.")
            continue
        to_write.append(name)
    return to_write


def _reset_sequences():
    """Next ids after the restored ones (PostgreSQL keeps them in sequences that loading rows does not move)."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def skip_history_of_loaded_rows(sender, instance, raw=False, **kwargs):
    """A row loaded from a fixture brings its own history rows: the many-to-many values set on it right after must
    not add one more (django-simple-history records m2m changes, raw or not, and its new row's id would collide with
    a loaded one)."""
    if raw:
        instance.skip_history_when_saving = True
