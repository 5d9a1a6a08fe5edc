from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_delete import DeleteThroughServiceMixin
from common.admin_scope import ProgrammeScopedAdmin
from common.files import PrivateFileWidget

from .data import FOREIGN_KEYS, ROW_CLASSES, WORKSHOP_FIELDS, WorkshopData, row_of
from .duplicates import possible_duplicates
from .models import (
    ActionItem,
    ActionReport,
    ActionReportLink,
    Attachment,
    Attendance,
    MeetingRecordSending,
    Outcome,
    PartnerLinkUse,
    Programme,
    RecordConfirmation,
    Statement,
    Topic,
    Workshop,
    WorkshopOrganisation,
)
from .partners import partner_link_revoke
from .services import (
    ROW_MODELS,
    action_item_set_status,
    row_workshop,
    workshop_approve,
    workshop_check_deletable,
    workshop_delete,
    workshop_row_delete,
    workshop_row_write,
    workshop_write,
)

KIND_OF_MODEL = {model: kind for kind, model in ROW_MODELS.items()}


def _inline_rows(formset, kind):
    """An inline formset's rows as WorkshopData rows, in its order (by the `order` typed, where it has one)."""
    rows = []
    for row_form in formset.forms:
        if row_form in formset.deleted_forms or (row_form.instance.pk is None and not row_form.has_changed()):
            continue
        changes = {name: value for name, value in row_form.cleaned_data.items() if name not in ("id", "DELETE")}
        row = row_of(kind, row_form.instance, changes)
        rows.append((row_form.cleaned_data.get("order") or 0, len(rows), row))
    return [row for _order, _position, row in sorted(rows, key=lambda item: item[:2])]


class WorkshopOrganisationInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = WorkshopOrganisation
    autocomplete_fields = ["organisation"]
    extra = 0


class AttendanceInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = Attendance
    autocomplete_fields = ["person", "organisation"]
    fields = ["order", "person", "title", "organisation", "role", "presence", "contribution"]
    extra = 0


class StatementInline(ProgrammeScopedAdmin, admin.StackedInline):
    model = Statement
    autocomplete_fields = ["speaker"]
    extra = 0


class OutcomeInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = Outcome
    extra = 0


class ActionItemInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = ActionItem
    fields = ["title", "owner", "owner_organisation", "due_date", "status", "agreement"]
    autocomplete_fields = ["owner", "owner_organisation", "agreement"]
    extra = 0


class AttachmentInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = Attachment
    formfield_overrides = {models.FileField: {"widget": PrivateFileWidget}}
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
class WorkshopAdmin(ProgrammeScopedAdmin, DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_display = ["title", "date", "format", "current_status", "programme", "reported_attendance"]
    list_filter = [CurrentStatusFilter, "format", "kind", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "other_title", "summary"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["programme", "initiative", "topics", "coordinator"]
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
        """Nothing here: the workshop is written with its rows in save_related, through workshop_write."""

    def save_related(self, request, form, formsets, change):
        stored_workshop = Workshop.objects.get(pk=form.instance.pk) if change else None
        data = WorkshopData.from_workshop(stored_workshop) if change else WorkshopData()
        for name in WORKSHOP_FIELDS:
            if name in form.cleaned_data:
                value = form.cleaned_data[name]
                setattr(data, name, (value.pk if value is not None else None) if name in FOREIGN_KEYS else value)
        if "topics" in form.cleaned_data:
            data.topics = sorted(topic.pk for topic in form.cleaned_data["topics"])
        for formset in formsets:
            kind = KIND_OF_MODEL.get(formset.model)
            if kind in ROW_CLASSES:
                setattr(data, kind, _inline_rows(formset, kind))
        # The admin is the expert's door: a workshop that may repeat one on record is saved, and the others named.
        saved = workshop_write(data=data, workshop=stored_workshop, user=request.user, allow_duplicate=True)
        if not change:
            others = possible_duplicates(data, exclude=saved.pk, user=request.user)
            if others:
                messages.warning(
                    request,
                    _("This workshop may already be on record: %(workshops)s.")
                    % {"workshops": "; ".join(str(other) for other in others)},
                )
        for field in saved._meta.concrete_fields:
            setattr(form.instance, field.attname, getattr(saved, field.attname))
        for formset in formsets:
            if formset.model is Attachment:
                formset.instance = saved
                self.save_formset(request, form, formset, change=change)

    def construct_change_message(self, request, form, formsets, add=False):
        # The rows were written by workshop_write, not by the inline formsets: their history says what changed.
        return super().construct_change_message(request, form, [], add)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.approved_at is not None or obj.revision > 1):
            return False
        return super().has_delete_permission(request, obj)

    def delete_record(self, obj, user):
        workshop_delete(workshop=obj, user=user)

    def check_deletable(self, obj):
        workshop_check_deletable(workshop=obj)

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


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "coordinating_organisation"]
    list_filter = ["kind"]
    list_select_related = ["parent", "coordinating_organisation"]
    search_fields = ["name", "short_name", "other_names"]
    autocomplete_fields = ["parent", "coordinating_organisation"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Attendance)
class AttendanceAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["person", "workshop", "title", "organisation", "role", "presence"]
    list_filter = ["role", "presence"]
    list_select_related = ["person", "workshop", "organisation"]
    search_fields = ["person__given_name", "person__family_name", "workshop__title"]
    autocomplete_fields = ["workshop", "person", "organisation"]

    def save_model(self, request, obj, form, change):
        _save_row(request, obj, form, "attendance")

    def delete_model(self, request, obj):
        workshop_row_delete(workshop=obj.workshop, kind="attendance", row_id=obj.pk, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(ActionItem)
class ActionItemAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "status", "due_date", "owner", "workshop", "agreement"]
    list_filter = ["status"]
    list_select_related = ["owner", "workshop", "agreement"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["workshop", "agreement", "owner", "owner_organisation", "responsible_organisations"]

    def save_model(self, request, obj, form, change):
        if obj.workshop_id is None and not ActionItem.objects.filter(pk=obj.pk, workshop__isnull=False).exists():
            action_item_set_status(action_item=obj, status=obj.status, user=request.user)
        else:
            _save_row(request, obj, form, "actions")

    def save_related(self, request, form, formsets, change):
        if form.instance.workshop_id is None:
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        if obj.workshop_id is None:
            return super().delete_model(request, obj)
        workshop_row_delete(workshop=obj.workshop, kind="actions", row_id=obj.pk, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def _save_row(request, obj, form, kind):
    """An attendance or a workshop's action saved on its own admin page: through the workshop's record."""
    stored = type(obj).objects.filter(pk=obj.pk).first() if obj.pk else None
    workshop = row_workshop(stored or obj, form.cleaned_data)
    row = row_of(kind, stored or type(obj)(), form.cleaned_data)
    saved = workshop_row_write(workshop=workshop, kind=kind, row=row, user=request.user)
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))


@admin.register(MeetingRecordSending)
class MeetingRecordSendingAdmin(ProgrammeScopedAdmin, admin.ModelAdmin):
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


class _PartnerLogAdmin(admin.ModelAdmin):
    """Partners' links and what they did with them: written only through their pages (partners.py), read here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Withdraw the chosen links"))
def withdraw_links(modeladmin, request, queryset):
    for link in queryset.filter(revoked_at=None):
        partner_link_revoke(link=link, user=request.user)


@admin.register(RecordConfirmation)
class RecordConfirmationAdmin(ProgrammeScopedAdmin, _PartnerLogAdmin):
    list_display = ["sending", "person", "answer", "answered_at", "expires_at", "revoked_at"]
    list_filter = ["answer"]
    search_fields = ["person__family_name", "person__given_name", "sending__workshop__title", "comment"]
    list_select_related = ["sending__workshop", "person"]
    readonly_fields = [
        "sending",
        "person",
        "answer",
        "comment",
        "answered_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
    ]
    exclude = ["token_hash"]
    actions = [withdraw_links]

    def has_change_permission(self, request, obj=None):
        return obj is None and request.user.has_perm("workshops.change_workshop")  # the action, not the form


@admin.register(ActionReportLink)
class ActionReportLinkAdmin(RecordConfirmationAdmin):
    list_display = ["person", "created_at", "expires_at", "revoked_at"]
    list_filter = []
    search_fields = ["person__family_name", "person__given_name"]
    list_select_related = ["person"]
    readonly_fields = ["person", "created_at", "expires_at", "revoked_at", "revoked_by"]


@admin.register(ActionReport)
class ActionReportAdmin(ProgrammeScopedAdmin, _PartnerLogAdmin):
    list_display = ["created_at", "action", "kind", "status", "decided_by"]
    list_filter = ["status", "kind"]
    search_fields = ["action__title", "comment", "link__person__family_name"]
    list_select_related = ["action", "decided_by"]


@admin.register(PartnerLinkUse)
class PartnerLinkUseAdmin(_PartnerLogAdmin):
    list_display = ["at", "what", "confirmation", "action_link", "ip_address"]
    list_filter = ["what"]
    search_fields = ["confirmation__person__family_name", "action_link__person__family_name", "ip_address"]
    date_hierarchy = "at"
