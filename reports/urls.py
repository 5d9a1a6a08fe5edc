from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.log_from_report, name="from-report"),
]
