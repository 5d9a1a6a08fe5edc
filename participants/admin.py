from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.roles import may_merge, may_see_contacts
from common.admin_delete import DeleteThroughServiceMixin
from common.admin_merge import MergeActionMixin

from . import duplicates
from .forms import PersonBasisForm
from .models import ONE_OPEN_POSITION, Person, PersonAlias, Position
from .names import MAX_NAME_LENGTH, NAME_PARTS, split_name
from .services import BASIS_SET_MAX, person_basis_set, person_check_deletable, person_delete


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
            "basis",
            "basis_source",
            "basis_date",
            "may_be_named",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name_order" in self.fields:
            self.fields["name_order"].choices = Person.NameOrder.examples

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
    actions = ["merge", "set_basis"]
    merge_url = "participants:merge"
    may_merge = staticmethod(may_merge)
    merge_details = staticmethod(duplicates.details)

    def delete_record(self, obj, user):
        person_delete(person=obj, user=user)

    # E-mail and phone, at this door too, only for whom accounts.roles.may_see_contacts allows.
    def get_exclude(self, request, obj=None):
        hidden = [] if may_see_contacts(request.user) else list(Person.CONTACT_FIELDS)
        return [*(super().get_exclude(request, obj) or []), *hidden]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if may_see_contacts(request.user) else [f for f in shown if f not in Person.CONTACT_FIELDS]

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        return fields if may_see_contacts(request.user) else [f for f in fields if f not in Person.CONTACT_FIELDS]

    @admin.action(description=_("Record the basis for holding the selected people's data"), permissions=["change"])
    def set_basis(self, request, queryset):
        """A page asking the basis once, then person_basis_set for every person selected (as the people list)."""
        form = PersonBasisForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                count = person_basis_set(
                    people=list(queryset.values_list("pk", flat=True)), **form.basis_kwargs(), user=request.user
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext("Basis recorded for %(count)s person.", "Basis recorded for %(count)s people.", count)
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/participants/person_basis.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Record the basis for holding their data"),
                "opts": self.model._meta,
                "form": form,
                "people": queryset.order_by("family_name", "given_name", "pk")[:BASIS_SET_MAX],
                "count": queryset.count(),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

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
