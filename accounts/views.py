import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from common.security import client_address, client_ip, logger

from . import services
from .forms import LockoutLiftForm, PasswordChangeForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's page, with the current password checked at most five times in 15 minutes, and every try logged."""

    form_class = PasswordChangeForm

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            # One check at a time per user, so parallel requests cannot slip past the limit together.
            get_user_model().objects.select_for_update().filter(pk=request.user.pk).exists()
            wait = services.password_change_wait(user=request.user)
            if wait:
                logger.warning(
                    "password change refused user=%s ip=%s", request.user.get_username(), client_address(request)
                )
                minutes = math.ceil(wait.total_seconds() / 60)
                messages.error(
                    request,
                    ngettext(
                        "Too many wrong current passwords. Try again in %(minutes)d minute.",
                        "Too many wrong current passwords. Try again in %(minutes)d minutes.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                # An empty form: a bound one would check the password it was sent.
                form = self.form_class(user=request.user)
                return self.render_to_response(self.get_context_data(form=form), status=429)
            return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error("old_password", "password_incorrect"):
            services.password_change_failure_record(user=self.request.user, ip_address=client_ip(self.request))
            logger.warning(
                "failed password change user=%s ip=%s",
                self.request.user.get_username(),
                client_address(self.request),
            )
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_change_failures_clear(user=self.request.user)
        logger.info("password changed user=%s ip=%s", self.request.user.get_username(), client_address(self.request))
        return response


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("axes.view_accessattempt", raise_exception=True)
def lockouts(request):
    """Failed sign-ins still counted, and the lockouts among them, which an administrator may lift."""
    if request.method == "POST":
        if not request.user.has_perm("axes.delete_accessattempt"):
            raise PermissionDenied
        form = LockoutLiftForm(request.POST)
        lifted = form.is_valid() and services.sign_in_lockout_lift(**form.cleaned_data)
        if lifted:
            logger.warning(
                "lockout lifted user=%s ip=%s by=%s ip=%s",
                form.cleaned_data["username"],
                form.cleaned_data["ip_address"],
                request.user.get_username(),
                client_address(request),
            )
            messages.success(
                request,
                _("%(username)s may sign in from %(address)s again.")
                % {"username": form.cleaned_data["username"], "address": form.cleaned_data["ip_address"]},
            )
        else:
            messages.warning(request, _("Nothing to lift: the lockout has ended or was lifted already."))
        return redirect("lockouts")
    return render(
        request,
        "accounts/lockouts.html",
        {
            "rows": services.sign_in_lockouts(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": round(get_cool_off().total_seconds() / 60),
        },
    )
