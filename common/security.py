"""Security log: sign-ins, failed sign-ins, lockouts and permission refusals, in the logger "common.security".

Also the client's real address behind a proxy.
"""

import ipaddress
import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.views.defaults import permission_denied

from .log_filters import EscapeControlCharacters

logger = logging.getLogger("common.security")
# Usernames and paths are typed by whoever signs in or asks: a newline in one must not forge a line of the log.
logger.addFilter(EscapeControlCharacters())


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address):
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The address of the client: the connecting address, unless that is a trusted proxy.

    Behind trusted proxies, X-Forwarded-For is read from the right (each proxy appends the address it saw) and the
    first address that is not a trusted proxy is the client. Whatever a client writes into the header itself stands
    to the left of that and is never reached; a header that cannot be read leaves the last trusted hop.
    """
    peer = request.META.get("REMOTE_ADDR") or ""
    address = _address(peer)
    if address is None:
        return peer or None
    if not _is_trusted_proxy(address):
        return str(address)
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop_address = _address(hop)
        if hop_address is None:
            break
        address = hop_address
        if not _is_trusted_proxy(address):
            break
    return str(address)


def client_address(request):
    return (client_ip(request) or "-") if request is not None else "-"


def log_sign_in(sender, request, user, **kwargs):
    logger.info("sign-in user=%s ip=%s", user.get_username(), client_address(request))


def log_sign_out(sender, request, user, **kwargs):
    logger.info("sign-out user=%s ip=%s", user.get_username() if user else "-", client_address(request))


def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # Never log the password; the username is what an investigator needs.
    logger.warning("failed sign-in user=%s ip=%s", credentials.get("username", "-"), client_address(request))


def log_lockout(sender, request, username, ip_address, **kwargs):
    # Sent when the limit is reached and again for every attempt refused while locked.
    logger.warning("locked out user=%s ip=%s", username or "-", ip_address or "-")


def connect():
    user_logged_in.connect(log_sign_in, dispatch_uid="common.security.sign_in")
    user_logged_out.connect(log_sign_out, dispatch_uid="common.security.sign_out")
    user_login_failed.connect(log_failed_sign_in, dispatch_uid="common.security.failed")
    user_locked_out.connect(log_lockout, dispatch_uid="common.security.locked_out")


def handler403(request, exception=None):
    user = request.user.get_username() if request.user.is_authenticated else "anonymous"
    logger.warning(
        "permission refused user=%s %s %s ip=%s", user, request.method, request.path, client_address(request)
    )
    return permission_denied(request, exception)
