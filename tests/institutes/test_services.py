import pytest

from institutes.models import Organisation
from institutes.services import organisation_merge
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    OrganisationAliasFactory,
    OrganisationFactory,
    PositionFactory,
    WorkshopOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_merging_organisations_moves_parties_positions_attendance_hosts_and_aliases(admin_user):
    keep = OrganisationFactory(name="Sihanoukville Special Economic Zone Co., Ltd.", short_name="SSEZ")
    duplicate = OrganisationFactory(name="Sihanoukville Special Economic Zone", short_name="SSES")
    OrganisationAliasFactory(organisation=duplicate, name="Sihanoukville SEZ")
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, organisation=keep)
    AgreementPartyFactory(agreement=agreement, organisation=duplicate)
    other_party = AgreementPartyFactory(organisation=duplicate)
    PositionFactory(organisation=duplicate, title="Chairman")
    AttendanceFactory(organisation=duplicate)
    WorkshopOrganisationFactory(organisation=duplicate)
    action = ActionItemFactory()
    action.responsible_organisations.add(duplicate)

    organisation_merge(keep=keep, duplicate=duplicate, user=admin_user)

    # Both were parties of `agreement`: the duplicate's row stays with it, kept as the merge's trace.
    assert list(Organisation.objects.filter(is_active=True).values_list("pk", flat=True)) == [keep.pk]
    assert list(Organisation.objects.filter(now_known_as=keep).values_list("pk", flat=True)) == [duplicate.pk]
    assert list(keep.agreement_parties.order_by("pk").values_list("agreement_id", flat=True)) == [
        agreement.pk,
        other_party.agreement_id,
    ]
    assert list(duplicate.agreement_parties.values_list("agreement_id", flat=True)) == [agreement.pk]
    assert list(keep.positions.values_list("title", flat=True)) == ["Chairman"]
    assert keep.attendances.count() == 1
    assert list(action.responsible_organisations.all()) == [keep]
    assert sorted(keep.aliases.values_list("name", flat=True)) == [
        "SSES",
        "Sihanoukville SEZ",
        "Sihanoukville Special Economic Zone",
    ]
