from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .forms import AdminPasswordChangeForm
from .models import ApiToken, RoleGrant, User
from .scope import sees_all_programmes
from .services import api_token_create, role_grants_check, role_groups_sync


class RoleGrantFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        grants = [
            (form.cleaned_data["role"], form.cleaned_data.get("programme"))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("role")
        ]
        role_grants_check(grants=grants)


class RoleGrantInline(admin.TabularInline):
    """The roles the user holds and where: the role groups follow them when the user is saved."""

    model = RoleGrant
    formset = RoleGrantFormSet
    extra = 0
    fields = ["role", "programme"]
    autocomplete_fields = ["programme"]

    # Only a user who sees every programme hands out roles: an admin of one programme would otherwise grant
    # themselves the rest.
    def has_add_permission(self, request, obj=None):
        return sees_all_programmes(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return sees_all_programmes(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return sees_all_programmes(request.user) and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    # The role groups are set from the roles below (RoleGrantInline), not chosen here.
    fieldsets = tuple(
        (name, {**options, "fields": tuple(f for f in options["fields"] if f != "groups")})
        for name, options in BaseUserAdmin.fieldsets
    ) + ((_("Partnership"), {"fields": ("person",)}),)
    autocomplete_fields = ["person"]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    change_password_form = AdminPasswordChangeForm
    inlines = [RoleGrantInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The grants are the truth: the role groups (what the user may do) are set from them, whatever the groups
        # box said.
        role_groups_sync(user=form.instance)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made here (or with `manage.py api_token_create`) and deleted here; a key is shown once, on the
    page that follows its making, and never stored."""

    list_display = ["user", "name", "key_start", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name"]
    autocomplete_fields = ["user"]
    fields = ["user", "name"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        token, key = api_token_create(user=obj.user, name=obj.name)
        for field in ("id", "key_hash", "key_start", "created_at"):
            setattr(obj, field, getattr(token, field))
        obj._state.adding = False
        request.api_token_key = key

    def response_add(self, request, obj, post_url_continue=None):
        # Shown in this answer, not through a message: messages are stored in the session until read.
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "token": obj}
        context["key"] = request.api_token_key
        return TemplateResponse(request, "admin/accounts/api_token_created.html", context)
