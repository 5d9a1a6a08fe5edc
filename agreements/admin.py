from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatusChange,
    Amendment,
)


class AgreementPartyInline(admin.TabularInline):
    model = AgreementParty
    autocomplete_fields = ["organisation", "signatory"]
    extra = 0


class AgreementDocumentInline(admin.TabularInline):
    model = AgreementDocument
    fields = ["version_label", "file", "note", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    extra = 0


class AmendmentInline(admin.StackedInline):
    model = Amendment
    extra = 0


class AgreementStatusChangeInline(admin.TabularInline):
    model = AgreementStatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by", "comment"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "status", "programme", "signed_on", "expires_on"]
    list_filter = ["status", "kind", "scope", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "summary", "parties__organisation__name", "parties__organisation__short_name"]
    autocomplete_fields = ["programme", "renews", "scope_topics", "origin_workshops"]
    filter_horizontal = ["origin_outcomes"]
    inlines = [AgreementPartyInline, AgreementDocumentInline, AmendmentInline, AgreementStatusChangeInline]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for instance in instances:
            if isinstance(instance, AgreementDocument) and instance.uploaded_by_id is None:
                instance.uploaded_by = request.user
            instance.save()
        formset.save_m2m()


@admin.register(AgreementParty)
class AgreementPartyAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "organisation", "role", "signatory", "signed_on"]
    list_filter = ["role"]
    list_select_related = ["agreement", "organisation", "signatory"]
    search_fields = ["agreement__title", "organisation__name", "organisation__short_name"]
    autocomplete_fields = ["agreement", "organisation", "signatory"]
