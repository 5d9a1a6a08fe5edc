"""The people finder's index on SQLite: an FTS5 table with the trigram tokenizer kept by triggers, and expression
indexes for the names starting with what was typed (participants/search_index.py). Nothing on PostgreSQL."""

from django.db import migrations


def create_index(apps, schema_editor):
    from participants.search_index import ensure

    ensure(schema_editor.connection)


def drop_index(apps, schema_editor):
    from participants.search_index import drop

    drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("participants", "0006_personal_data_basis")]

    operations = [migrations.RunPython(create_index, drop_index)]
