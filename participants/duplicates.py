"""People who may be one person recorded twice: the pairs the people matcher (participants/matching.py, as an
attendance import and the look-alike check use it) finds between the names on record, with what tells them apart.
"""

from django.db.models import Count, Prefetch

from .matching import PeopleIndex
from .models import Person, Position


def likely_pairs():
    """[(person id, person id, score, name matched)], most alike first: every pair of people whose names (in any
    order, own script, other names) match exactly or as a near miss. Read once per version of the people index."""
    index = PeopleIndex.current()
    if getattr(index, "pairs", None) is None:
        pairs = {}
        for pk, name in index.full_names.items():
            for other, score, matched in index.match_ids(name, limit=6):
                if other != pk:
                    key = (min(pk, other), max(pk, other))
                    if key not in pairs or score > pairs[key][0]:
                        pairs[key] = (score, matched)
        index.pairs = sorted(
            ((a, b, score, name) for (a, b), (score, name) in pairs.items()), key=lambda p: (-p[2], p[:2])
        )
    return index.pairs


def details(ids):
    """{id: Person} with what the duplicates page shows side by side, in a fixed number of queries: other names,
    positions and their organisations, attendance and agreements signed (counted), and who created the record when
    (its first history row)."""
    people = (
        Person.objects.filter(pk__in=ids)
        .prefetch_related(
            "aliases",
            Prefetch(
                "positions", queryset=Position.objects.select_related("organisation").order_by("-start_date", "-id")
            ),
        )
        .annotate(
            attendance_count=Count("attendances", distinct=True),
            agreement_count=Count("signed_agreements", distinct=True),
        )
    )
    found = {person.pk: person for person in people}
    created = Person.history.filter(id__in=ids, history_type="+").select_related("history_user")
    for row in created.order_by("history_date"):
        person = found.get(row.id)
        if person is not None and not hasattr(person, "created_by"):
            person.created_by = row.history_user
    for person in found.values():
        person.weight = person.attendance_count + len(person.positions.all()) + person.agreement_count
        if not hasattr(person, "created_by"):
            person.created_by = None
    return found
