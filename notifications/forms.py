from django import forms

from .models import Notification
from .services import USER_KINDS


class PreferencesForm(forms.Form):
    """One box per kind of notification a user may turn off."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Notification.Kind.choices)
        for kind in USER_KINDS:
            self.fields[kind] = forms.BooleanField(label=labels[kind], required=False)
