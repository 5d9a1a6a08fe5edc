from django import forms

from partnership.concurrency import VersionedFormMixin
from partnership.forms import DateInput, TimeInput

from .models import Workshop


class WorkshopForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "other_title",
            "kind",
            "format",
            "status",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "timezone",
            "venue",
            "platform",
            "programme",
            "initiative",
            "topics",
            "reported_attendance",
            "summary",
            "minutes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "reported_attendance": forms.NumberInput(attrs={"min": 0}),
        }

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())
