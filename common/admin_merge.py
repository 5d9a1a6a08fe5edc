"""The admin's merge action for duplicate records: the admin picks the record to keep on a confirmation page, then
every reference to the others moves to it (see institutes.services.move_references)."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class MergeActionMixin:
    """Add `actions = ["merge"]` and set merge_service(keep=..., duplicates=...) -> rows moved; merge_details(ids)
    -> {id: record with what tells it apart (counts, created_by, weight)}, as the possible duplicates page shows them:
    the record with the most history (weight) is preselected."""

    merge_service = None
    merge_details = None

    @admin.action(description=_("Merge the selected records into one"), permissions=["change", "delete"])
    def merge(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if self.merge_details is not None:
            details = self.merge_details([r.pk for r in records])
            records = [details.get(r.pk, r) for r in records]
        if len(records) < 2:
            self.message_user(request, _("Select at least two records to merge."), messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        keep = next((r for r in records if str(r.pk) == keep_id), None)
        if request.POST.get("confirm") != "yes" or keep is None:
            return TemplateResponse(
                request,
                "admin/merge_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Which record is kept?"),
                    "opts": self.model._meta,
                    "records": records,
                    "keep": keep or max(records, key=lambda r: (getattr(r, "weight", 0), -r.pk)),
                    "action": "merge",
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        duplicates = [r for r in records if r.pk != keep.pk]
        moved = self.merge_service(keep=keep, duplicates=duplicates)
        self.message_user(
            request,
            ngettext(
                "Merged %(count)d record into “%(keep)s”; %(moved)d rows moved.",
                "Merged %(count)d records into “%(keep)s”; %(moved)d rows moved.",
                len(duplicates),
            )
            % {"count": len(duplicates), "keep": keep, "moved": moved},
            messages.SUCCESS,
        )
        return None
