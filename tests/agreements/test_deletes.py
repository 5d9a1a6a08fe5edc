"""An agreement that was signed is never deleted, at any door: the API answers 409 with the reason and the admin
lists the reason and deletes nothing. A draft entered by mistake goes, and the history says who deleted it."""

import datetime

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from agreements.admin import AgreementDocumentInline, AmendmentInline
from agreements.models import Agreement, AgreementDocument, AgreementParty, AgreementStatusChange
from agreements.services import agreement_sign, agreement_terminate
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
SIGNED_KEPT = (
    "A signed agreement is never deleted: its parties, steps and documents stay on record. End it with a transition "
    "instead."
)


@pytest.fixture
def api(manager):
    client = APIClient()
    client.force_authenticate(manager)
    return client


@pytest.fixture
def signed(manager):
    agreement = AgreementFactory(title="Skills MoU", status=Agreement.Status.NEGOTIATION)
    for short_name in ("WIT", "PCC"):
        AgreementPartyFactory(agreement=agreement, organisation=OrganisationFactory(short_name=short_name))
    AgreementParty.objects.filter(agreement=agreement).update(
        signatory=PersonFactory(), signed_on=datetime.date(2026, 3, 1)
    )
    agreement_sign(agreement=agreement, user=manager, occurred_on=datetime.date(2026, 3, 1))
    document = AgreementDocument(agreement=agreement, version_label="signed", uploaded_by=manager)
    document.file.save("signed.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return Agreement.objects.get(pk=agreement.pk)


def _rows(agreement):
    return (
        Agreement.objects.filter(pk=agreement.pk).count(),
        AgreementParty.objects.filter(agreement=agreement.pk).count(),
        AgreementStatusChange.objects.filter(agreement=agreement.pk).count(),
        AgreementDocument.objects.filter(agreement=agreement.pk).count(),
    )


def test_a_signed_agreement_is_not_deleted_through_the_api(api, signed):
    response = api.delete(f"/api/agreements/{signed.pk}/")
    assert (response.status_code, response.json()) == (409, {"detail": SIGNED_KEPT})
    assert _rows(signed) == (1, 2, 1, 1)


def test_a_terminated_agreement_is_not_deleted_through_the_api(api, signed, manager):
    agreement_terminate(agreement=signed, user=manager, comment="Ended early", occurred_on=datetime.date(2026, 4, 1))
    response = api.delete(f"/api/agreements/{signed.pk}/")
    assert (response.status_code, response.json()) == (409, {"detail": SIGNED_KEPT})
    assert _rows(signed) == (1, 2, 2, 1)


def test_a_draft_agreement_is_deleted_by_a_manager_and_the_history_says_who(api, manager):
    draft = AgreementFactory(title="Typed by mistake")
    party = AgreementPartyFactory(agreement=draft)
    assert api.delete(f"/api/agreements/{draft.pk}/").status_code == 204
    assert _rows(draft) == (0, 0, 0, 0)
    deleted = Agreement.history.get(id=draft.pk, history_type="-")
    assert (deleted.history_user, deleted.history_change_reason) == (manager, "Deleted: never signed.")
    assert AgreementParty.history.get(id=party.pk, history_type="-").history_user == manager


def test_a_draft_agreement_an_action_refers_to_is_kept(api):
    draft = AgreementFactory(title="Exchange plan")
    ActionItemFactory(agreement=draft)
    response = api.delete(f"/api/agreements/{draft.pk}/")
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "“Exchange plan” is kept because other records refer to it: action items."},
    )
    assert Agreement.objects.filter(pk=draft.pk).exists()


def test_a_coordinator_may_not_delete_a_draft_agreement(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    draft = AgreementFactory()
    assert client.delete(f"/api/agreements/{draft.pk}/").status_code == 403
    assert Agreement.objects.filter(pk=draft.pk).exists()


def test_the_admin_refuses_to_delete_a_signed_agreement_and_says_why(admin_client_with_role, signed):
    url = reverse("admin:agreements_agreement_delete", args=[signed.pk])
    response = admin_client_with_role.post(url, {"post": "yes"})
    assert (response.status_code, SIGNED_KEPT in response.content.decode()) == (200, True)
    assert _rows(signed) == (1, 2, 1, 1)


def test_the_admins_delete_selected_keeps_a_signed_agreement_and_deletes_nothing(admin_client_with_role, signed):
    draft = AgreementFactory()
    response = admin_client_with_role.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "delete_selected", "_selected_action": [signed.pk, draft.pk], "post": "yes"},
    )
    assert (response.status_code, SIGNED_KEPT in response.content.decode()) == (200, True)
    assert Agreement.objects.filter(pk__in=[signed.pk, draft.pk]).count() == 2


def test_the_admin_deletes_a_draft_agreement_through_the_service(admin_client_with_role, admin_user):
    draft = AgreementFactory()
    response = admin_client_with_role.post(
        reverse("admin:agreements_agreement_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert Agreement.history.get(id=draft.pk, history_type="-").history_user == admin_user


def test_the_admin_offers_no_delete_of_a_signed_agreements_documents_or_amendments(admin_user, signed):
    request = RequestFactory().get("/")
    request.user = admin_user
    draft = AgreementFactory()
    assert [
        (
            inline(Agreement, admin.site).has_delete_permission(request, signed),
            inline(Agreement, admin.site).has_delete_permission(request, draft),
        )
        for inline in (AgreementDocumentInline, AmendmentInline)
    ] == [(False, True), (False, True)]
