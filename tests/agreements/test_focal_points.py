"""An agreement's focal points: our responsible people and the parties' contact persons, editable at any status, on
the page and through the API, kept in the history."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory, PersonFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(agreement, **changes):
    data = {
        "title": agreement.title,
        "kind": agreement.kind,
        "scope": agreement.scope,
        "version": agreement.updated_at.isoformat(),
    }
    data.update(changes)
    return data


def test_a_signed_agreement_s_focal_points_are_edited_on_its_page_and_kept_in_history(client, manager):
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE)
    party = AgreementPartyFactory(agreement=agreement)
    contact = PositionFactory(organisation=party.organisation).person
    colleague = UserFactory(username="li", role="Coordinator")
    client.force_login(manager)
    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]),
        _form(agreement, responsible_users=[colleague.pk], contact_people=[contact.pk]),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert (list(agreement.responsible_users.all()), list(agreement.contact_people.all())) == ([colleague], [contact])
    assert [list(h.responsible_users.values_list("user_id", flat=True)) for h in agreement.history.all()[:1]] == [
        [colleague.pk]
    ]
    page = client.get(reverse("agreements:detail", args=[agreement.pk]))
    assert "li" in page.content.decode()


def test_a_contact_person_is_someone_at_a_party_at_every_door(client, manager):
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement)
    stranger = PersonFactory(given_name="Stranger", family_name="Nobody")
    client.force_login(manager)
    response = client.post(
        reverse("agreements:edit", args=[agreement.pk]), _form(agreement, contact_people=[stranger.pk])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["contact_people"] == [
        f"Select a valid choice. {stranger.pk} is not one of the available choices."
    ]
    response = client.patch(
        reverse("api:agreement-detail", args=[agreement.pk]),
        {"contact_people": [stranger.pk], "updated_at": agreement.updated_at.isoformat()},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["contact_people"]) == (
        400,
        ["Stranger Nobody is not at any party of this agreement: add their organisation first."],
    )
