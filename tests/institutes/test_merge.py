"""Merging organisations: every row moves, a signature on an agreement both signed is kept, the admin picks each
value, and only admins merge, at the page, the API and the admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from agreements.models import AgreementParty
from institutes.models import Organisation, OrganisationAlias
from institutes.services import organisation_merge
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2022, 1, 14)


@pytest.fixture
def ssez():
    return OrganisationFactory(name="Sihanoukville Special Economic Zone Co., Ltd.", short_name="SSEZ")


@pytest.fixture
def twin():
    return OrganisationFactory(name="Sihanoukville Special Economic Zone", short_name="SSEZ Co", name_local="西港特区")


def test_a_duplicate_that_signed_an_agreement_with_the_kept_record_keeps_its_party_row_and_signatory(
    ssez, twin, admin_user
):
    agreement = AgreementFactory(title="SSEZ training MoU")
    chen, wang = (
        PersonFactory(given_name="Jian", family_name="Chen"),
        PersonFactory(given_name="Li", family_name="Wang"),
    )
    AgreementPartyFactory(agreement=agreement, organisation=ssez, signatory=chen, signed_on=SIGNED)
    AgreementPartyFactory(agreement=agreement, organisation=twin, signatory=wang, signed_on=SIGNED)

    result = organisation_merge(keep=ssez, duplicate=twin, user=admin_user)

    assert sorted(
        AgreementParty.objects.filter(agreement=agreement).values_list("organisation_id", "signatory_id", "signed_on")
    ) == sorted([(ssez.pk, chen.pk, SIGNED), (twin.pk, wang.pk, SIGNED)])
    twin.refresh_from_db()
    assert (twin.is_active, twin.now_known_as_id) == (False, ssez.pk)
    assert result.message() == (
        "Merged “Sihanoukville Special Economic Zone (SSEZ Co)” into “Sihanoukville Special Economic Zone Co., Ltd. "
        "(SSEZ)”. No rows to move. Other names added: 2. “Sihanoukville Special Economic Zone (SSEZ Co)” and "
        "“Sihanoukville Special Economic Zone Co., Ltd. (SSEZ)” are both parties of “SSEZ training MoU”: the party "
        "row of “Sihanoukville Special Economic Zone (SSEZ Co)” and its signatory Li Wang are kept, on "
        "“Sihanoukville Special Economic Zone (SSEZ Co)”, now marked as merged into “Sihanoukville Special Economic "
        "Zone Co., Ltd. (SSEZ)”."
    )


def test_a_duplicates_party_row_moves_to_the_kept_record_with_its_signatory(ssez, twin, admin_user):
    signatory = PersonFactory(given_name="Li", family_name="Wang")
    party = AgreementPartyFactory(organisation=twin, signatory=signatory, signed_on=SIGNED)

    result = organisation_merge(keep=ssez, duplicate=twin, user=admin_user)

    party.refresh_from_db()
    assert (party.organisation_id, party.signatory_id, party.signed_on) == (ssez.pk, signatory.pk, SIGNED)
    assert not Organisation.objects.filter(pk=twin.pk).exists()
    assert result.moved == {("agreement party", "agreement parties"): 1}


def test_the_merge_message_counts_what_moved_per_kind(ssez, twin, admin_user):
    for _ in range(3):
        AttendanceFactory(organisation=twin)
    AgreementPartyFactory(organisation=twin)
    OrganisationAliasFactory(organisation=twin, name="Sihanoukville SEZ")
    OrganisationAliasFactory(organisation=twin, name="S.S.E.Z.")

    result = organisation_merge(keep=ssez, duplicate=twin, values={"name_local": ""}, user=admin_user)

    assert result.message() == (
        "Merged “Sihanoukville Special Economic Zone (SSEZ Co)” into “Sihanoukville Special Economic Zone Co., Ltd. "
        "(SSEZ)”. Moved: 2 organisation aliases, 3 attendances, 1 agreement party. Other names added: 3."
    )
    assert result.moved == {
        ("attendance", "attendances"): 3,
        ("agreement party", "agreement parties"): 1,
        ("organisation alias", "organisation aliases"): 2,
    }
    assert sorted(ssez.aliases.values_list("name", flat=True)) == [
        "S.S.E.Z.",
        "SSEZ Co",
        "Sihanoukville SEZ",
        "Sihanoukville Special Economic Zone",
        "西港特区",
    ]


def test_the_values_picked_are_kept_and_the_names_not_picked_become_other_names(ssez, twin, admin_user):
    ssez.website = "https://ssez.example.com"
    ssez.save()
    twin.website = "https://www.ssez.com"
    twin.save()

    organisation_merge(
        keep=ssez,
        duplicate=twin,
        values={"name": twin.name, "name_local": "西港特区", "website": "https://www.ssez.com"},
        user=admin_user,
    )

    ssez.refresh_from_db()
    assert (ssez.name, ssez.short_name, ssez.name_local, ssez.website) == (
        "Sihanoukville Special Economic Zone",
        "SSEZ",
        "西港特区",
        "https://www.ssez.com",
    )
    assert sorted(ssez.aliases.values_list("name", flat=True)) == [
        "SSEZ Co",
        "Sihanoukville Special Economic Zone Co., Ltd.",
    ]


def test_a_value_of_neither_record_is_refused_next_to_its_field(ssez, twin, admin_user):
    with pytest.raises(ValidationError) as refused:
        organisation_merge(keep=ssez, duplicate=twin, values={"name": "Something else"}, user=admin_user)
    assert refused.value.message_dict == {"name": ["Choose the value of one of the two records."]}
    assert Organisation.objects.filter(pk=twin.pk).exists()


def test_the_merge_is_in_the_history_of_both_records(ssez, twin, admin_user):
    organisation_merge(keep=ssez, duplicate=twin, user=admin_user)

    reason = (
        f"“Sihanoukville Special Economic Zone (SSEZ Co)” (#{twin.pk}) was merged into “Sihanoukville Special "
        "Economic Zone Co., Ltd. (SSEZ)”."
    )
    kept = ssez.history.latest()
    assert (kept.history_type, kept.history_user, kept.history_change_reason) == ("~", admin_user, reason)
    deleted = Organisation.history.filter(id=twin.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.history_change_reason) == ("-", admin_user, reason)


def test_merging_an_organisation_into_itself_is_refused(ssez, admin_user):
    with pytest.raises(ValidationError) as refused:
        organisation_merge(keep=ssez, duplicate=ssez, user=admin_user)
    assert refused.value.messages == ["A record cannot be merged into itself."]


def test_merging_into_a_merged_record_is_refused(ssez, twin, admin_user):
    ssez.is_active, ssez.now_known_as = False, OrganisationFactory()
    ssez.save()
    with pytest.raises(ValidationError) as refused:
        organisation_merge(keep=ssez, duplicate=twin, user=admin_user)
    assert refused.value.messages == [
        "“Sihanoukville Special Economic Zone Co., Ltd. (SSEZ)” is no longer active (merged or retired): merge into "
        "the record that continues it."
    ]


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_may_not_merge_at_the_service(ssez, twin, role, request):
    with pytest.raises(PermissionDenied):
        organisation_merge(keep=ssez, duplicate=twin, user=request.getfixturevalue(role))
    assert Organisation.objects.filter(pk=twin.pk).exists()


def _screen(keep, other):
    return reverse("institutes:merge"), {"pair": [keep.pk, other.pk], "keep": keep.pk}


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_are_refused_at_the_merge_screen(client, ssez, twin, role, request):
    client.force_login(request.getfixturevalue(role))
    url, data = _screen(ssez, twin)
    assert client.get(url, data).status_code == 403
    assert client.post(url, data).status_code == 403
    assert Organisation.objects.filter(pk=twin.pk).exists()


def test_the_merge_screen_shows_both_records_field_by_field_with_a_choice_where_they_differ(
    admin_client_with_role, ssez, twin
):
    url, data = _screen(ssez, twin)
    response = admin_client_with_role.get(url, data)
    assert response.status_code == 200
    rows = {row["name"]: (row["keep"], row["other"], row["differs"], row["picked"]) for row in response.context["rows"]}
    assert rows["name"] == (ssez.name, twin.name, True, "keep")
    assert rows["name_local"] == ("", "西港特区", True, "other")
    assert rows["country"] == ("Cambodia", "Cambodia", False, "keep")
    assert response.content.decode().count('type="radio"') == 2 * sum(1 for row in rows.values() if row[2])


def test_the_merge_screen_merges_with_the_values_picked(admin_client_with_role, ssez, twin):
    url, data = _screen(ssez, twin)
    response = admin_client_with_role.post(url, {**data, "pick-name": "other", "pick-short_name": "keep"})
    assert response.status_code == 302
    ssez.refresh_from_db()
    assert (ssez.name, ssez.short_name, ssez.name_local) == ("Sihanoukville Special Economic Zone", "SSEZ", "西港特区")
    assert not Organisation.objects.filter(pk=twin.pk).exists()


def test_the_merge_screen_refuses_a_merge_into_itself(admin_client_with_role, ssez):
    response = admin_client_with_role.post(reverse("institutes:merge"), {"pair": [ssez.pk, ssez.pk], "keep": ssez.pk})
    assert response.status_code == 302
    assert Organisation.objects.filter(pk=ssez.pk).exists()


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_are_refused_at_the_api(client, ssez, twin, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("api:organisation-merge", args=[ssez.pk]), {"duplicate": twin.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=twin.pk).exists()


def test_an_admin_merges_through_the_api_with_the_values_picked(admin_client_with_role, ssez, twin):
    AttendanceFactory(organisation=twin)
    response = admin_client_with_role.post(
        reverse("api:organisation-merge", args=[ssez.pk]),
        {"duplicate": twin.pk, "values": {"short_name": "SSEZ Co"}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["moved"], response.json()["aliases_added"]) == ({"attendances": 1}, 2)
    ssez.refresh_from_db()
    assert ssez.short_name == "SSEZ Co"


def test_the_api_refuses_a_merge_into_itself(admin_client_with_role, ssez):
    response = admin_client_with_role.post(
        reverse("api:organisation-merge", args=[ssez.pk]), {"duplicate": ssez.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["A record cannot be merged into itself."]}


def test_the_admin_action_leads_to_the_merge_screen_for_admins_only(admin_client_with_role, ssez, twin):
    response = admin_client_with_role.post(
        reverse("admin:institutes_organisation_changelist"), {"action": "merge", "_selected_action": [ssez.pk, twin.pk]}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('institutes:merge')}?pair={ssez.pk}&pair={twin.pk}&keep={ssez.pk}"
    assert OrganisationAlias.objects.count() == 0


def test_the_trace_a_merge_keeps_for_a_signature_is_not_listed_as_a_duplicate_again(ssez, twin, admin_user):
    from institutes.duplicates import likely_pairs

    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, organisation=ssez)
    AgreementPartyFactory(agreement=agreement, organisation=twin)
    assert [pair[:2] for pair in likely_pairs()] == [(ssez.pk, twin.pk)]
    organisation_merge(keep=ssez, duplicate=twin, user=admin_user)
    assert likely_pairs() == []
