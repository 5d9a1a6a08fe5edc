from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    City,
    CityRelation,
    Organisation,
    OrganisationAlias,
    OrganisationRelation,
)
from .services import organisation_merge


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class OrganisationRelationInline(admin.TabularInline):
    model = OrganisationRelation
    fk_name = "from_organisation"
    autocomplete_fields = ["to_organisation"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "name_local", "kind", "country", "city", "is_active"]
    list_filter = ["kind", "iati_type", "is_active", "country"]
    list_select_related = ["city"]
    search_fields = ["name", "short_name", "name_local", "aliases__name"]
    autocomplete_fields = ["city", "now_known_as"]
    inlines = [OrganisationAliasInline, OrganisationRelationInline]
    actions = ["merge_into_oldest"]

    @admin.action(
        description=_("Merge the selected organisations into the oldest record"), permissions=["change", "delete"]
    )
    def merge_into_oldest(self, request, queryset):
        records = list(queryset.order_by("pk"))
        if len(records) < 2:
            self.message_user(request, _("Select at least two organisations to merge."), messages.WARNING)
            return
        keep, duplicates = records[0], records[1:]
        moved = organisation_merge(keep=keep, duplicates=duplicates)
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


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "name_local", "country"]
    list_filter = ["country"]
    search_fields = ["name", "name_local", "other_names"]


@admin.register(CityRelation)
class CityRelationAdmin(SimpleHistoryAdmin):
    list_display = ["from_city", "kind", "to_city", "since", "until"]
    list_filter = ["kind"]
    list_select_related = ["from_city", "to_city"]
    autocomplete_fields = ["from_city", "to_city"]


@admin.register(OrganisationRelation)
class OrganisationRelationAdmin(SimpleHistoryAdmin):
    list_display = ["from_organisation", "kind", "to_organisation", "since", "until"]
    list_filter = ["kind"]
    list_select_related = ["from_organisation", "to_organisation"]
    autocomplete_fields = ["from_organisation", "to_organisation"]
    search_fields = ["from_organisation__name", "to_organisation__name"]
