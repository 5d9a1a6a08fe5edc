"""One archive holds everything an instance has: every table (the history included) and every uploaded file.

    write_backup(path)      # a zip: data.json (dumpdata), files/<name> for each stored file, manifest.json
    restore_backup(path)    # into an empty, migrated database; files back into the storage

The manifest lists each file with its SHA-256 and each table with its row count; a restore checks both. Files are
read and written through default_storage, so the same commands serve a local media folder and an S3 bucket.
"""

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction

FORMAT = 1
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


def write_backup(path):
    """Write the archive; returns (tables, rows, files)."""
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
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        archive.writestr("data.json", data.getvalue())
        for name in names:
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            archive.writestr(f"files/{name}", content)
            files[name] = {"sha256": _sha256(content), "size": len(content)}
        manifest = {"format": FORMAT, "tables": counts, "files": files}
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    return len(counts), sum(counts.values()), len(files)


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
    with zipfile.ZipFile(path) as archive:
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
