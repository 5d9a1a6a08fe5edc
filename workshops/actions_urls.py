from django.urls import path, re_path

from common.exports import FORMAT

from . import actions_views, exports

app_name = "actions"
urlpatterns = [
    path("", actions_views.action_mine, name="mine"),
    path("all/", actions_views.action_all, name="all"),
    path("<int:pk>/status/", actions_views.action_set_status, name="status"),
    re_path(rf"^export\.{FORMAT}$", exports.actions_export, name="export"),
]
