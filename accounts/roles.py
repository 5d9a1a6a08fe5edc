"""The three roles, as Django groups with model permissions.

Coordinators log meetings, managers also run agreements, admins also keep institute records and users clean, and
lift sign-in lockouts (the "axes" permissions).
Every role reads everything. A data migration applies this table, so every database has the groups.
"""

import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

COORDINATOR = "Coordinator"
MANAGER = "Manager"
ADMIN = "Admin"

ROLE_LABELS = {COORDINATOR: _("Coordinator"), MANAGER: _("Manager"), ADMIN: _("Admin")}

READ_APPS = ["institutes", "participants", "workshops", "agreements", "results"]

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
# Coordinators may add an organisation met in a meeting and correct one (its names, other names, kind, country),
# but not delete institute records or merge them.
COORDINATOR_EXTRA = [
    ("institutes", "add_organisation"),
    ("institutes", "change_organisation"),
    ("institutes", "add_organisationalias"),
    ("institutes", "change_organisationalias"),
    ("institutes", "delete_organisationalias"),
]

# Who reads people's e-mail addresses and phone numbers: coordinators (they invite, import attendance lists and send
# the meeting record) and admins (every permission); managers run agreements and see names, not contact details.
CONTACT_DETAILS = ("participants", "see_contact_details")

MANAGER_WRITES = {
    **COORDINATOR_WRITES,
    "workshops": [*COORDINATOR_WRITES["workshops"], "programme"],
    "agreements": ["agreement", "agreementparty", "agreementdocument", "amendment", "agreementstatuschange"],
    "results": ["indicator", "target", "enteredvalue"],
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
        COORDINATOR: pick([*_codenames(COORDINATOR_WRITES), *COORDINATOR_EXTRA, CONTACT_DETAILS]),
        MANAGER: pick([*_codenames(MANAGER_WRITES), *COORDINATOR_EXTRA]),
        ADMIN: Permission.objects.filter(
            content_type__app_label__in=[*READ_APPS, "accounts", "auth", "simple_history", "axes"]
        ),
    }


def sync_roles(Group, Permission):
    for name, permissions in role_permissions(Permission).items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def has_role(user):
    """Signed in with one of the roles (or a superuser): a signed-in account without one sees no records."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_role_cache"):
        user._role_cache = user.groups.filter(name__in=ROLE_LABELS).exists()
    return user._role_cache


def role_required(view):
    """Sign-in first, then a role: without one, 403."""

    @functools.wraps(view)
    def check(request, *args, **kwargs):
        if not has_role(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(check)


class HasRole(BasePermission):
    """The API's own pages (schema, docs) need a role, like the pages."""

    def has_permission(self, request, view):
        return has_role(request.user)


def may_merge(user):
    """Merging records folds one into another and deletes it: admins only (and superusers), at every door."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=ADMIN).exists()


def may_see_contacts(user):
    """E-mail addresses and phone numbers of people: the one rule every door asks (pages, lists, exports, the API,
    search, history, the meeting record's send page, the admin)."""
    return user.is_authenticated and user.has_perm(".".join(CONTACT_DETAILS))


class MayMerge(BasePermission):
    """The API's merge endpoints: admins only, as the merge page and the admin's merge action."""

    def has_permission(self, request, view):
        return may_merge(request.user)
