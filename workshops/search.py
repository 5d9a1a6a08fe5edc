"""The one finder for workshops: the workshops list's ?q=, the API's filter and the site search (overview/search.py)
ask here. A workshop is found by its names (title, other title: every word typed, by substring, on both databases,
through the trigram indexes of overview/migrations/0002 on PostgreSQL) and by its text: on PostgreSQL its title,
summary and minutes and its statements by full-text search with the English configuration ("agree" finds
"agreed"), through the GIN indexes of overview/migrations/0001; on SQLite every word in any of those texts.

On PostgreSQL the matches are usually collected from those indexes (a UNION, `workshop_parts`) and then sorted and
counted. A word most workshops hold ("cooperation") makes that collection the whole table (4.2 s at a million
workshops): such a word is read newest first instead, each workshop tested as it is read (`newest_first`), so that a
page of 25 stops after a few hundred workshops, and its count is not taken (the list says "more than 10,000").
Which words: those the planner knows to be in more than COMMON workshops (`known_rows`, its estimates: counting
them would read them all). The lists, the API and the site search take the same decision here; the site search
also stops a reading that takes too long (overview/search.py, _Many).
"""

import time

from django.db import connection
from django.db.models import OuterRef, Q, Subquery

from common.pagination import COUNT_LIMIT, capped_count
from common.search import cut_query, estimated_rows, every_word_in_any_field, pk_among, search_words

from .models import Statement, Workshop

SEARCH_CONFIG = "english"
WORKSHOP_TEXT_FIELDS = ["title", "other_title", "summary", "minutes"]
# Workshops the planner expects to match above which a list by date is read newest first (known_rows).
COMMON = 2000
GUESSES_SECONDS = 600
NOWHERE = "qzxjvkwq"  # a word in no record: what the planner estimates for it is its guess for a word it does not know


def workshop_parts(query, words, within=None):
    """(by text, by statements, by name): values() querysets of the ids of the workshops found each way, among
    `within` (a queryset of workshops, every one by default). Each part asks for the rows the other filters leave
    (a host's, a programme's), so the database can start from those where they are few: the statements of one host's
    workshops, not every statement saying "cooperation" (5.6 s for a host's workshops saying it at a million)."""
    workshops = within.order_by() if within is not None else Workshop.objects.all()
    statements = Statement.objects.all()
    if within is not None and within.query.where:  # every workshop (a role for all programmes): no condition
        statements = statements.filter(workshop__in=workshops.values("pk"))
    named = workshops.search(words).values("pk")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        text_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        said = (
            statements.annotate(document=SearchVector("text", config=SEARCH_CONFIG))
            .filter(document=text_query)
            .order_by()
            .values("workshop_id")
        )
        matching = (
            workshops.annotate(document=SearchVector(*WORKSHOP_TEXT_FIELDS, config=SEARCH_CONFIG))
            .filter(document=text_query)
            .order_by()
            .values("pk")
        )
        return matching, said, named
    said = statements.filter(every_word_in_any_field(words, ["text"])).order_by().values("workshop_id")
    matching = workshops.filter(every_word_in_any_field(words, WORKSHOP_TEXT_FIELDS)).values("pk")
    return matching, said, named


def workshops_matching(text, queryset=None):
    """The workshops of queryset found for the text typed (cut as common.search.cut_query cuts it), in the
    queryset's order. On PostgreSQL, a list ordered by date whose words the planner knows to be in more than COMMON
    workshops is read newest first (or oldest first): the queryset says how it is counted (CountedQuerySet): not at
    all when more than COUNT_LIMIT workshops hold the words one way, else from the matches collected."""
    queryset = queryset if queryset is not None else Workshop.objects.all()
    query = cut_query(text)[0]
    words = search_words(query)
    if not words:
        return queryset
    matching, said, named = workshop_parts(query, words, within=queryset)
    if connection.vendor == "postgresql":
        # A UNION, not an OR: each part is read from its own index, where an OR with the statements' subquery read
        # every workshop. "id = ANY(ARRAY(...))": the planner fetches the matches by primary key, where with IN it
        # joined them with every workshop (64 -> 38 ms for "Wuxi" at 100k, 3,282 matches).
        every_match = queryset.filter(pk_among([matching, said, named]))
        if not _by_date(queryset):
            return every_match
        parts = [matching, said, named] if named_part_usable(words) else [matching, said]
        by_text, by_statements, by_name = [*known_rows(parts), 0][:3]
        if by_text + by_statements + by_name <= COMMON:
            return every_match
        reading = newest_first(query, words, queryset)
        # Workshops found one way (text, names: a statement is not a workshop) far more than a list counts, by the
        # estimates, or else counted when a count is asked (no further than COUNT_LIMIT + 1 each: 40-100 ms at a
        # million): not counted. Else counted from the matches collected, which are fewer.
        if max(by_text, by_name) > 3 * COUNT_LIMIT:
            return reading.holding_more_than(COUNT_LIMIT, counted_by=every_match)
        one_way = [named, matching] if named_part_usable(words) else [matching]

        def known():
            return COUNT_LIMIT if any(capped_count(part, COUNT_LIMIT) > COUNT_LIMIT for part in one_way) else 0

        return reading.holding_more_than(known, counted_by=every_match)
    return queryset.filter(pk__in=matching.union(said, named))


def named_part_usable(words):
    """Whether the names' part is read from its trigram index: only for words of three letters or more. A shorter one
    has no trigram, and its substring match reads every title (141 s for 无锡 at a million workshops when a reading
    newest first tested it on each)."""
    return all(len(word) >= 3 for word in words)


def _by_date(queryset):
    """Whether the queryset is ordered by date first (the lists' default): only then does reading it newest first
    stop early."""
    ordering = queryset.query.order_by or (queryset.model._meta.ordering if queryset.query.default_ordering else ())
    return bool(ordering) and str(ordering[0]).lstrip("-") == "start_date"


def newest_first(query, words, queryset):
    """The same matches as workshops_matching's UNION, as a condition on each workshop of queryset: with ORDER BY
    date and a LIMIT the database reads workshops newest first through their date index and stops at the LIMIT-th
    match, a few dozen rows for a word most workshops have."""
    from django.contrib.postgres.search import SearchQuery, SearchVector

    text_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    # A scalar subquery per workshop, not EXISTS: the planner turns an EXISTS into a hashed subplan that collects
    # every matching statement first (25,000 at 100,000 workshops), which is what this path avoids.
    said = Statement.objects.alias(document=SearchVector("text", config=SEARCH_CONFIG)).filter(
        workshop=OuterRef("pk"), document=text_query
    )
    return queryset.alias(
        found_in_text=SearchVector(*WORKSHOP_TEXT_FIELDS, config=SEARCH_CONFIG),
        found_in_said=Subquery(said.order_by().values("id")[:1]),
    ).filter(
        Q(found_in_text=text_query)
        | Q(found_in_said__isnull=False)
        | every_word_in_any_field(words, Workshop.NAME_FIELDS)
    )


def known_rows(parts):
    """The planner's estimate of the rows of each values() queryset of `parts` (workshop_parts'), where it knows the
    words; 0 where it only guesses. A word outside the statistics of a text index (any word but the most common:
    "Yutong", 无锡) gets the planner's guess, 0.5 % of the statements (9,978 at a million workshops), which sent rare
    words down the newest-first path to read every workshop and find none. A part estimated no higher than the same
    part for a word that is nowhere (NOWHERE) is such a guess, and counts for nothing: a word the planner does not
    know is rarer than every word it does. An EXPLAIN each (a millisecond), where counting the matches of a common
    word reads them all (190 ms to count 10,001 workshops saying "cooperation" at a million)."""
    guesses = _guesses()
    return [rows if rows > guess else 0 for rows, guess in zip(map(estimated_rows, parts), guesses, strict=False)]


_guessed = {}  # database alias -> (monotonic time read, [the planner's estimate of each part for NOWHERE])


def _guesses():
    """The planner's estimates of workshop_parts for a word it does not know, read again every GUESSES_SECONDS (they
    change as ANALYZE gathers new statistics)."""
    read = _guessed.get(connection.alias)
    if read is None or time.monotonic() - read[0] > GUESSES_SECONDS:
        read = (time.monotonic(), [estimated_rows(part) for part in workshop_parts(NOWHERE, [NOWHERE])])
        _guessed[connection.alias] = read
    return read[1]
