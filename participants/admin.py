from django import forms
from django.contrib import admin
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import may_merge
from common.admin_delete import DeleteThroughServiceMixin
from common.admin_merge import MergeActionMixin

from . import duplicates
from .models import ONE_OPEN_POSITION, Person, PersonAlias, Position
from .names import MAX_NAME_LENGTH, NAME_PARTS, split_name
from .services import person_check_deletable, person_delete


class PositionInlineFormSet(BaseInlineFormSet):
    def clean(self):
        """Two rows open at one organisation are refused here: each row alone checks only the positions saved."""
        super().clean()
        open_at = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or data.get("end_date") or not data.get("organisation"):
                continue
            if data["organisation"].pk in open_at:
                form.add_error(None, ONE_OPEN_POSITION)
            open_at.add(data["organisation"].pk)


class PositionInline(admin.TabularInline):
    model = Position
    formset = PositionInlineFormSet
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
class PersonAdmin(DeleteThroughServiceMixin, MergeActionMixin, SimpleHistoryAdmin):
    form = PersonAdminForm
    list_display = ["full_name", "honorific", "name_local", "email", "country", "is_active"]
    list_filter = ["is_active", "name_order", "country"]
    search_fields = ["given_name", "family_name", "name_local", "email", "aliases__name"]
    inlines = [PositionInline, PersonAliasInline]
    actions = ["merge"]
    merge_url = "participants:merge"
    may_merge = staticmethod(may_merge)
    merge_details = staticmethod(duplicates.details)

    def delete_record(self, obj, user):
        person_delete(person=obj, user=user)

    def check_deletable(self, obj):
        person_check_deletable(person=obj)

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
