"""Where a user's role applies: the one rule every door (page, API, export, feed, search, admin, job) applies
through the models' `visible_to(user)` QuerySet methods.

A grant for a programme covers it and the initiatives and projects under it (Programme.parent, two levels down);
a grant without a programme covers all of them, and also the records that name no programme. Superusers see all.
A user holding no grant sees no programme's records.
"""

from django.db import models
from django.db.models import Q

# Cached on the user object, which lives as long as its request (or job run): one query per request at most.
_CACHE = "_programme_scope_cache"


def programme_scope(user):
    """None when the user may see every programme (and records without one); otherwise the frozenset of the ids of
    the programmes they may see, possibly empty."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if user.is_superuser:
        return None
    cached = getattr(user, _CACHE, False)
    if cached is not False:
        return cached
    # One query: each grant with the programmes under it, by LEFT JOINs (programme → initiative → project).
    rows = user.role_grants.values_list("programme_id", "programme__children__id", "programme__children__children__id")
    ids = set()
    scope = frozenset()
    for row in rows:
        if row[0] is None:
            scope = None
            break
        ids.update(pk for pk in row if pk is not None)
    else:
        scope = frozenset(ids)
    setattr(user, _CACHE, scope)
    return scope


def forget_programme_scope(user):
    """After a grant changes, the next programme_scope() reads the grants again."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def sees_all_programmes(user):
    return programme_scope(user) is None


def scope_condition(user, *paths):
    """The condition on a model's rows that the user may see: one of `paths` (lookups that end at a programme's id,
    such as "programme_id" or "workshop__initiative_id") is one of the user's programmes."""
    scope = programme_scope(user)
    if scope is None:
        return Q()
    if not scope:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in": sorted(scope)})
    return condition


class ScopedQuerySet(models.QuerySet):
    """A model's rows by programme: the model names, in PROGRAMME_PATHS, the lookups from it to a programme."""

    def visible_to(self, user):
        return self.filter(scope_condition(user, *self.model.PROGRAMME_PATHS))

    def sees_all(self, user):
        """Whether visible_to(user) leaves every row (the user holds a role for all programmes)."""
        return programme_scope(user) is None


def is_visible(user, record):
    """Whether the user may see a record already in hand, by the same rule as its model's visible_to()."""
    scope = programme_scope(user)
    if scope is None:
        return True
    for path in record.PROGRAMME_PATHS:
        value = record
        for step in path.split("__"):
            value = getattr(value, step, None)
            if value is None:
                break
        if value is not None and value in scope:
            return True
    return False
