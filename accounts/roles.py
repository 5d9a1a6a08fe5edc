"""The three roles, as Django groups with model permissions.

Coordinators log meetings, managers also run agreements, admins also keep institute records and users clean.
Every role reads everything. A data migration applies this table, so every database has the groups.
"""

from django.utils.translation import gettext_lazy as _

COORDINATOR = "Coordinator"
MANAGER = "Manager"
ADMIN = "Admin"

ROLE_LABELS = {COORDINATOR: _("Coordinator"), MANAGER: _("Manager"), ADMIN: _("Admin")}

READ_APPS = ["institutes", "participants", "workshops", "agreements"]

COORDINATOR_WRITES = {
    "participants": ["person", "personalias", "position"],
    "workshops": [
        "workshop",
        "workshoporganisation",
        "attendance",
        "statement",
        "outcome",
        "actionitem",
        "attachment",
        "topic",
    ],
}
# Coordinators may add an organisation met in a meeting, but not edit or delete existing institute records.
COORDINATOR_EXTRA = [("institutes", "add_organisation")]

MANAGER_WRITES = {
    **COORDINATOR_WRITES,
    "workshops": [*COORDINATOR_WRITES["workshops"], "programme"],
    "agreements": ["agreement", "agreementparty", "agreementdocument", "amendment", "agreementstatuschange"],
}


def _codenames(writes):
    for app_label, models in writes.items():
        for model in models:
            for action in ("add", "change", "delete"):
                yield app_label, f"{action}_{model}"


def role_permissions(Permission):
    """{group name: queryset of permissions}, given the Permission model (real or historical)."""
    view = Permission.objects.filter(content_type__app_label__in=READ_APPS, codename__startswith="view_")

    def pick(pairs):
        ids = set(view.values_list("id", flat=True))
        for app_label, codename in pairs:
            ids.update(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename).values_list(
                    "id", flat=True
                )
            )
        return Permission.objects.filter(id__in=ids)

    return {
        COORDINATOR: pick([*_codenames(COORDINATOR_WRITES), *COORDINATOR_EXTRA]),
        MANAGER: pick([*_codenames(MANAGER_WRITES), *COORDINATOR_EXTRA]),
        ADMIN: Permission.objects.filter(
            content_type__app_label__in=[*READ_APPS, "accounts", "auth", "simple_history"]
        ),
    }


def sync_roles(Group, Permission):
    for name, permissions in role_permissions(Permission).items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
