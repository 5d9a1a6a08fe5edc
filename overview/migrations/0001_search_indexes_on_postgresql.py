"""GIN indexes for the full-text search of overview/search.py, on PostgreSQL only.

They live here, not in `workshops`, because they serve the cross-app search and are not part of the workshop
model; SQLite has no such index and skips this migration's work. Each expression is the one Django writes for
SearchVector(..., config="english"), so the planner can use the index.
"""

from django.db import migrations

WORKSHOP_INDEX = "workshop_search_idx"
STATEMENT_INDEX = "statement_search_idx"

CREATE = [
    f"""CREATE INDEX IF NOT EXISTS {WORKSHOP_INDEX} ON workshops_workshop USING gin (
        to_tsvector('english'::regconfig,
            COALESCE(title, '') || ' ' || COALESCE(other_title, '') || ' ' ||
            COALESCE(summary, '') || ' ' || COALESCE(minutes, '')))""",
    f"""CREATE INDEX IF NOT EXISTS {STATEMENT_INDEX} ON workshops_statement USING gin (
        to_tsvector('english'::regconfig, COALESCE(text, '')))""",
]
DROP = [f"DROP INDEX IF EXISTS {WORKSHOP_INDEX}", f"DROP INDEX IF EXISTS {STATEMENT_INDEX}"]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
