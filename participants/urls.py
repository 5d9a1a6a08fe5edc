from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_create, name="create"),
    path("match/", views.person_match, name="match"),
    path("quick-add/", views.person_quick_add, name="quick-add"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
]
