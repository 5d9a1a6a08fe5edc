from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .models import new_calendar_token


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Also renews the calendar secret: whoever knew the old password may have copied the feed addresses too."""

    def save(self, commit=True):
        self.user.calendar_token = new_calendar_token()
        return super().save(commit)


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    """An administrator's new password for a user renews the user's calendar secret too."""

    def save(self, commit=True):
        self.user.calendar_token = new_calendar_token()
        return super().save(commit)


class LockoutLiftForm(forms.Form):
    username = forms.CharField(label=_("username"), max_length=255)
    ip_address = forms.GenericIPAddressField(label=_("address"))
