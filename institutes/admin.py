from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import may_merge
from common.admin_delete import DeleteThroughServiceMixin
from common.admin_merge import MergeActionMixin

from . import duplicates
from .models import (
    City,
    CityRelation,
    Organisation,
    OrganisationAlias,
    OrganisationRelation,
)
from .services import organisation_check_deletable, organisation_delete


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class OrganisationRelationInline(admin.TabularInline):
    model = OrganisationRelation
    fk_name = "from_organisation"
    autocomplete_fields = ["to_organisation"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(DeleteThroughServiceMixin, MergeActionMixin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "name_local", "kind", "country", "city", "is_active"]
    list_filter = ["kind", "iati_type", "is_active", "country"]
    list_select_related = ["city"]
    search_fields = ["name", "short_name", "name_local", "aliases__name"]
    autocomplete_fields = ["city", "now_known_as"]
    inlines = [OrganisationAliasInline, OrganisationRelationInline]
    actions = ["merge"]
    merge_url = "institutes:merge"
    may_merge = staticmethod(may_merge)
    merge_details = staticmethod(duplicates.details)

    def delete_record(self, obj, user):
        organisation_delete(organisation=obj, user=user)

    def check_deletable(self, obj):
        organisation_check_deletable(organisation=obj)


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
