"""The one finder for workshops: the workshops list's ?q=, the API's filter and the site search (overview/search.py)
ask here. A workshop is found by its names (title, other title: every word typed, by substring, on both databases,
through the trigram indexes of overview/migrations/0002 on PostgreSQL) and by its text: on PostgreSQL its title,
summary and minutes and its statements by full-text search with the English configuration ("agree" finds
"agreed"), through the GIN indexes of overview/migrations/0001; on SQLite every word in any of those texts.
"""

from django.db import connection

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
    queryset's order."""
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
        return queryset.filter(pk_among([matching, said, named]))
    return queryset.filter(pk__in=matching.union(said, named))
