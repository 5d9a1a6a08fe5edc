"""A trigram index on agreements' titles for their search (AgreementQuerySet.search), on PostgreSQL only, as
institutes/migrations/0003 has them for organisations: the expression is the one Django writes for
`title__icontains` (UPPER("title"::text)). Without it a search read every agreement's title."""

from django.db import migrations

INDEXES = {"agreement_title_trgm_idx": ("agreements_agreement", "title")}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Not TrigramExtension(): unapplied on SQLite (a test migrating workshops backwards unapplies this app's
        # later migrations), its database_backwards asks PostgreSQL's catalogue whatever the database.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0007_list_and_home_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
