from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import views

handler403 = "partnership.security.handler403"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("partnership.history")),
    path("institutes/", include("institutes.urls")),
    path("people/", include("participants.urls")),
    path("workshops/", include("workshops.urls")),
    path("agreements/", include("agreements.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
