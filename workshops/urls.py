from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("new/", views.workshop_create, name="create"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/pdf/", views.workshop_pdf, name="pdf"),
    path("<int:pk>/attendance/import/", views.attendance_import, name="attendance-import"),
]
