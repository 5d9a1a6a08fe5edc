from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections, models
from django.utils.functional import cached_property

PAGE_SIZE = 25
COUNT_LIMIT = 10_000
# No list is this long; a deeper page number is taken as "the last page" rather than sized into a SQL LIMIT that
# overflows the database's integers.
MAX_PAGE = 1_000_000


def capped_count(queryset, limit):
    """The number of rows, counting no further than limit + 1 (in any order: which rows are counted is no matter).
    Only the key is read: a list's annotations (the workshop list's attendee count, a subquery per row) would
    otherwise be computed for every counted row. A CountedQuerySet known to hold more than limit rows is not
    counted; past what it knows, the same rows are counted the way it names (see CountedQuerySet)."""
    known = getattr(queryset, "_more_than", None)
    if known is not None:
        more_than, counted_by = known
        if callable(more_than):
            more_than = more_than()
        if more_than >= limit:
            return limit + 1
        queryset = counted_by
    return queryset.order_by().values("pk")[: limit + 1].count()


class CountedQuerySet(models.QuerySet):
    """A queryset that may know it holds more than some number of rows, because they were counted another way. The
    workshop finder reads a common word's matches newest first, a condition tested on each workshop: counting those
    would test every workshop (workshops/search.py). `holding_more_than(n, counted_by)` says there are more than n
    (or a function giving n, asked when a count is), and gives a queryset of the same rows that is cheap to count
    past n (the matches collected from their indexes).
    What it knows is kept by ordering, slicing and values(), and forgotten by any further filter."""

    _more_than = None  # (n, counted_by)

    def holding_more_than(self, n, counted_by):
        clone = self._chain()
        clone._more_than = (n, counted_by)
        return clone

    def known_to_hold(self):
        """(n or a function giving n, counted_by) when the rows are known to be more than n, else None."""
        return self._more_than

    def _clone(self):
        clone = super()._clone()
        clone._more_than = self._more_than
        return clone

    def _filter_or_exclude_inplace(self, negate, args, kwargs):
        self._more_than = None
        super()._filter_or_exclude_inplace(negate, args, kwargs)

    def _combinator_query(self, *args, **kwargs):
        clone = super()._combinator_query(*args, **kwargs)
        clone._more_than = None
        return clone

    def __and__(self, other):
        combined = super().__and__(other)
        combined._more_than = None
        return combined

    def __or__(self, other):
        combined = super().__or__(other)
        combined._more_than = None
        return combined


def capped_counts(querysets, limit):
    """capped_count of each queryset, in one statement (one round trip to the database instead of one each)."""
    parts, params = [], []
    for queryset in querysets:
        try:
            sql, query_params = queryset.order_by().values("pk")[: limit + 1].query.sql_with_params()
        except EmptyResultSet:  # a condition no row meets (a user who may see no programme)
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) capped)")
        params.extend(query_params)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return list(cursor.fetchone())


class CappedPaginator(Paginator):
    """A paginator that stops counting a long list: COUNT(*) over every row of a large table costs more than
    showing a page of it, and nobody needs to know that there are 100,314 rows rather than "more than 10,000".

    It counts up to `count_limit` rows, the first multiple of COUNT_LIMIT past the requested page, so "Next" keeps
    working however deep a reader goes. When more rows exist, `capped` is true, `count` is one more than
    `count_limit` (so the page after the last counted one exists) and the templates say "more than".
    """

    def __init__(self, object_list, per_page, *, requested_page=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            page = min(max(int(requested_page), 1), MAX_PAGE)
        except (TypeError, ValueError, OverflowError):
            page = 1
        self.count_limit = COUNT_LIMIT * (1 + page * per_page // COUNT_LIMIT)

    @cached_property
    def count(self):
        return capped_count(self.object_list, self.count_limit)

    @property
    def capped(self):
        return self.count > self.count_limit

    @property
    def counted_pages(self):
        """The number of full pages known to exist when the count is capped."""
        return self.count_limit // self.per_page


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page; a page number that is not a number or out of range gives the nearest real page."""
    number = request.GET.get("page")
    return CappedPaginator(queryset, per_page, requested_page=number).get_page(number)
