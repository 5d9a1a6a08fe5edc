"""The API tokens DRF's authtoken app kept in clear become accounts.ApiToken rows holding each key's SHA-256, so every
client keeps working with the key it has; the clear keys are then deleted. The authtoken app is no longer installed,
so its table is read with SQL, where it exists (a database made after this change never had it)."""

import datetime
import hashlib

from django.db import migrations
from django.utils.dateparse import parse_datetime

OLD_TABLE = "authtoken_token"


def hash_api_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    quote = schema_editor.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} FROM {quote(OLD_TABLE)}")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            user_id=user_id, name="", key_hash=hashlib.sha256(key.encode()).hexdigest(), key_start=key[:6]
        )
        # SQLite answers a string, in UTC without an offset; PostgreSQL an aware datetime.
        created = parse_datetime(created) if isinstance(created, str) else created
        if created.tzinfo is None:
            created = created.replace(tzinfo=datetime.UTC)
        ApiToken.objects.filter(pk=token.pk).update(created_at=created)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(OLD_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_api_token")]

    # The clear keys are gone: going back leaves no token (each client needs a new one).
    operations = [migrations.RunPython(hash_api_tokens, migrations.RunPython.noop)]
