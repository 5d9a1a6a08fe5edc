"""The admin's merge action for duplicate records: two records selected lead to the merge screen (common.duplicates.
merge_page), which shows them field by field and merges through the record's merge service, as the duplicates page
and the API do."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MergeActionMixin:
    """Add `actions = ["merge"]` and set merge_url (the app's merge screen, "<app>:merge"), merge_details(ids) ->
    {id: record with weight}, to preselect the record with the most history, and may_merge(user) -> bool (only
    those who may merge see the action)."""

    merge_url = None
    merge_details = None
    may_merge = None

    def has_merge_permission(self, request):
        return self.may_merge(request.user)

    @admin.action(description=_("Merge the two selected records"), permissions=["merge"])
    def merge(self, request, queryset):
        records = list(queryset.order_by("pk")[:3])
        if len(records) != 2:
            self.message_user(request, _("Select exactly two records to merge."), messages.WARNING)
            return None
        details = self.merge_details([r.pk for r in records])
        records = [details.get(r.pk, r) for r in records]
        keep = max(records, key=lambda r: (getattr(r, "weight", 0), -r.pk))
        query = urlencode([("pair", records[0].pk), ("pair", records[1].pk), ("keep", keep.pk)])
        return redirect(f"{reverse(self.merge_url)}?{query}")
