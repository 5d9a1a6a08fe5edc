"""The one finder for workshops: the workshops list's ?q=, the API's filter and the site search (overview/search.py)
ask here. A workshop is found by its names (title, other title: every word typed, by substring, on both databases,
through the trigram indexes of overview/migrations/0002 on PostgreSQL) and by its text: on PostgreSQL its title,
summary and minutes and its statements by full-text search with the English configuration ("agree" finds
"agreed"), through the GIN indexes of overview/migrations/0001; on SQLite every word in any of those texts.

On PostgreSQL the matches are usually collected from those indexes (a UNION, `workshop_parts`) and then sorted and
counted. A word most workshops hold ("cooperation") makes that collection the whole table (4.2 s at a million
workshops): such a word is read newest first instead, each workshop tested as it is read (`newest_first`), so that a
page of 25 stops after a few hundred workshops, and its count is not taken (the list says "more than 10,000").
Which words: those that more than COUNT_LIMIT workshops hold by their text or by their names, as counted from those
indexes (`more_than`, no further than COUNT_LIMIT + 1 each: bounded whatever the word). The lists, the API and the
site search take the same decision here.
"""

from django.db import connection
from django.db.models import OuterRef, Q, Subquery

from common.pagination import COUNT_LIMIT, capped_counts
from common.search import cut_query, every_word_in_any_field, pk_among, search_words

from .models import Statement, Workshop

SEARCH_CONFIG = "english"
WORKSHOP_TEXT_FIELDS = ["title", "other_title", "summary", "minutes"]


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
    queryset's order. On PostgreSQL, a list ordered by date whose words more than COUNT_LIMIT workshops hold one way
    is read newest first (or oldest first) and not counted: the queryset says it holds more than COUNT_LIMIT rows
    (common.pagination.capped_count reads that), where collecting and counting them took seconds at a million."""
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
        # Workshops found by their text or by their names (each a set of workshops, read from its index, counted no
        # further than COUNT_LIMIT + 1); by name only where its index serves the words (named_part_usable).
        if _by_date(queryset) and more_than([matching, named] if named_part_usable(words) else [matching], COUNT_LIMIT):
            return newest_first(query, words, queryset).holding_more_than(COUNT_LIMIT, counted_by=every_match)
        return every_match
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


def more_than(parts, limit):
    """Whether one of the values() querysets `parts` (workshops found one way) holds more than limit rows: each
    counted no further than limit + 1, in one statement."""
    return any(count > limit for count in capped_counts(parts, limit))


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
