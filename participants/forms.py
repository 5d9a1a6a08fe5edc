from django import forms

from common.concurrency import VersionedFormMixin

from .models import Person


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
