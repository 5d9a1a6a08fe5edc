from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.privacy_notice, name="notice"),
    path("people/<int:pk>/export/", views.person_export_page, name="export"),
    path("people/<int:pk>/export.json", views.person_export_json, name="export-json"),
    path("people/<int:pk>/anonymise/", views.person_anonymise_page, name="anonymise"),
]
