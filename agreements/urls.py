from django.urls import path, re_path

from common.exports import FORMAT
from common.history import history_view

from . import exports, iati, views
from .models import Agreement, AgreementParty

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("new/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/edit/", views.agreement_edit, name="edit"),
    path("<int:pk>/parties/", views.agreement_parties, name="parties"),
    path("<int:pk>/status/<slug:name>/", views.agreement_transition, name="transition"),
    path("<int:pk>/amend/", views.agreement_amend, name="amend"),
    path("<int:pk>/renew/", views.agreement_renew, name="renew"),
    path("<int:pk>/documents/new/", views.agreement_document_upload, name="document-upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.agreement_document_download, name="document"),
    path("from-decision/<int:outcome_pk>/", views.agreement_from_decision, name="from-decision"),
    path(
        "<int:pk>/history/",
        history_view(Agreement, related=[(AgreementParty, "agreement_id", "organisation_id")]),
        name="history",
    ),
    re_path(rf"^export\.{FORMAT}$", exports.agreements_export, name="export"),
    path("<int:pk>/iati.xml", iati.agreement_download, name="iati"),
    path("programmes/<int:pk>/iati.xml", iati.programme_download, name="iati-programme"),
]
