from django import forms

from partnership.concurrency import VersionedFormMixin
from partnership.forms import DateInput

from .models import Agreement


class AgreementForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "scope",
            "programme",
            "summary",
            "scope_topics",
            "proposed_on",
            "target_signing_date",
            "expires_on",
            "notice_period_days",
            "renews",
        ]
        widgets = {
            "proposed_on": DateInput(),
            "target_signing_date": DateInput(),
            "expires_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "notice_period_days": forms.NumberInput(attrs={"min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["renews"].queryset = Agreement.objects.exclude(pk=self.instance.pk)

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())
