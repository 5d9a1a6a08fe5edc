from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DateInput
from workshops.models import Outcome, Workshop

from . import rules
from .models import RECORDS_LISTED, EnteredValue, Indicator, Target

INDICATOR_FIELDS = [
    "name",
    "unit",
    "rule",
    "measure",
    "baseline_value",
    "baseline_date",
    "direction",
    "disaggregation",
    "description",
]


class IndicatorForm(forms.ModelForm):
    """An indicator; on a new one, its first period and target too (optional)."""

    period_label = forms.CharField(label=_("First period"), max_length=100, required=False, help_text=_("e.g. 2022"))
    period_start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    target_value = forms.DecimalField(label=_("Target"), required=False, min_value=0, max_digits=12, decimal_places=2)

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"baseline_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, about, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("No rule: values are entered"))] + [
            (rule.name, rule.label) for rule in rules.RULES.values() if about in rule.applies_to
        ]
        if self.instance.pk:
            for name in ("period_label", "period_start", "period_end", "target_value"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        given = [data.get(name) not in (None, "") for name in ("period_start", "period_end", "target_value")]
        if any(given) and not all(given):
            for name, present in zip(("period_start", "period_end", "target_value"), given, strict=True):
                if not present:
                    self.add_error(name, _("Give the period's dates and its target, or none of them."))
        elif all(given) and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("A period cannot end before it starts."))
        return data

    def targets(self):
        data = self.cleaned_data
        if data.get("target_value") is None:
            return []
        return [
            {
                "label": data["period_label"],
                "start": data["period_start"],
                "end": data["period_end"],
                "value": data["target_value"],
            }
        ]


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["label", "start", "end", "value"]
        widgets = {"start": DateInput(), "end": DateInput()}


class EnteredValueForm(forms.ModelForm):
    class Meta:
        model = EnteredValue
        fields = [
            "value",
            "more_than",
            "category",
            "source",
            "source_title",
            "source_workshop",
            "source_outcome",
            "source_url",
            "reason",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, target, workshop_ids, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The workshops the period counts, or those of its programme, that the user may see: a short list, never
        # every workshop.
        workshops = (
            Workshop.objects.visible_to(user)
            .filter(pk__in=list(workshop_ids)[:RECORDS_LISTED])
            .order_by("-start_date", "-id")
        )
        self.fields["source_workshop"].queryset = workshops
        self.fields["source_outcome"].queryset = Outcome.objects.filter(workshop__in=workshops).select_related(
            "workshop"
        )
        if not target.indicator.rule:
            self.fields["reason"].help_text = _("Optional: a note on how the value was counted.")
