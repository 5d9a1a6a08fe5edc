from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_delete import DeleteThroughServiceMixin
from common.admin_scope import ProgrammeScopedAdmin
from common.files import PrivateFileWidget

from .forms import TransitionForm
from .models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatusChange,
    Amendment,
)
from .services import (
    TRANSITIONS,
    TransitionRefused,
    agreement_check_deletable,
    agreement_delete,
    agreement_party_delete,
    agreement_party_save,
    agreement_refuse_outside_contacts,
    agreement_refuse_settled_changes,
)


class AgreementPartyInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = AgreementParty
    autocomplete_fields = ["organisation", "signatory"]
    extra = 0

    # A signed agreement's parties are settled: the inline only shows them.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_frozen)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_frozen)


class AgreementDocumentInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = AgreementDocument
    formfield_overrides = {models.FileField: {"widget": PrivateFileWidget}}
    fields = ["version_label", "file", "note", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    extra = 0

    # A signed agreement's documents and amendments are its record: they stay, as the agreement does.
    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_frozen)


class AmendmentInline(ProgrammeScopedAdmin, admin.StackedInline):
    model = Amendment
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and bool(obj and obj.is_amendable)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_frozen)


class AgreementStatusChangeInline(ProgrammeScopedAdmin, admin.TabularInline):
    model = AgreementStatusChange
    fields = ["occurred_on", "from_status", "to_status", "changed_by", "changed_at", "comment"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class AgreementAdminForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        try:
            agreement_refuse_settled_changes(agreement=self.instance, data=cleaned)
        except ValidationError as error:
            self.add_error(None, error)
        if "contact_people" in cleaned:
            try:
                agreement_refuse_outside_contacts(agreement=self.instance, people=cleaned["contact_people"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class TransitionCommentForm(TransitionForm):
    """The agreement page's transition form, for an admin action over several agreements: each keeps its own
    in-force date, so that field is left out."""

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, transition=transition, **kwargs)
        self.fields.pop("effective_from", None)


def _transition_action(name):
    transition, function = TRANSITIONS[name]

    def apply(modeladmin, request, queryset):
        return modeladmin.apply_transition(request, queryset, name)

    apply.__name__ = f"transition_{name}"
    apply.short_description = transition.label
    apply.allowed_permissions = ("change",)
    return apply


@admin.register(Agreement)
class AgreementAdmin(ProgrammeScopedAdmin, DeleteThroughServiceMixin, SimpleHistoryAdmin):
    form = AgreementAdminForm
    list_display = ["title", "kind", "status", "programme", "signed_on", "expires_on"]
    list_filter = ["status", "kind", "scope", "programme"]
    list_select_related = ["programme"]
    search_fields = ["title", "summary", "parties__organisation__name", "parties__organisation__short_name"]
    autocomplete_fields = [
        "programme",
        "renews",
        "scope_topics",
        "origin_workshops",
        "responsible_users",
        "contact_people",
    ]
    filter_horizontal = ["origin_outcomes"]
    inlines = [AgreementPartyInline, AgreementDocumentInline, AmendmentInline, AgreementStatusChangeInline]
    # The status changes only through the transitions (the actions below), which record who and why.
    actions = [_transition_action(name) for name in TRANSITIONS]

    def get_readonly_fields(self, request, obj=None):
        fields = ["status", "status_changed_at", "status_since"]
        if obj is not None and obj.is_frozen:
            fields += [name for name in Agreement.SETTLED_FIELDS if name not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def delete_record(self, obj, user):
        agreement_delete(agreement=obj, user=user)

    def check_deletable(self, obj):
        agreement_check_deletable(agreement=obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            if isinstance(obj, AgreementParty):
                agreement_party_delete(party=obj, user=request.user)
            else:
                obj.delete()
        for instance in instances:
            if isinstance(instance, AgreementDocument) and instance.uploaded_by_id is None:
                instance.uploaded_by = request.user
            if isinstance(instance, AgreementParty):
                agreement_party_save(party=instance, user=request.user)
            else:
                instance.save()
        formset.save_m2m()

    def apply_transition(self, request, queryset, name):
        transition, function = TRANSITIONS[name]
        # Every transition asks the day it happened (and, where needed, why) before it is applied.
        form = TransitionCommentForm(request.POST if "apply" in request.POST else None, transition=transition)
        if not form.is_valid():
            return TemplateResponse(
                request,
                "admin/agreements/transition_comment.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.model._meta,
                    "title": transition.label,
                    "agreements": queryset,
                    "form": form,
                    "action": f"transition_{name}",
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        moved = 0
        for agreement in queryset.order_by("id"):
            kwargs = {
                "agreement": agreement,
                "user": request.user,
                "comment": form.cleaned_data["comment"],
                "occurred_on": form.cleaned_data["occurred_on"],
            }
            try:
                function(**kwargs)
            except TransitionRefused as refused:
                self.message_user(request, f"{agreement}: {refused.message}", messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                _("%(action)s: %(count)d agreement(s) done.") % {"action": transition.label, "count": moved},
                messages.SUCCESS,
            )
        return None


@admin.register(AgreementParty)
class AgreementPartyAdmin(ProgrammeScopedAdmin, SimpleHistoryAdmin):
    list_display = ["agreement", "organisation", "role", "signatory", "signed_on"]
    list_filter = ["role"]
    list_select_related = ["agreement", "organisation", "signatory"]
    search_fields = ["agreement__title", "organisation__name", "organisation__short_name"]
    autocomplete_fields = ["agreement", "organisation", "signatory"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.agreement.is_frozen)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.agreement.is_frozen)

    def save_model(self, request, obj, form, change):
        agreement_party_save(party=obj, user=request.user)

    def delete_model(self, request, obj):
        agreement_party_delete(party=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for party in queryset.select_related("agreement"):
            agreement_party_delete(party=party, user=request.user)
