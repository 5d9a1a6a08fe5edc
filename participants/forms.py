from django import forms

from common.concurrency import VersionedFormMixin
from common.editing import RowsFormSet

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
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

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
