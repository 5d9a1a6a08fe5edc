from django import forms
from django.utils.translation import gettext_lazy as _

from common.concurrency import VersionedFormMixin
from common.editing import RowsFormSet
from common.validators import DATE_RANGE

from .models import Person, PersonAlias


class PersonForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "honorific",
            "given_name",
            "family_name",
            "name_order",
            "name_local",
            "email",
            "phone",
            "country",
            "is_active",
            "notes",
            "basis",
            "basis_source",
            "basis_date",
            "may_be_named",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "basis_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, contacts=True, **kwargs):
        """contacts: whether the user may see e-mail and phone (accounts.roles.may_see_contacts); without, the form
        neither shows nor changes them."""
        super().__init__(*args, **kwargs)
        self.fields["name_order"].choices = Person.NameOrder.examples
        self.contacts = contacts
        if not contacts:
            for name in Person.CONTACT_FIELDS:
                del self.fields[name]

    def take_version(self, stale):
        super().take_version(stale)
        if not self.contacts:
            hidden = {Person._meta.get_field(name).verbose_name for name in Person.CONTACT_FIELDS}
            stale.changes = [(label, value) for label, value in stale.changes if label not in hidden]

    def clean(self):
        cleaned = super().clean()
        for field in ("honorific", "given_name", "family_name", "name_local"):
            if isinstance(cleaned.get(field), str):
                cleaned[field] = " ".join(cleaned[field].split())
        return cleaned


class PersonAliasForm(forms.ModelForm):
    class Meta:
        model = PersonAlias
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"class": "form-control"})}

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


PersonAliasFormSet = forms.inlineformset_factory(
    Person, PersonAlias, form=PersonAliasForm, formset=RowsFormSet, extra=1, can_delete=True, max_num=50
)


class PersonBasisForm(forms.Form):
    """One basis for many people at once (the people list, the admin's action, an import's new people)."""

    basis = forms.ChoiceField(label=_("Basis for holding their data"), choices=Person.Basis.choices)
    source = forms.CharField(
        label=_("Source of the basis"),
        max_length=200,
        required=False,
        help_text=_("Where it is written down: a signed form, a registration page, a contract, an e-mail."),
    )
    on = forms.DateField(
        label=_("Basis recorded on"),
        required=False,
        validators=DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Today if left empty."),
    )
    may_be_named = forms.BooleanField(label=_("May be named in shared records"), required=False, initial=True)

    def __init__(self, *args, optional=False, **kwargs):
        """optional: a basis may be left unrecorded (an import offers it, and sets nothing if none is chosen)."""
        super().__init__(*args, **kwargs)
        if optional:
            self.fields["basis"].required = False
            self.fields["basis"].choices = [("", _("Not recorded (set it later)")), *Person.Basis.choices]

    def basis_kwargs(self):
        """The keyword arguments of participants.services.person_basis_set; None if no basis was chosen."""
        data = self.cleaned_data
        if not data.get("basis"):
            return None
        return {name: data[name] for name in ("basis", "source", "on", "may_be_named")}
