"""The one search for organisations: the type-ahead, the organisations list's ?q=, the site search and the
look-alike check before a new organisation is made all ask here.

An organisation is found by any word or the start of any of its names: name, short name, name in its own script,
other names and former names; legal forms typed or not ("Co., Ltd.") make no difference; an acronym typed finds the
organisation whose words it abbreviates, or whose short name it misses by one letter when four or more long ("SSES"
for SSEZ; "WHO" is not "WIT"). Near misses (a typo, two letters swapped, a space or hyphen missing) come last. Ranked:
exact, prefix, word, near miss (common.search.rank_name), then by name.
"""

from django.db.models import Prefetch
from rapidfuzz.distance import Levenshtein

from common.search import NEAR, TIER_NAMES, WORD, best_name, name_words, pk_among, ranked_first_among, search_words
from common.search_candidates import CANDIDATES, RANKED, near_ids

from .matching import Match, organisation_key, organisation_names
from .models import Organisation, OrganisationAlias

ACRONYM_SCORE = 85


def initials(name):
    """The acronym of a name's words, without legal forms and small words: "Wuxi Institute of Technician" -> "wit"."""
    return "".join(word[0] for word in name_words(organisation_key(name)))


def rank(text, organisation):
    """(tier, score, name matched) of an organisation for the text typed, or None."""
    names = organisation_names(organisation)
    found = [best_name(text, names)]
    key = organisation_key(text)
    if key and key != text:
        keyed = best_name(key, [organisation_key(n) for n in names])
        if keyed:
            found.append((*keyed[:2], names[[organisation_key(n) for n in names].index(keyed[2])]))
    typed = name_words(text)
    if len(typed) == 1 and len(typed[0]) >= 2:
        acronyms = [n for n in names if len(name_words(n)) == 1]
        if initials(organisation.name) == typed[0]:
            found.append((WORD, ACRONYM_SCORE, organisation.name))
        for acronym in acronyms:
            known = name_words(acronym)[0]
            if min(len(known), len(typed[0])) >= 4 and Levenshtein.distance(known, typed[0]) == 1:
                found.append((NEAR, 90, acronym))
    return max((f for f in found if f), default=None)


def _candidates(text, queryset):
    aliases = Prefetch("aliases", queryset=OrganisationAlias.objects.order_by("name"))
    words = search_words(text)
    found = {}
    for organisation in queryset.search(words).prefetch_related(aliases).order_by("name", "id")[:CANDIDATES]:
        found.setdefault(organisation.pk, organisation)
    folded = name_words(text)
    if len(found) < CANDIDATES and folded:
        # An acronym typed may be the initials of a name: the organisations whose name starts with its first letter.
        first = Organisation.objects.filter(name__istartswith=folded[0][0]) if len(folded) == 1 else None
        near = [
            ids
            for ids in (
                near_ids(Organisation, folded, Organisation.NAME_FIELDS, broad=True),
                near_ids(OrganisationAlias, folded, ["name"], column="organisation_id", broad=True),
            )
            if ids is not None
        ]
        if first is not None and len(folded[0]) <= 8:
            near.append(first.order_by().values("pk"))
        # One UNION of the parts, each read from an index: an OR of two subqueries read every organisation.
        more = queryset.filter(pk_among(near)) if near else queryset.none()
        for organisation in (
            more.exclude(pk__in=list(found)).prefetch_related(aliases).order_by("name", "id")[:CANDIDATES]
        ):
            found.setdefault(organisation.pk, organisation)
    return found.values()


def search_organisations(text, *, limit=8, queryset=None):
    """[Match] for the organisations the text typed may stand for, best first: score 100 for an exact name, less
    for a prefix, a word, an acronym or a near miss; Match.kind says which."""
    text = (text or "").replace("\x00", "")[:200]
    if not name_words(text):
        return []
    queryset = queryset if queryset is not None else Organisation.objects.all()
    ranked = []
    for organisation in _candidates(text, queryset):
        found = rank(text, organisation)
        if found:
            tier, score, name = found
            ranked.append(
                (-tier, -score, organisation.name.casefold(), organisation.pk, organisation, name, tier, score)
            )
    ranked.sort(key=lambda row: row[:4])
    return [Match(row[4], row[7], row[5], TIER_NAMES[row[6]]) for row in ranked[:limit]]


def search_ids(text, *, limit=RANKED):
    return [match.record.pk for match in search_organisations(text, limit=limit)]


def organisations_matching(text, queryset=None):
    """The organisations list's and the site search's answer: the organisations search_organisations() finds, best
    first, then any other holding every word typed, by name."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    words = search_words(text)
    if not words:
        return queryset
    holding = Organisation.objects.search(words).order_by().values("pk")
    return ranked_first_among(queryset, search_ids(text), holding)
