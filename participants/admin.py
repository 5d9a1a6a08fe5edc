from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .models import Person, PersonAlias, Position
from .services import person_merge


class PositionInline(admin.TabularInline):
    model = Position
    autocomplete_fields = ["organisation"]
    extra = 0


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "honorific", "name_local", "email", "country", "is_active"]
    list_filter = ["is_active", "name_order", "country"]
    search_fields = ["given_name", "family_name", "name_local", "email", "aliases__name"]
    inlines = [PositionInline, PersonAliasInline]
    actions = ["merge_into_oldest"]

    @admin.action(description=_("Merge the selected people into the oldest record"), permissions=["change", "delete"])
    def merge_into_oldest(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) < 2:
            self.message_user(request, _("Select at least two people to merge."), messages.WARNING)
            return
        keep, duplicates = records[0], records[1:]
        moved = person_merge(keep=keep, duplicates=duplicates)
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


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "organisation", "unit", "start_date", "end_date"]
    list_select_related = ["person", "organisation"]
    search_fields = ["title", "person__given_name", "person__family_name", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]
