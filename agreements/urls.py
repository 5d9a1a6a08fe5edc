from django.urls import path

from . import views

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
]
