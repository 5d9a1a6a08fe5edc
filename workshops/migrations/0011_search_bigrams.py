"""A GIN index on the Chinese characters and character pairs of a workshop's titles (common/cjk.py), on PostgreSQL
only: a site search or workshops list search for a word of one or two Chinese characters (无锡, 李) reads it where
the trigram indexes of overview/migrations/0002 hold nothing for such a word."""

from django.db import migrations

INDEX = "workshop_title_cjk_grams_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from common.cjk import CREATE_FUNCTION, grams_sql

        schema_editor.execute(CREATE_FUNCTION)
        expression = grams_sql(["title", "other_title"])
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON workshops_workshop USING gin (({expression}))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("workshops", "0010_partner_links")]

    operations = [migrations.RunPython(create_index, drop_index)]
