from django.urls import path, re_path

from common.exports import FORMAT
from common.history import history_view

from . import exports, partner_views, views
from .models import ActionItem, Attendance, Statement, Workshop

app_name = "workshops"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("new/", views.workshop_create, name="create"),
    path("topics/match/", views.topic_match, name="topic-match"),
    path("programmes/match/", views.programme_match, name="programme-match"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/pdf/", views.workshop_pdf, name="pdf"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.workshop_attachment, name="attachment"),
    path("<int:pk>/approve/", views.workshop_approve, name="approve"),
    path("<int:pk>/send/", views.workshop_send, name="send"),
    path("confirm/<str:token>/", partner_views.confirm, name="confirm"),
    path("report-actions/<str:token>/", partner_views.report_actions, name="report-actions"),
    path("<int:pk>/confirmations/<int:link_pk>/revoke/", partner_views.confirmation_revoke, name="confirmation-revoke"),
    path("action-reports/<int:report_pk>/decide/", partner_views.action_report_decide, name="action-report-decide"),
    path("<int:pk>/attendance/import/", views.attendance_import, name="attendance-import"),
    path(
        "<int:pk>/history/",
        history_view(
            Workshop,
            related=[
                (Attendance, "workshop_id", "person_id"),
                (Statement, "workshop_id", "speaker_id"),
                (ActionItem, "workshop_id", "title"),
            ],
        ),
        name="history",
    ),
    re_path(rf"^export\.{FORMAT}$", exports.workshops_export, name="export"),
    re_path(rf"^(?P<pk>[0-9]+)/attendance/export\.{FORMAT}$", exports.attendance_export, name="attendance-export"),
]
