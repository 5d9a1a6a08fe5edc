from django.urls import path

from . import actions_views

app_name = "actions"
urlpatterns = [
    path("", actions_views.action_mine, name="mine"),
    path("all/", actions_views.action_all, name="all"),
    path("<int:pk>/status/", actions_views.action_set_status, name="status"),
]
