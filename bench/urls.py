"""The benchmark's urlconf: the app's URLs plus a bare view, so the bare view never ships in the app."""

from django.http import HttpResponse
from django.urls import path

from partnership.urls import urlpatterns as app_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("__bench__/bare/", bare), *app_urlpatterns]
