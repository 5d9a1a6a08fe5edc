from django import forms

from common.concurrency import VersionedFormMixin
from common.editing import RowsFormSet

from .models import Organisation, OrganisationAlias


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "name_local",
            "kind",
            "iati_type",
            "country",
            "city",
            "website",
            "now_known_as",
            "is_active",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Organisation.objects.order_by("name")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["now_known_as"].queryset = others
        self.fields["city"].queryset = self.fields["city"].queryset.order_by("name")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_short_name(self):
        return " ".join(self.cleaned_data["short_name"].split())


class OrganisationAliasForm(forms.ModelForm):
    class Meta:
        model = OrganisationAlias
        fields = ["name", "kind", "source_note", "used_until"]
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "source_note": forms.TextInput(attrs={"class": "form-control"}),
            "used_until": forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


OrganisationAliasFormSet = forms.inlineformset_factory(
    Organisation,
    OrganisationAlias,
    form=OrganisationAliasForm,
    formset=RowsFormSet,
    extra=1,
    can_delete=True,
    max_num=50,
)
