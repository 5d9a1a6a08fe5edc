"""One search over workshops, people, organisations and agreements, grouped by kind.

People and organisations are found by their one search (participants/search.py, institutes/search.py), as on the
list pages and in the type-aheads: best matches first, near misses included. Workshops and agreements are matched by
their model's search(): every word of the query has to appear in one of a record's names, by substring, on both
databases, using the trigram indexes of overview/migrations/0002 on PostgreSQL. Names are short and written in many
scripts that a text-search parser does not split into words (无锡技师学院).

Workshops are found by their text too, as the workshops list finds them (workshops/search.py): on PostgreSQL a
workshop's title, summary and minutes, and its statements, by full-text search; on SQLite by substring.

Every kind lists its first LIMIT records and counts no further than COUNT_CAP ("1000+"); workshops, organisations
and agreements give both in one query (a window count), people in two. Organisations and agreements are found by a
UNION of index-served parts (common.search.pk_among), agreement titles by the trigram index of agreements/migrations/
0008. On PostgreSQL a word that more than 10,000 workshops hold (a word in most titles, "cooperation") is answered by
reading the workshops newest first and stopping at the LIMIT-th match, as the workshops list does (the workshops'
finder decides, workshops/search.py), instead of collecting, sorting and counting every match (7.6 s for
"cooperation" at 1,000,000 workshops, linear in their number); its count is the cap. Agreements the planner expects
to be many are read likewise. That reading stops after NEWEST_FIRST_MS, or with fewer than LIMIT found, and the
matches are collected instead (see _Many).
"""

from django.db import OperationalError, connection, transaction
from django.db.models import Count, Q, Window
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.roles import role_required
from agreements.models import Agreement, holding_condition
from common.pagination import capped_count
from common.search import (
    MAX_SEARCH_LENGTH,
    MAX_SEARCH_WORDS,
    cut_query,
    estimated_rows,
    first_ranked,
    search_words,
)
from institutes.models import Organisation
from institutes.search import organisations_matching
from participants.models import Person
from participants.search import people_matching
from workshops.models import Workshop
from workshops.search import workshops_matching

MAX_QUERY_LENGTH = MAX_SEARCH_LENGTH
LIMIT = 20  # per kind; the list pages' filters go further
COUNT_CAP = 1000  # matches counted per kind; more are shown as "1000+"
# Agreements the planner expects to match above which they are read last updated first until LIMIT match.
COMMON = 2000
NEWEST_FIRST_MS = 300  # how long the newest-first reading may take before the matches are collected instead
# Kinds whose first records and count come in one query (a window count); people are counted apart, capped.
ONE_QUERY = {"workshops", "organisations", "agreements"}


def search_workshops(query, words, user):
    """The workshops the workshops' finder (workshops/search.py) finds, newest first: on PostgreSQL a word that more
    than COUNT_LIMIT workshops hold is read newest first until LIMIT match (_Many), and not counted."""
    found = (
        workshops_matching(query, Workshop.objects.visible_to(user))
        .select_related("programme")
        .order_by("-start_date", "-id")
    )
    known = found.known_to_hold()
    if known is not None:
        _more_than, every_match = known
        return _Many(found, every_match.select_related("programme").order_by("-start_date", "-id"))
    return found


class _Many:
    """Records known or expected to be many: read newest first until LIMIT match, and not counted (counting would
    read them all). Matches all among the oldest records would have the reading test every record (~0.1 ms each for
    a workshop's text and statements: 100 s at a million): it stops after NEWEST_FIRST_MS, and `every_match` (the
    matches collected from their indexes) is asked instead."""

    def __init__(self, queryset, every_match):
        self.queryset = queryset
        self.every_match = every_match

    def first(self, limit):
        """The first `limit` records, or None when reading them took too long."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {NEWEST_FIRST_MS}")
                return list(self.queryset[:limit])
        except OperationalError:  # the statement was cancelled at NEWEST_FIRST_MS
            return None


def search_people(query):
    """The people search of the people list (participants/search.py): best matches first, near misses included."""
    return people_matching(query, Person.objects.order_by("family_name", "given_name", "id"))


def search_organisations(query):
    """The organisation search of the organisations list (institutes/search.py)."""
    return organisations_matching(query, Organisation.objects.order_by("name", "id"))


def search_agreements(words, user):
    """The agreements holding every word (Agreement.objects.search), last updated first; on PostgreSQL, when the
    planner expects more than COMMON, read last updated first until LIMIT match (_Many), as the workshops are: a
    word in most titles ("cooperation", 20,000 agreements at a million workshops) was collected, sorted and counted
    to show 20 (166 ms)."""
    every_match = Agreement.objects.visible_to(user).search(words).order_by("-updated_at", "-id")
    if connection.vendor == "postgresql" and all(len(word) >= 3 for word in words):
        newest_first = _agreements_newest_first(words, user)
        if estimated_rows(newest_first.order_by()) > COMMON:
            return _Many(newest_first, every_match)
    return every_match


def _agreements_newest_first(words, user):
    """The matches of Agreement.objects.search as a condition on each agreement (its title, or a party among the few
    organisations holding the word), read through the index on updated_at and stopped at the LIMIT-th."""
    condition = Q()
    for word in words:
        condition &= holding_condition(word)
    return Agreement.objects.visible_to(user).filter(condition).order_by("-updated_at", "-id")


def search(query, user):
    """{kind: (count, first LIMIT records)} for the kinds the user may see; empty for an empty query."""
    query = cut_query(query)[0]
    words = search_words(query)
    if not words:
        return {}
    kinds = [
        ("workshops", "workshops.view_workshop", lambda: search_workshops(query, words, user)),
        ("people", "participants.view_person", lambda: search_people(query)),
        ("organisations", "institutes.view_organisation", lambda: search_organisations(query)),
        ("agreements", "agreements.view_agreement", lambda: search_agreements(words, user)),
    ]
    results = {}
    for kind, permission, found in kinds:
        if user.has_perm(permission):
            queryset = found()
            if isinstance(queryset, _Many):
                records = queryset.first(LIMIT)
                if records is not None and len(records) == LIMIT:
                    results[kind] = (COUNT_CAP + 1, records)
                    continue
                queryset = queryset.every_match
            if kind in ONE_QUERY:
                # Few matches expected (workshops), or a kind with few records (organisations, agreements: their
                # matches are collected to be sorted anyway): one query gives the first records and the count of
                # all, where a separate count would collect the matches a second time.
                records = list(queryset.annotate(found=Window(Count("*")))[:LIMIT])
                results[kind] = (min(records[0].found, COUNT_CAP + 1) if records else 0, records)
                continue
            # The first records by key when the finder ranked as many (first_ranked), and a count that stops at
            # COUNT_CAP + 1: a word in most records is not counted to the last. Otherwise the keys in the answer's
            # order, no more than COUNT_CAP + 1, give both (_first_and_count).
            records = first_ranked(queryset, LIMIT)
            if records is None:
                results[kind] = _first_and_count(queryset)
                continue
            results[kind] = (capped_count(queryset, COUNT_CAP), records)
    return results


def _first_and_count(answer):
    """(count up to COUNT_CAP + 1, first LIMIT records) of an ordered answer, from one reading of its keys in order
    and the first LIMIT read by key: a page and a count each collected what holds the words ("Wuxi" at 100,000
    workshops: two 6 ms readings of the people holding it, where the keys of the ≤ 1,001 first cost one)."""
    ids = list(answer.values_list("pk", flat=True)[: COUNT_CAP + 1])
    wanted = ids[:LIMIT]
    if not wanted:
        return 0, []
    position = {pk: index for index, pk in enumerate(wanted)}
    by_key = getattr(answer, "ranked_among", answer).filter(pk__in=wanted).order_by()
    return len(ids), sorted(by_key, key=lambda record: position[record.pk])


@require_safe
@role_required
def search_page(request):
    query, cut = cut_query(request.GET.get("q", ""))
    results = search(query, request.user)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "cut": cut,
            "max_words": MAX_SEARCH_WORDS,
            "results": results,
            "total": sum(count for count, _records in results.values()),
            "limit": LIMIT,
            "count_cap": COUNT_CAP,
            "capped": any(count > COUNT_CAP for count, _records in results.values()),
        },
    )
