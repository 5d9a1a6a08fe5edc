"""Security log: sign-ins, failed sign-ins and permission refusals, in the logger "common.security"."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.views.defaults import permission_denied

logger = logging.getLogger("common.security")


def client_address(request):
    return request.META.get("REMOTE_ADDR", "-") if request is not None else "-"


def log_sign_in(sender, request, user, **kwargs):
    logger.info("sign-in user=%s ip=%s", user.get_username(), client_address(request))


def log_sign_out(sender, request, user, **kwargs):
    logger.info("sign-out user=%s ip=%s", user.get_username() if user else "-", client_address(request))


def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Never log the password; the username is what an investigator needs.
    logger.warning("failed sign-in user=%s ip=%s", credentials.get("username", "-"), client_address(request))


def connect():
    user_logged_in.connect(log_sign_in, dispatch_uid="common.security.sign_in")
    user_logged_out.connect(log_sign_out, dispatch_uid="common.security.sign_out")
    user_login_failed.connect(log_failed_sign_in, dispatch_uid="common.security.failed")


def handler403(request, exception=None):
    user = request.user.get_username() if request.user.is_authenticated else "anonymous"
    logger.warning(
        "permission refused user=%s %s %s ip=%s", user, request.method, request.path, client_address(request)
    )
    return permission_denied(request, exception)
