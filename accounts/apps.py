from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_roles_after_migrate(sender, **kwargs):
    # post_migrate is sent once per app, after that app's permissions are created, so the roles are brought up to
    # date each time (it is idempotent). This covers a new model's permissions without a migration, and a test
    # flush, which empties the groups the data migration made.
    from django.contrib.auth.models import Group, Permission

    from .roles import sync_roles

    sync_roles(Group, Permission)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from .services import user_sign_out

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")
        user_logged_out.connect(user_sign_out, dispatch_uid="accounts.user_sign_out")
