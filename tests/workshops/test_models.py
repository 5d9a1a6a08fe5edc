import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from tests.constraints import assert_refused
from tests.factories import (
    AgreementFactory,
    AttendanceFactory,
    OrganisationFactory,
    PersonFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)
from workshops.models import ActionItem, Attachment, Attendance, Outcome, Statement, Workshop, WorkshopOrganisation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2022, 1, 14)


def workshop(**fields):
    return Workshop(**{"title": "Bilateral workshop", "start_date": DAY, **fields})


def test_reported_attendance_is_not_negative():
    assert_refused(workshop(reported_attendance=-1), "Reported attendance cannot be negative.")


def test_a_workshop_does_not_end_on_an_earlier_day():
    assert_refused(workshop(end_date=DAY - datetime.timedelta(days=1)), "The workshop cannot end before it starts.")


def test_a_workshop_does_not_end_earlier_the_same_day():
    ws = workshop(end_date=DAY, start_time=datetime.time(10), end_time=datetime.time(9, 30))
    assert_refused(ws, "The workshop cannot end before it starts.")


def test_an_end_time_past_midnight_on_the_next_day_is_fine():
    workshop(
        end_date=DAY + datetime.timedelta(days=1), start_time=datetime.time(22), end_time=datetime.time(1)
    ).full_clean()


def test_an_end_time_needs_an_end_date():
    assert_refused(workshop(end_time=datetime.time(12)), "Give an end date with the end time.")


def test_a_workshop_needs_a_title():
    assert_refused(workshop(title=""), "This field cannot be blank.")


def test_the_time_zone_must_be_a_real_one():
    with pytest.raises(ValidationError) as excinfo:
        workshop(timezone="Mars/Olympus").full_clean()
    assert excinfo.value.messages == [
        "“Mars/Olympus” is not a time zone name such as Asia/Shanghai or Asia/Phnom_Penh."
    ]


def test_starts_at_is_aware_in_the_workshops_time_zone():
    ws = workshop(start_time=datetime.time(9, 30), timezone="Asia/Shanghai")
    assert ws.starts_at.isoformat() == "2022-01-14T09:30:00+08:00"
    assert workshop().starts_at is None


def test_an_organisation_is_listed_once_per_workshop():
    link = WorkshopOrganisationFactory()
    assert_refused(
        WorkshopOrganisation(
            workshop=link.workshop, organisation=link.organisation, role=WorkshopOrganisation.Role.PARTICIPANT
        ),
        "This organisation is already listed for this workshop.",
    )


def test_a_person_attends_a_workshop_once():
    attendance = AttendanceFactory()
    assert_refused(
        Attendance(workshop=attendance.workshop, person=attendance.person),
        "This person is already listed as attending this workshop.",
    )


def test_a_person_who_attended_cannot_be_deleted():
    attendance = AttendanceFactory()
    with pytest.raises(ProtectedError):
        attendance.person.delete()


def test_a_statement_has_words():
    assert_refused(
        Statement(workshop=WorkshopFactory(), speaker=PersonFactory(), text=""), "This field cannot be blank."
    )


def test_an_outcome_has_words():
    assert_refused(Outcome(workshop=WorkshopFactory(), text=""), "This field cannot be blank.")


def test_an_action_belongs_to_a_workshop_or_an_agreement():
    assert_refused(ActionItem(title="Draft it"), "An action item belongs to a workshop, an agreement or both.")
    ActionItem(title="Draft it", agreement=AgreementFactory()).full_clean()


def test_an_action_says_what_to_do():
    assert_refused(ActionItem(title="", workshop=WorkshopFactory()), "This field cannot be blank.")


def test_an_action_is_overdue_only_while_open():
    action = ActionItem(title="Draft", due_date=DAY, status=ActionItem.Status.OPEN)
    assert action.is_overdue(today=DAY + datetime.timedelta(days=1)) is True
    assert action.is_overdue(today=DAY) is False
    action.status = ActionItem.Status.DONE
    assert action.is_overdue(today=DAY + datetime.timedelta(days=1)) is False


def test_an_attachment_is_a_file_or_a_link():
    message = "Attach either a file or a link, not both and not neither."
    assert_refused(Attachment(workshop=WorkshopFactory(), title="Agenda"), message)
    both = Attachment(workshop=WorkshopFactory(), title="Agenda", url="https://example.org/a.pdf", file="a.pdf")
    assert_refused(both, message)


def test_involving_finds_workshops_by_link_and_by_attendee():
    org = OrganisationFactory()
    hosted = WorkshopOrganisationFactory(organisation=org).workshop
    attended = AttendanceFactory(organisation=org).workshop
    WorkshopFactory()
    assert set(Workshop.objects.involving(org)) == {hosted, attended}


def searched_titles(words):
    return list(Workshop.objects.search(words).order_by("title").values_list("title", flat=True))


def test_search_needs_every_word_in_the_title_or_the_other_title():
    WorkshopFactory(title="TVET cooperation workshop", other_title="职业教育合作研讨会", summary="Wuxi and Sihanouk")
    WorkshopFactory(title="Skills competition", other_title="", summary="")
    assert searched_titles("tvet 合作") == ["TVET cooperation workshop"]
    assert searched_titles("COOPERATION workshop") == ["TVET cooperation workshop"]
    assert searched_titles("wuxi") == []  # the summary is not a name; the site search reads it
    assert searched_titles("skills tvet") == []
