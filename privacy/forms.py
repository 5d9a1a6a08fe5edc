from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_REASON_LENGTH


class AnonymiseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            'Why, and on whose request ("the person\'s request of 3 December 2026"). The log keeps it with your '
            "name and the date, and never the person's name."
        ),
    )
