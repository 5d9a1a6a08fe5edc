"""One search over workshops, people, organisations and agreements, grouped by kind.

On PostgreSQL a workshop's title, summary and minutes, and its statements, are matched by full-text search with
the English configuration (so "agree" finds "agreed"), using the GIN indexes of partnership/migrations/0001. Names
are short and written in many scripts that a text-search parser does not split into words (无锡技师学院), so names
are matched by substring on both databases, every word of the query having to appear, using the trigram indexes of
partnership/migrations/0002 on PostgreSQL.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import BooleanField, Count, F, Func, Q, Window
from django.shortcuts import render
from django.views.decorators.http import require_safe

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person, PersonAlias
from workshops.models import Statement, Workshop

MAX_QUERY_LENGTH = 200
LIMIT = 20  # per kind; the list pages' filters go further
SEARCH_CONFIG = "english"
WORKSHOP_TEXT_FIELDS = ["title", "other_title", "summary", "minutes"]


def _every_word(words, fields):
    """A Q that holds when each word appears in at least one of the fields."""
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


class _EqualsAny(Func):
    """column = ANY(array), for a filter (Django writes "column IN (...)" for __in, and puts parentheses around the
    right-hand side of an "=")."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        column, array = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        array_sql, array_params = compiler.compile(array)
        return f"{column_sql} = ANY({array_sql})", (*column_params, *array_params)


def search_workshops(query, words):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery
        from django.contrib.postgres.search import SearchQuery, SearchVector

        text_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        said = (
            Statement.objects.annotate(document=SearchVector("text", config=SEARCH_CONFIG))
            .filter(document=text_query)
            .order_by()
            .values("workshop_id")
        )
        matching = (
            Workshop.objects.annotate(document=SearchVector(*WORKSHOP_TEXT_FIELDS, config=SEARCH_CONFIG))
            .filter(document=text_query)
            .order_by()
            .values("pk")
        )
        # Titles are also matched by substring, for words in scripts the parser keeps whole. A UNION, not an OR:
        # each part is read from its own index, where an OR with the statements' subquery read every workshop.
        titled = Workshop.objects.filter(_every_word(words, ["title", "other_title"])).order_by().values("pk")
        # "id = ANY(ARRAY(...))", not "id IN (...)": the planner fetches the matches by primary key, where it joined
        # them with every workshop (64 -> 38 ms for "Wuxi" at 100k, 3,282 matches).
        any_match = _EqualsAny(F("pk"), ArraySubquery(matching.union(said, titled)))
        return Workshop.objects.filter(any_match).select_related("programme").order_by("-start_date", "-id")
    said = Statement.objects.filter(_every_word(words, ["text"])).order_by().values("workshop_id")
    matching = Workshop.objects.filter(_every_word(words, WORKSHOP_TEXT_FIELDS)).order_by().values("pk")
    return (
        Workshop.objects.filter(pk__in=matching.union(said)).select_related("programme").order_by("-start_date", "-id")
    )


def search_people(words):
    people = Person.objects.all()
    for word in words:
        named = Person.objects.filter(
            Q(given_name__icontains=word) | Q(family_name__icontains=word) | Q(name_local__icontains=word)
        )
        aliased = PersonAlias.objects.filter(name__icontains=word)
        # A UNION of the two, each read from its trigram indexes on PostgreSQL (partnership/migrations/0002).
        people = people.filter(pk__in=named.order_by().values("pk").union(aliased.order_by().values("person_id")))
    return people.order_by("family_name", "given_name", "id")


def search_organisations(words):
    condition = Q()
    for word in words:
        condition &= (
            Q(name__icontains=word)
            | Q(short_name__icontains=word)
            | Q(name_local__icontains=word)
            | Q(pk__in=Organisation.objects.filter(aliases__name__icontains=word).values("pk"))
        )
    return Organisation.objects.filter(condition).order_by("name", "id")


def search_agreements(words):
    return Agreement.objects.filter(_every_word(words, ["title", "summary"])).order_by("-updated_at", "-id")


def search(query, user):
    """{kind: (count, first LIMIT records)} for the kinds the user may see; empty for an empty query."""
    query = " ".join(query.split())[:MAX_QUERY_LENGTH]
    words = query.split()
    if not words:
        return {}
    kinds = [
        ("workshops", "workshops.view_workshop", lambda: search_workshops(query, words)),
        ("people", "participants.view_person", lambda: search_people(words)),
        ("organisations", "institutes.view_organisation", lambda: search_organisations(words)),
        ("agreements", "agreements.view_agreement", lambda: search_agreements(words)),
    ]
    results = {}
    for kind, permission, found in kinds:
        if user.has_perm(permission):
            queryset = found()
            # One query gives the first records and the count of all: the database reads every match to sort them
            # anyway, where a separate COUNT(*) found them all a second time.
            records = list(queryset.annotate(found=Window(Count("*")))[:LIMIT])
            results[kind] = (records[0].found if records else 0, records)
    return results


@require_safe
@login_required
def search_page(request):
    query = request.GET.get("q", "")
    results = search(query, request.user)
    return render(
        request,
        "search/results.html",
        {
            "query": " ".join(query.split())[:MAX_QUERY_LENGTH],
            "results": results,
            "total": sum(count for count, _records in results.values()),
            "limit": LIMIT,
        },
    )
