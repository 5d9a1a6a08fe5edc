"""The root URLconf. Each app owns its routes under one prefix; the API router gathers the apps' viewsets."""

from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from accounts import views as accounts_views
from agreements.api import AgreementPartyViewSet, AgreementViewSet
from institutes.api import OrganisationViewSet
from participants.api import PersonViewSet
from results.api import EnteredValueViewSet, IndicatorViewSet, TargetViewSet
from workshops.api import ActionItemViewSet, AttendanceViewSet, WorkshopViewSet

handler403 = "common.security.handler403"
# JSON under /api/, the site's pages elsewhere.
handler400 = "common.errors.bad_request"
handler404 = "common.errors.page_not_found"
handler500 = "common.errors.server_error"

# Swagger UI adds one fixed <style> element; its hash is allowed on the API docs page only.
SWAGGER_UI_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

router = routers.DefaultRouter()
# No ".json" suffix routes: JSON is the only format, and `?format=` is a workshop filter (see settings).
router.include_format_suffixes = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("workshops", WorkshopViewSet, basename="workshop")
router.register("attendances", AttendanceViewSet, basename="attendance")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("agreement-parties", AgreementPartyViewSet, basename="agreementparty")
router.register("action-items", ActionItemViewSet, basename="actionitem")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("indicator-periods", TargetViewSet, basename="indicatorperiod")
router.register("indicator-values", EnteredValueViewSet, basename="indicatorvalue")

api_patterns = [
    # The schema and docs follow SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]: a role.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline script.
    path(
        "docs/",
        csp_update({"style-src": [SWAGGER_UI_STYLE_HASH]})(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("", include(router.urls)),
]

urlpatterns = [
    # The home page, search, insights and the calendar feeds.
    path("", include("overview.urls")),
    # Sign-in, sign-out and password change; passwords are reset by an admin, not by email.
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/lockouts/", accounts_views.lockouts, name="lockouts"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include((api_patterns, "api"))),
    path("institutes/", include("institutes.urls")),
    path("people/", include("participants.urls")),
    # The report reader's page used to sit with the workshops; old links and bookmarks still find it.
    path(
        "workshops/from-report/",
        RedirectView.as_view(pattern_name="reports:from-report", permanent=True, query_string=True),
        name="from-report-moved",
    ),
    path("workshops/", include("workshops.urls")),
    path("agreements/", include("agreements.urls")),
    # Which e-mails a user gets.
    path("notifications/", include("notifications.urls")),
    # Indicators, targets and achieved values of programmes, initiatives and agreements.
    path("results/", include("results.urls")),
    # A narrative report read into a workshop to review.
    path("reports/", include("reports.urls")),
    # Follow-up actions across workshops and agreements.
    path("actions/", include("workshops.actions_urls")),
    # The privacy notice (open to all), a person's own export and their anonymisation (admins).
    path("privacy/", include("privacy.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (Django's admin site): the site's own icon.
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("favicon.svg"), permanent=True), name="favicon"),
]
# Uploaded files are never served from MEDIA_URL, in development either: only through the views that check who may
# see their record (common/files.py).
