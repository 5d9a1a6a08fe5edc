"""Organisations that may be one organisation recorded twice: pairs whose names the organisation search ranks as
the same name or a near miss of it (institutes/search.py), with what tells them apart."""

from django.db.models import Count

from common.search import EXACT, NEAR, name_words

from .matching import organisation_key, organisation_names
from .models import Organisation
from .search import rank

NEAR_ENOUGH = 90


def _keys(organisation):
    """Words worth comparing on: a pair of organisations is ranked only when they share one (or its first letters)."""
    keys = set()
    for name in organisation_names(organisation):
        for word in name_words(organisation_key(name)):
            if len(word) >= 3:
                keys.add(word[:3])
        keys.add("".join(name_words(name))[:4])
    return keys


def likely_pairs():
    """[(organisation id, organisation id, score, name matched)], most alike first."""
    # A record "now known as" another (renamed, or kept as a merge's trace for a signature) is not a duplicate of it.
    organisations = list(
        Organisation.objects.filter(now_known_as__isnull=True).prefetch_related("aliases").order_by("pk")
    )
    buckets = {}
    for organisation in organisations:
        for key in _keys(organisation):
            buckets.setdefault(key, []).append(organisation)
    pairs = {}
    for members in buckets.values():
        if len(members) > 200:
            continue  # a word too common to tell anything ("institute")
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                key = (a.pk, b.pk)
                if key in pairs:
                    continue
                best = None
                for one, other in ((a, b), (b, a)):
                    for name in organisation_names(one):
                        found = rank(name, other)
                        alike = found and (found[0] == EXACT or (found[0] == NEAR and found[1] >= NEAR_ENOUGH))
                        if alike and (best is None or found[1] > best[0]):
                            best = (found[1], name)
                pairs[key] = best
    return sorted(((a, b, *found) for (a, b), found in pairs.items() if found), key=lambda p: (-p[2], p[:2]))


def details(ids):
    """{id: Organisation} with other names, counts of people, attendance, agreements and workshops, and who created
    the record when (its first history row), in a fixed number of queries."""
    organisations = (
        Organisation.objects.filter(pk__in=ids)
        .select_related("city")
        .prefetch_related("aliases")
        .annotate(
            people_count=Count("positions__person", distinct=True),
            attendance_count=Count("attendances", distinct=True),
            agreement_count=Count("agreement_parties", distinct=True),
            workshop_count=Count("workshop_links", distinct=True),
        )
    )
    found = {organisation.pk: organisation for organisation in organisations}
    for row in (
        Organisation.history.filter(id__in=ids, history_type="+")
        .select_related("history_user")
        .order_by("history_date")
    ):
        organisation = found.get(row.id)
        if organisation is not None and not hasattr(organisation, "created_by"):
            organisation.created_by = row.history_user
    for organisation in found.values():
        organisation.weight = (
            organisation.people_count
            + organisation.attendance_count
            + organisation.agreement_count
            + organisation.workshop_count
        )
        if not hasattr(organisation, "created_by"):
            organisation.created_by = None
    return found
