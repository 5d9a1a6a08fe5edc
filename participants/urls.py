from django.urls import path, re_path

from common.exports import FORMAT
from common.history import history_view

from . import exports, views
from .models import Person, Position

app_name = "participants"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("basis/", views.person_basis, name="basis"),
    path("duplicates/", views.person_duplicates, name="duplicates"),
    path("duplicates/merge/", views.person_merge_pair, name="merge"),
    path("match/", views.person_match, name="match"),
    path("quick-add/", views.person_quick_add, name="quick-add"),
    path("name-parts/", views.person_name_parts, name="name-parts"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path(
        "<int:pk>/history/",
        history_view(
            Person,
            related=[(Position, "person_id", "organisation_id")],
            restricted=dict.fromkeys(Person.CONTACT_FIELDS, Person.CONTACT_PERMISSION),
        ),
        name="history",
    ),
    re_path(rf"^export\.{FORMAT}$", exports.people_export, name="export"),
]
