"""The test databases, copied from one migrated template instead of migrated by every xdist worker.

Migrating from nothing takes half a minute or more per worker. The first worker to need it migrates a template
database once, under a lock, and every worker copies it: on SQLite the template is a file in .pytest_cache loaded into
the worker's in-memory database (as Django's parallel runner loads its clones), on PostgreSQL the worker's database is
created WITH TEMPLATE. A template is named for a hash of Django's version and of every migration file Django would
apply, so a changed or added migration gets a new template (and the old one is removed); `--create-db` builds it
afresh, once per run. Each worker then runs `migrate` on its copy as before: nothing is left to apply, and the
post_migrate handlers (content types, permissions, the role groups) bring the copy up to date with the code.

Anything else (`--nomigrations`, another database, a SQLite test database in a file) is set up as pytest-django does.
"""

import fcntl
import hashlib
import os
import sqlite3
import sys
import tempfile
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

import django
import pytest


def _migrations_key():
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(django.get_version().encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, name in sorted(loader.disk_migrations):
        digest.update(f"{app_label}.{name}\n".encode())
        digest.update(Path(sys.modules[loader.disk_migrations[app_label, name].__module__].__file__).read_bytes())
    return digest.hexdigest()[:12]


def _cache_folder(config):
    cache = getattr(config, "cache", None)  # absent with -p no:cacheprovider
    if cache is not None:
        return cache.mkdir("test-databases")
    folder = Path(tempfile.gettempdir()) / "partnership-test-databases"
    folder.mkdir(exist_ok=True)
    return folder


@contextmanager
def _file_lock(path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _advisory_lock(connection, name):
    # Two checkouts may share one PostgreSQL server: a file lock would not keep them from building the same template.
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
        try:
            yield
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _migrate_into(connection, name, verbosity):
    """Migrate a new database `name` (deleting one already there), leaving the connection's settings as they were."""
    settings_dict = connection.settings_dict
    saved = settings_dict["NAME"], settings_dict["TEST"].get("NAME")
    settings_dict["TEST"]["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False)
    finally:
        connection.close()
        settings_dict["NAME"], settings_dict["TEST"]["NAME"] = saved


class _Templates:
    def __init__(self, request, createdb):
        self.verbosity = request.config.option.verbose
        self.folder = _cache_folder(request.config)
        self.key = _migrations_key()
        self.createdb = createdb
        # One id for all workers of a run, so that --create-db rebuilds a template once, not once per worker.
        self.run = getattr(request.config, "workerinput", {}).get("testrunuid") or f"pid {os.getpid()}"

    def _stale(self, exists, marker):
        if not exists:
            return True
        return self.createdb and (not marker.exists() or marker.read_text() != self.run)

    def _built(self, marker):
        marker.write_text(self.run)

    @contextmanager
    def sqlite_copy(self, connection):
        template = self.folder / f"sqlite-{self.key}.sqlite3"
        marker = self.folder / f"{template.name}.run"
        with _file_lock(self.folder / "sqlite.lock"):
            if self._stale(template.exists(), marker):
                building = self.folder / f"sqlite-{self.key}.building.sqlite3"
                _migrate_into(connection, str(building), self.verbosity)
                os.replace(building, template)
                self._built(marker)
                for old in self.folder.glob("sqlite-*"):
                    if old not in (template, marker):
                        old.unlink()
            # The in-memory database lives while a connection to it is open: this one is, until the session ends.
            keeper = sqlite3.connect(connection.creation._get_test_db_name(), uri=True)
            with closing(sqlite3.connect(template)) as source:
                source.backup(keeper)
        try:
            yield
        finally:
            keeper.close()

    @contextmanager
    def postgresql_copy(self, connection):
        qn = connection.ops.quote_name
        prefix = f"test_{connection.settings_dict['NAME']}_template_"
        template = f"{prefix}{self.key}"
        marker = self.folder / f"postgresql-{template}.run"
        target = connection.creation._get_test_db_name()
        with _advisory_lock(connection, prefix):
            with connection._nodb_cursor() as cursor:
                cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
                existing = {name for (name,) in cursor.fetchall() if name.startswith(prefix)}  # "_" is a wildcard
            if self._stale(template in existing, marker):
                _migrate_into(connection, f"{template}_building", self.verbosity)
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS {qn(template)}")
                    cursor.execute(f"ALTER DATABASE {qn(template + '_building')} RENAME TO {qn(template)}")
                    for old in existing - {template}:
                        cursor.execute(f"DROP DATABASE IF EXISTS {qn(old)} WITH (FORCE)")
                self._built(marker)
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {qn(target)}")
                cursor.execute(f"CREATE DATABASE {qn(target)} WITH TEMPLATE {qn(template)}")
        yield

    def copy(self, connection):
        """A context in which the connection's test database is a copy of the template, or None where not done."""
        if connection.settings_dict["TEST"].get("MIRROR"):
            return None
        creation = connection.creation
        if connection.vendor == "sqlite" and creation.is_in_memory_db(creation._get_test_db_name()):
            return self.sqlite_copy(connection)
        if connection.vendor == "postgresql":
            return self.postgresql_copy(connection)
        return None


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's own, but for a database copied from the template, which `migrate` then finds up to date."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    copies = ExitStack()
    with django_db_blocker.unblock():
        if django_db_use_migrations:
            templates = _Templates(request, django_db_createdb)
            contexts = [templates.copy(connections[alias]) for alias in sorted(aliases)]
            if contexts and all(contexts):
                for context in contexts:
                    copies.enter_context(context)
                keepdb = True  # the copy, not an empty database
        else:
            _disable_migrations()
        db_cfg = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=keepdb,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )
    yield
    with django_db_blocker.unblock(), copies:
        if not django_db_keepdb:
            try:
                teardown_databases(db_cfg, verbosity=request.config.option.verbose)
            except Exception as exc:
                request.node.warn(pytest.PytestWarning(f"Error when trying to teardown test databases: {exc!r}"))
