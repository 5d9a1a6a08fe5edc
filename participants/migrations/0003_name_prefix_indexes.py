"""Btree indexes for the people search's first candidates (participants/search.py, _starting): the names that start
with what was typed, in name order, read from an index and stopped at a LIMIT however many people share the first
letters, on PostgreSQL only. Each expression is the one participants.search.NameKey writes, in the "C" collation so
that a LIKE 'prefix%' is an index range and the index's order is the ORDER BY's."""

from django.db import migrations

INDEXES = {
    "person_given_family_prefix_idx": ("participants_person", "given_name || ' ' || family_name"),
    "person_family_given_prefix_idx": ("participants_person", "family_name || ' ' || given_name"),
    "person_name_local_prefix_idx": ("participants_person", "name_local"),
    "personalias_name_prefix_idx": ("participants_personalias", "name"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, (table, expression) in INDEXES.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} ((UPPER({expression}) COLLATE "C"))')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_dates_and_texts_in_range")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
