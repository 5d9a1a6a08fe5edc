from django.urls import path, re_path

from common.exports import FORMAT
from common.history import history_view

from . import exports, views
from .models import Organisation, OrganisationAlias

app_name = "institutes"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("duplicates/", views.organisation_duplicates, name="duplicates"),
    path("duplicates/merge/", views.organisation_merge_pair, name="merge"),
    path("match/", views.organisation_match, name="match"),
    path("quick-add/", views.organisation_quick_add, name="quick-add"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
    path(
        "<int:pk>/history/",
        history_view(Organisation, related=[(OrganisationAlias, "organisation_id", None)]),
        name="history",
    ),
    re_path(rf"^export\.{FORMAT}$", exports.organisations_export, name="export"),
]
