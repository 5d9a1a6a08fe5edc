from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from agreements import iati

from . import exports, insights, search, views

handler403 = "partnership.security.handler403"

urlpatterns = [
    path("", views.home, name="home"),
    # Sign-in, sign-out and password change; passwords are reset by an admin, not by email.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("calendar/", include("partnership.feeds")),
    path("", include("partnership.history")),
    # Data in and out (issue 6): IATI downloads. Placed before the app includes so their paths win.
    path("programmes/<int:pk>/iati.xml", iati.programme_download, name="iati_programme"),
    path("agreements/<int:pk>/iati.xml", iati.agreement_download, name="iati_agreement"),
    path("api/", include("partnership.api")),
    path("search/", search.search_page, name="search"),
    path("insights/", insights.insights_page, name="insights"),
    *exports.export_paths(),
    path("institutes/", include("institutes.urls")),
    path("people/", include("participants.urls")),
    path("workshops/", include("workshops.urls")),
    path("agreements/", include("agreements.urls")),
    # Follow-up actions across workshops and agreements (issue 4).
    path("actions/", include("workshops.actions_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
