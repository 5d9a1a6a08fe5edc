"""People who may be one person recorded twice: pairs whose names the people finder (participants/search.py, as an
attendance import and the look-alike check use it) takes for the same name or a near miss of it, with what tells them
apart. Found by the database, in bounded work: never every person into Python.
"""

from django.db import connection
from django.db.models import Count, Prefetch

from .keys import TOKEN_SIMILARITY, name_tokens, tokens_similarity
from .models import Person, Position

KEYS = 500  # names shared by several people, read at most
SHARING = 20  # people compared per shared name, at most ("Li Wei" may be twenty people, not one)
NEAR_PAIRS = 2000  # pairs of look-alike names compared, at most

_NAMES = """
    SELECT id AS person_id, match_key AS name_key, given_name || ' ' || family_name AS name
    FROM participants_person WHERE match_key <> ''
    UNION SELECT id, local_key, name_local FROM participants_person WHERE local_key <> ''
    UNION SELECT person_id, match_key, name FROM participants_personalias WHERE match_key <> ''
"""
# Each name shared by several people, with who has it.
_SHARED = f"""
    SELECT person_id, name_key, name FROM ({_NAMES}) AS names WHERE name_key IN (
        SELECT name_key FROM ({_NAMES}) AS shared
        GROUP BY name_key HAVING COUNT(DISTINCT person_id) > 1 ORDER BY name_key LIMIT %s
    ) ORDER BY name_key, person_id
"""
# People whose names differ but are alike: the same family name and given names starting alike ("Zhenyun" and
# "Zhenyn"), or the same given name and family names starting alike ("Liu" and "Lui").
_LOOK_ALIKES = """
    SELECT a.id, b.id, a.given_name, a.family_name, b.given_name, b.family_name
    FROM participants_person a JOIN participants_person b
    ON UPPER(a.family_name) = UPPER(b.family_name) AND a.id < b.id AND a.match_key <> b.match_key
    AND SUBSTR(UPPER(a.given_name), 1, 2) = SUBSTR(UPPER(b.given_name), 1, 2)
    WHERE a.family_name <> '' AND a.given_name <> ''
    UNION
    SELECT a.id, b.id, a.given_name, a.family_name, b.given_name, b.family_name
    FROM participants_person a JOIN participants_person b
    ON UPPER(a.given_name) = UPPER(b.given_name) AND a.id < b.id AND a.match_key <> b.match_key
    AND SUBSTR(UPPER(a.family_name), 1, 1) = SUBSTR(UPPER(b.family_name), 1, 1)
    WHERE a.family_name <> '' AND a.given_name <> ''
    ORDER BY 1, 2 LIMIT %s
"""


def likely_pairs():
    """[(person id, person id, score, name matched)], most alike first: people sharing a name (in any order, in own
    script, another name: exact), then people whose names are near misses of each other. Two queries, whatever the
    number of people; each bounded (KEYS, SHARING, NEAR_PAIRS)."""
    with connection.cursor() as cursor:
        cursor.execute(_SHARED, [KEYS])
        shared = cursor.fetchall()
        cursor.execute(_LOOK_ALIKES, [NEAR_PAIRS])
        look_alikes = cursor.fetchall()
    sharing = {}
    for pk, key, name in shared:
        members = sharing.setdefault(key, {})
        if len(members) < SHARING:
            members.setdefault(pk, " ".join(name.split()))
    pairs = {}
    for members in sharing.values():
        found = sorted(members.items())
        for i, (a, name) in enumerate(found):
            for b, _other in found[i + 1 :]:
                pairs[a, b] = (100, name)
    for a, b, *names in look_alikes:
        if (a, b) in pairs:
            continue
        left, right = f"{names[0]} {names[1]}", f"{names[2]} {names[3]}"
        score = tokens_similarity(name_tokens(left), name_tokens(right))
        if score >= TOKEN_SIMILARITY:
            pairs[a, b] = (score, right)
    return sorted(((a, b, score, name) for (a, b), (score, name) in pairs.items()), key=lambda p: (-p[2], p[:2]))


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
