"""The benchmark's urlconf: the app's URLs plus a bare view, so the bare view never ships in the app."""

from django.http import HttpResponse
from django.urls import path

from partnership.urls import urlpatterns as app_urlpatterns


def bare(request):
    return HttpResponse("ok")


def bare_user(request):
    """The bare view that reads who is signed in, as every real page does (the session and the user, 2 queries)."""
    return HttpResponse("ok" if request.user.is_authenticated else "anonymous")


urlpatterns = [path("__bench__/bare/", bare), path("__bench__/bare-user/", bare_user), *app_urlpatterns]
