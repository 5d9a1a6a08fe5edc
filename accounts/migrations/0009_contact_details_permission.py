"""People's e-mail addresses and phone numbers are shown to coordinators and admins only: the new permission
participants.see_contact_details is created and the roles are synced with accounts/roles.py, which grants it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_contact_details(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need the new one now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    from accounts.roles import sync_roles

    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def withdraw_contact_details(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="participants", codename="see_contact_details").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_hash_api_tokens"),
        ("participants", "0006_personal_data_basis"),
    ]

    operations = [migrations.RunPython(grant_contact_details, withdraw_contact_details)]
