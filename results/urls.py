from django.urls import path, re_path

from common.exports import FORMAT
from common.history import history_view

from . import exports, views
from .models import Indicator, Target

app_name = "results"
urlpatterns = [
    path("", views.network_results, name="network"),
    path("programmes/<int:pk>/", views.programme_results, name="programme"),
    path("programmes/<int:pk>/indicators/new/", views.programme_indicator_create, name="programme-indicator-create"),
    path("agreements/<int:pk>/", views.agreement_results, name="agreement"),
    path("agreements/<int:pk>/indicators/new/", views.agreement_indicator_create, name="agreement-indicator-create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("indicators/<int:pk>/periods/new/", views.target_create, name="target-create"),
    path(
        "indicators/<int:pk>/history/",
        history_view(Indicator, related=[(Target, "indicator_id", None)]),
        name="history",
    ),
    path("periods/<int:pk>/", views.period_records, name="records"),
    path("periods/<int:pk>/values/new/", views.value_create, name="value-create"),
    re_path(rf"^export\.{FORMAT}$", exports.results_export, name="export"),
]
