"""Error answers: JSON for API clients, the site's pages for everyone else.

The root URLconf names these as handler400/404/500, and the REST framework's EXCEPTION_HANDLER is
api_exception_handler: a program calling /api/ must be able to read every answer it gets, a server error included.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework.views import exception_handler

from .api import validation_error

API_PREFIX = "/api/"


def _is_api(request):
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": _("Server error. It has been logged; please try again.")}, status=500)
    return defaults.server_error(request)


def api_exception_handler(exc, context):
    """The REST framework's answers, plus a model's own refusal (full_clean() in a service) as a 400 with its
    messages, where it would otherwise be a server error."""
    if isinstance(exc, ValidationError):
        exc = validation_error(exc)
    return exception_handler(exc, context)
