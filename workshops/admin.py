from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionItem,
    Attachment,
    Attendance,
    MeetingRecordSending,
    Outcome,
    Programme,
    Statement,
    Topic,
    Workshop,
    WorkshopOrganisation,
)
from .services import action_item_set_status, attendance_positions, workshop_approve, workshop_open_revision


class WorkshopOrganisationInline(admin.TabularInline):
    model = WorkshopOrganisation
    autocomplete_fields = ["organisation"]
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    autocomplete_fields = ["person", "organisation"]
    fields = ["order", "person", "title", "organisation", "role", "presence", "contribution"]
    extra = 0


class StatementInline(admin.StackedInline):
    model = Statement
    autocomplete_fields = ["speaker"]
    extra = 0


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fields = ["title", "owner", "owner_organisation", "due_date", "status", "agreement"]
    autocomplete_fields = ["owner", "owner_organisation", "agreement"]
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ["kind", "title", "file", "url"]
    extra = 0


class CurrentStatusFilter(admin.SimpleListFilter):
    """By the status shown, whether chosen or given by the dates."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Workshop.Status.choices

    def queryset(self, request, queryset):
        return queryset.with_status(self.value()) if self.value() else queryset


@admin.register(Workshop)
class WorkshopAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "format", "current_status", "programme", "reported_attendance"]
    list_filter = [CurrentStatusFilter, "format", "kind", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "other_title", "summary"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["programme", "initiative", "topics"]
    inlines = [
        WorkshopOrganisationInline,
        AttendanceInline,
        StatementInline,
        OutcomeInline,
        ActionItemInline,
        AttachmentInline,
    ]

    @admin.display(description=_("date"), ordering="start_date")
    def date(self, obj):
        return obj.date_iso

    @admin.display(description=_("status"), ordering="status")
    def current_status(self, obj):
        return obj.get_status_display()

    actions = ["approve_minutes"]
    readonly_fields = ["revision", "approved_by", "approved_at"]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        if change and form.has_changed():
            workshop_open_revision(workshop=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        workshop = form.instance
        typed = [
            row.instance
            for formset in formsets
            if formset.model is Attendance
            for row in formset.forms
            if row.instance.pk and {"person", "organisation", "title"} & set(row.changed_data)
        ]
        attendance_positions(typed, workshop=workshop, user=request.user)
        if change and workshop.approved_at is not None and any(fs.has_changed() for fs in formsets):
            workshop_open_revision(workshop=workshop)
            workshop.save()

    @admin.action(description=_("Approve minutes"), permissions=["change"])
    def approve_minutes(self, request, queryset):
        approved = 0
        for workshop in queryset:
            try:
                workshop_approve(workshop=workshop, user=request.user)
            except ValidationError as error:
                self.message_user(request, f"{workshop}: {' '.join(error.messages)}", messages.WARNING)
            else:
                approved += 1
        if approved:
            self.message_user(request, _("Minutes approved: %(count)s.") % {"count": approved}, messages.SUCCESS)

    def save_formset(self, request, form, formset, change):
        if formset.model is not ActionItem:
            return super().save_formset(request, form, formset, change)
        for action_item in formset.save(commit=False):
            action_item_set_status(action_item=action_item, status=action_item.status, user=request.user)
        for action_item in formset.deleted_objects:
            action_item.delete()
        formset.save_m2m()


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "coordinating_organisation"]
    list_filter = ["kind"]
    list_select_related = ["parent", "coordinating_organisation"]
    search_fields = ["name", "short_name", "other_names"]
    autocomplete_fields = ["parent", "coordinating_organisation"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["person", "workshop", "title", "organisation", "role", "presence"]
    list_filter = ["role", "presence"]
    list_select_related = ["person", "workshop", "organisation"]
    search_fields = ["person__given_name", "person__family_name", "workshop__title"]
    autocomplete_fields = ["workshop", "person", "organisation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"person", "organisation", "title", "workshop"} & set(form.changed_data):
            attendance_positions([obj], workshop=obj.workshop, user=request.user)


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "due_date", "owner", "workshop", "agreement"]
    list_filter = ["status"]
    list_select_related = ["owner", "workshop", "agreement"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["workshop", "agreement", "owner", "owner_organisation", "responsible_organisations"]

    def save_model(self, request, obj, form, change):
        action_item_set_status(action_item=obj, status=obj.status, user=request.user)


@admin.register(MeetingRecordSending)
class MeetingRecordSendingAdmin(admin.ModelAdmin):
    """The log of meeting records sent by e-mail: written only by sending, so here it is read and never changed."""

    list_display = ["sent_at", "workshop", "revision", "was_approved", "sent_by"]
    list_filter = ["was_approved"]
    search_fields = ["workshop__title", "addresses", "recipients__family_name", "recipients__given_name"]
    date_hierarchy = "sent_at"
    list_select_related = ["workshop", "sent_by"]
    fields = ["workshop", "sent_at", "sent_by", "revision", "was_approved", "recipients", "addresses", "message"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
