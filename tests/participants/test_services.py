import pytest
from django.core.exceptions import ValidationError

from participants.models import Person
from participants.services import person_merge
from tests.factories import (
    AgreementPartyFactory,
    AttendanceFactory,
    PersonFactory,
    PositionFactory,
    StatementFactory,
    WorkshopFactory,
)
from workshops.models import Attendance

pytestmark = pytest.mark.django_db


def test_merging_people_moves_attendance_positions_statements_and_signatures_to_the_kept_record(admin_user):
    keep = PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li")
    duplicate = PersonFactory(honorific="", given_name="Zhenyn", family_name="Li", name_local="李振云")
    shared, other = WorkshopFactory(), WorkshopFactory()
    AttendanceFactory(workshop=shared, person=keep)
    AttendanceFactory(workshop=shared, person=duplicate)
    AttendanceFactory(workshop=other, person=duplicate)
    PositionFactory(person=duplicate, title="Principal")
    StatementFactory(workshop=other, speaker=duplicate, text="Digitalisation first.")
    AgreementPartyFactory(signatory=duplicate)

    result = person_merge(keep=keep, duplicate=duplicate, user=admin_user)

    assert result.total_moved == 4
    assert list(Person.objects.values_list("pk", flat=True)) == [keep.pk]
    assert sorted(Attendance.objects.values_list("workshop_id", "person_id")) == sorted(
        [(shared.pk, keep.pk), (other.pk, keep.pk)]
    )
    assert list(keep.positions.values_list("title", flat=True)) == ["Principal"]
    assert list(keep.statements.values_list("text", flat=True)) == ["Digitalisation first."]
    assert keep.signed_agreements.count() == 1
    # The own-script name only the duplicate had is kept as the name in own script, not as another name.
    assert sorted(keep.aliases.values_list("name", flat=True)) == ["Zhenyn Li"]
    keep.refresh_from_db()
    assert (keep.honorific, keep.name_local) == ("Mr.", "李振云")
    moved_attendance = Attendance.objects.get(workshop=other)
    assert moved_attendance.history.latest().person_id == keep.pk


def test_merging_a_person_into_itself_is_refused_and_changes_nothing(admin_user):
    keep = PersonFactory()
    AttendanceFactory(person=keep)
    with pytest.raises(ValidationError) as refused:
        person_merge(keep=keep, duplicate=keep, user=admin_user)
    assert refused.value.messages == ["A record cannot be merged into itself."]
    assert Attendance.objects.get().person == keep


def test_merging_people_moves_the_actions_they_own_and_the_account_linked_to_the_duplicate(admin_user):
    from tests.factories import ActionItemFactory, UserFactory

    keep, duplicate = PersonFactory(given_name="Yutong", family_name="Liu"), PersonFactory(given_name="Yutong")
    action = ActionItemFactory(owner=duplicate)
    account = UserFactory(username="liu", person=duplicate)
    person_merge(keep=keep, duplicate=duplicate, user=admin_user)
    action.refresh_from_db()
    account.refresh_from_db()
    assert (action.owner, account.person) == (keep, keep)
