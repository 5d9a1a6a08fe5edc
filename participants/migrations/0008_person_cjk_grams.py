"""A GIN index on the Chinese characters and character pairs of a person's names (common/cjk.py), on PostgreSQL
only: a site search or people list search for a word of one or two Chinese characters (李, 无锡) reads it where the
trigram indexes hold nothing for such a word and every person's names were read (35 ms at 100,000 people, twice a
search)."""

from django.db import migrations

INDEX = "person_name_cjk_grams_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from common.cjk import CREATE_FUNCTION, grams_sql

        schema_editor.execute(CREATE_FUNCTION)
        expression = grams_sql(["given_name", "family_name", "name_local"])
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON participants_person USING gin (({expression}))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("participants", "0007_search_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
