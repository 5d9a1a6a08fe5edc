"""Trigram indexes for the organisation search (institutes/search.py), on PostgreSQL only, as overview/migrations/0002
has them for people: each expression is the one Django writes for `field__icontains` (UPPER("field"::text)), which
pg_trgm's similarity operator in common/search_candidates.py uses too."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "organisation_name_trgm_idx": ("institutes_organisation", "name"),
    "organisation_short_name_trgm_idx": ("institutes_organisation", "short_name"),
    "organisation_name_local_trgm_idx": ("institutes_organisation", "name_local"),
    "organisationalias_name_trgm_idx": ("institutes_organisationalias", "name"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, column) in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("institutes", "0002_dates_and_texts_in_range")]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
