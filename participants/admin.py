from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_merge import MergeActionMixin

from . import duplicates
from .models import Person, PersonAlias, Position
from .names import MAX_NAME_LENGTH, NAME_PARTS, split_name
from .services import person_merge


class PositionInline(admin.TabularInline):
    model = Position
    autocomplete_fields = ["organisation"]
    extra = 0


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class PersonAdminForm(forms.ModelForm):
    written = forms.CharField(
        label=_("Name as written"),
        required=False,
        max_length=MAX_NAME_LENGTH,
        help_text=_("“Prof. Shi Lei”, “王芳”: the name fields left empty are filled from it by the name rule."),
    )

    class Meta:
        model = Person
        fields = [
            "written",
            "honorific",
            "given_name",
            "family_name",
            "name_order",
            "name_local",
            "email",
            "phone",
            "country",
            "notes",
            "is_active",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("written", "").strip():
            parts = split_name(cleaned["written"])
            if not cleaned.get("family_name") and not cleaned.get("given_name"):
                cleaned["name_order"] = parts["name_order"]
            for field in NAME_PARTS:
                cleaned[field] = cleaned.get(field) or parts[field]
        return cleaned


@admin.register(Person)
class PersonAdmin(MergeActionMixin, SimpleHistoryAdmin):
    form = PersonAdminForm
    list_display = ["full_name", "honorific", "name_local", "email", "country", "is_active"]
    list_filter = ["is_active", "name_order", "country"]
    search_fields = ["given_name", "family_name", "name_local", "email", "aliases__name"]
    inlines = [PositionInline, PersonAliasInline]
    actions = ["merge"]
    merge_service = staticmethod(person_merge)
    merge_details = staticmethod(duplicates.details)
    readonly_fields = ["user_account"]

    @admin.display(description=_("User account"))
    def user_account(self, person):
        """The account that stands for this person: it is set on the user's admin page."""
        user = getattr(person, "user", None) if person.pk else None
        return user.get_username() if user else "—"


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "organisation", "unit", "start_date", "end_date"]
    list_select_related = ["person", "organisation"]
    search_fields = ["title", "person__given_name", "person__family_name", "organisation__name"]
    autocomplete_fields = ["person", "organisation"]
