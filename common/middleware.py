import time

from django.conf import settings
from django.contrib.auth import logout


class IdleSessionTimeoutMiddleware:
    """Sign a user out after SESSION_IDLE_TIMEOUT seconds without a request.

    The last-seen time is written at most once a minute, so a busy page does not write the session on every request.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                request.idle_timeout = True  # not a sign-out: the account's other sessions stay (accounts.services)
                logout(request)
            elif now - last_seen >= self.TOUCH_EVERY or "last_seen" not in request.session:
                request.session["last_seen"] = now
        return self.get_response(request)
