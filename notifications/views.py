from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import PreferencesForm
from .services import notification_preferences_set, preferences


@require_http_methods(["GET", "POST"])
@login_required
def preferences_page(request):
    """Which e-mails the signed-in user gets: each kind on or off."""
    # Every box unticked posts nothing: still a choice to store.
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=preferences(request.user))
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=request.user, enabled=form.cleaned_data)
        messages.success(request, _("Your e-mail choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})
