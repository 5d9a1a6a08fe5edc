"""The REST API's pagination (DEFAULT_PAGINATION_CLASS): its own module, as DRF imports it while its views load."""

import functools

from rest_framework.pagination import PageNumberPagination

from .pagination import CappedPaginator


class CappedPagination(PageNumberPagination):
    """The API's pages, counted as the lists count them (common.pagination.CappedPaginator): no further than 10,000
    rows past the requested page, where an exact COUNT(*) read every row of the table (53 ms at a million workshops,
    and growing with them). `count_capped` says whether there are more than `count`; `next` keeps working."""

    def paginate_queryset(self, queryset, request, view=None):
        requested = request.query_params.get(self.page_query_param)
        self.django_paginator_class = functools.partial(CappedPaginator, requested_page=requested)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        paginator = self.page.paginator
        response.data["count"] = min(paginator.count, paginator.count_limit)
        response.data["count_capped"] = paginator.capped
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count"]["description"] = "Records counted, no further than 10,000 past this page."
        schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when there are more records than `count`.",
            "example": False,
        }
        schema["required"].append("count_capped")
        return schema
