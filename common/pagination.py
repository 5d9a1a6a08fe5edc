from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

PAGE_SIZE = 25
COUNT_LIMIT = 10_000
# No list is this long; a deeper page number is taken as "the last page" rather than sized into a SQL LIMIT that
# overflows the database's integers.
MAX_PAGE = 1_000_000


def capped_count(queryset, limit):
    """The number of rows, counting no further than limit + 1 (in any order: which rows are counted is no matter).
    Only the key is read: a list's annotations (the workshop list's attendee count, a subquery per row) would
    otherwise be computed for every counted row."""
    return queryset.order_by().values("pk")[: limit + 1].count()


def capped_counts(querysets, limit):
    """capped_count of each queryset, in one statement (one round trip to the database instead of one each)."""
    parts, params = [], []
    for queryset in querysets:
        sql, query_params = queryset.order_by().values("pk")[: limit + 1].query.sql_with_params()
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
