from django.urls import path

from . import views

app_name = "institutes"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("match/", views.organisation_match, name="match"),
    path("quick-add/", views.organisation_quick_add, name="quick-add"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/edit/", views.organisation_edit, name="edit"),
]
