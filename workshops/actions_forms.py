from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ActionItem


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
