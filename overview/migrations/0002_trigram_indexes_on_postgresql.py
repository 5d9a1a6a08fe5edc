"""Trigram indexes for the substring matches of overview/search.py, on PostgreSQL only (see 0001).

Each expression is the one Django writes for `field__icontains` (UPPER("field"::text) LIKE UPPER(...)), so the planner
can use the index; without them a search for a name read every workshop and every person. pg_trgm is a trusted
extension (PostgreSQL 13+): the database's owner may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "workshop_title_trgm_idx": ("workshops_workshop", "title"),
    "workshop_other_title_trgm_idx": ("workshops_workshop", "other_title"),
    "person_given_name_trgm_idx": ("participants_person", "given_name"),
    "person_family_name_trgm_idx": ("participants_person", "family_name"),
    "person_name_local_trgm_idx": ("participants_person", "name_local"),
    "personalias_name_trgm_idx": ("participants_personalias", "name"),
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
    dependencies = [
        ("overview", "0001_search_indexes_on_postgresql"),
        ("participants", "0001_initial"),
    ]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
