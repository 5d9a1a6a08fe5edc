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
0008. On PostgreSQL a query whose workshops the planner expects to be many (a word in most titles, "cooperation") is
answered by reading the workshops newest first and stopping at the LIMIT-th match, instead of collecting, sorting
and counting every match (7.6 s for "cooperation" at 1,000,000 workshops, linear in their number); its count is the
cap. That reading stops after NEWEST_FIRST_MS, or with fewer than LIMIT found: the estimate was wrong, and the
matches are collected instead (see _Many).
"""

import json
import time

from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.roles import role_required
from agreements.models import Agreement
from common.pagination import capped_count
from common.search import (
    MAX_SEARCH_LENGTH,
    MAX_SEARCH_WORDS,
    any_field_contains,
    cut_query,
    every_word_in_any_field,
    pk_among,
    search_words,
)
from institutes.models import Organisation
from institutes.search import organisations_matching
from participants.models import Person
from participants.search import people_matching
from workshops.models import Statement, Workshop
from workshops.search import SEARCH_CONFIG, WORKSHOP_TEXT_FIELDS, workshop_parts, workshops_matching

MAX_QUERY_LENGTH = MAX_SEARCH_LENGTH
LIMIT = 20  # per kind; the list pages' filters go further
COUNT_CAP = 1000  # matches counted per kind; more are shown as "1000+"
# Workshops the planner expects to match above which they are read newest first until LIMIT match.
COMMON = 2000
GUESSES_SECONDS = 600
NOWHERE = "qzxjvkwq"  # a word in no record: what the planner estimates for it is its guess for a word it does not know
NEWEST_FIRST_MS = 300  # how long the newest-first reading may take before the matches are collected instead
# Kinds whose first records and count come in one query (a window count); people are counted apart, capped.
ONE_QUERY = {"workshops", "organisations", "agreements"}


def search_workshops(query, words, user):
    """The workshops the workshops' finder (workshops/search.py) finds, newest first; on PostgreSQL, when the planner
    expects them to be many, read newest first until LIMIT match (_Many)."""
    every_match = (
        workshops_matching(query, Workshop.objects.visible_to(user))
        .select_related("programme")
        .order_by("-start_date", "-id")
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        matching, said, named = workshop_parts(query, words)
        # The names' part only for words of three letters or more: a shorter one has no trigram, and its substring
        # match reads every title (141 s for 无锡 at a million workshops when it was estimated).
        parts = [matching, said, named] if all(len(word) >= 3 for word in words) else [matching, said]
        if _many(parts):
            text_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
            return _Many(_newest_first(text_query, words).visible_to(user), every_match)
    return every_match


class _Many:
    """Workshops the planner expects to be many: read newest first until LIMIT match, and not counted (counting would
    read them all). A wrong estimate (a rare word thought common) would read every workshop, each matched on its
    text and statements (~0.1 ms each: 141 s at a million): the reading stops after NEWEST_FIRST_MS, and `every_match`
    (the UNION path) is asked instead, cheap precisely because the matches are few."""

    def __init__(self, queryset, every_match):
        self.queryset = queryset
        self.every_match = every_match

    def first(self, limit):
        """The first `limit` workshops, or None when reading them took too long."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {NEWEST_FIRST_MS}")
                return list(self.queryset[:limit])
        except OperationalError:  # the statement was cancelled at NEWEST_FIRST_MS
            return None


def _many(parts):
    """Whether the values() querysets `parts` (search_workshops') are expected to hold more than COMMON rows, by the
    planner's estimate of each where it knows the word. A word outside the statistics of a text index (any word but
    the most common: "Yutong", 无锡) gets the planner's guess, 0.5 % of the statements (9,978 at a million workshops),
    which sent rare words down the newest-first path to read until NEWEST_FIRST_MS and find none (300 ms). A part
    estimated no higher than the same part for a word that is nowhere (NOWHERE) is such a guess, and counts for
    nothing: a word the planner does not know is rarer than every word it does."""
    guesses = _guesses()
    known = 0
    for part, guess in zip(parts, guesses, strict=False):  # the names' part may be left out
        rows = _estimated_rows(part)
        if rows > guess:
            known += rows
    return known > COMMON


_guessed = {}  # database alias -> (monotonic time read, [the planner's estimate of each part for NOWHERE])


def _guesses():
    """The planner's estimates of search_workshops' parts for a word it does not know, read again every
    GUESSES_SECONDS (they change as ANALYZE gathers new statistics)."""
    read = _guessed.get(connection.alias)
    if read is None or time.monotonic() - read[0] > GUESSES_SECONDS:
        read = (time.monotonic(), [_estimated_rows(part) for part in workshop_parts(NOWHERE, [NOWHERE])])
        _guessed[connection.alias] = read
    return read[1]


def _estimated_rows(queryset):
    """The planner's estimate of the rows of a query (EXPLAIN, nothing run): a millisecond, where counting the
    matches of a common word reads them all."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a condition that holds for no row: a user who may see no programme
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


def _newest_first(text_query, words):
    """The same matches as the UNION of search_workshops, as a condition on each workshop: with ORDER BY date and a
    LIMIT the database reads workshops newest first through their date index and stops at the LIMIT-th match, a
    few dozen rows for a word most workshops have."""
    from django.contrib.postgres.search import SearchVector

    # A scalar subquery per workshop, not EXISTS: the planner turns an EXISTS into a hashed subplan that collects
    # every matching statement first (25,000 at 100,000 workshops), which is what this path avoids.
    said = Statement.objects.annotate(document=SearchVector("text", config=SEARCH_CONFIG)).filter(
        workshop=OuterRef("pk"), document=text_query
    )
    return (
        Workshop.objects.annotate(
            document=SearchVector(*WORKSHOP_TEXT_FIELDS, config=SEARCH_CONFIG),
            said=Subquery(said.order_by().values("id")[:1]),
        )
        .filter(Q(document=text_query) | Q(said__isnull=False) | every_word_in_any_field(words, Workshop.NAME_FIELDS))
        .select_related("programme")
        .order_by("-start_date", "-id")
    )


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
        if _estimated_rows(newest_first.order_by()) > COMMON:
            return _Many(newest_first, every_match)
    return every_match


def _agreements_newest_first(words, user):
    """The matches of Agreement.objects.search as a condition on each agreement (its title, or a party among the few
    organisations holding the word), read through the index on updated_at and stopped at the LIMIT-th."""
    from agreements.models import AgreementParty
    from institutes.models import organisations_holding

    condition = Q()
    for word in words:
        parties = AgreementParty.objects.filter(pk_among(organisations_holding(word), "organisation_id"))
        condition &= any_field_contains(word, Agreement.NAME_FIELDS) | Q(
            pk__in=parties.order_by().values("agreement_id")
        )
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
            # The first records, and a count that stops at COUNT_CAP + 1: a word in most records is not counted to
            # the last (two queries whatever the number of matches).
            records = list(queryset[:LIMIT])
            results[kind] = (capped_count(queryset, COUNT_CAP), records)
    return results


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
