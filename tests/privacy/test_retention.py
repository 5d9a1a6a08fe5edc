"""People with no activity for PARTNERSHIP_RETENTION_DAYS are anonymised by `apply_retention`."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from participants.models import Person
from privacy.models import ErasureLog
from privacy.services import people_past_retention
from tests.factories import ActionItemFactory, AttendanceFactory, PersonFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _years_ago(years):
    return timezone.now() - datetime.timedelta(days=365 * years)


@pytest.fixture
def people():
    """An old contact never seen since, one who attended a workshop last year, one who owns a recent action, one
    who signs in, all recorded six years ago."""
    idle = PersonFactory(given_name="Idle", family_name="Contact", email="idle@example.org")
    attended = PersonFactory(given_name="Recent", family_name="Attendee")
    AttendanceFactory(person=attended, workshop=WorkshopFactory(start_date=timezone.localdate().replace(day=1)))
    owner = PersonFactory(given_name="Action", family_name="Owner")
    ActionItemFactory(owner=owner)
    account = PersonFactory(given_name="Staff", family_name="Member")
    UserFactory(person=account)
    Person.objects.filter(pk__in=[idle.pk, attended.pk, owner.pk, account.pk]).update(
        created_at=_years_ago(6), updated_at=_years_ago(6)
    )
    return idle, attended, owner, account


def test_only_people_without_activity_in_the_period_are_due(people):
    idle, *_others = people
    assert list(people_past_retention(days=5 * 365).values_list("pk", flat=True)) == [idle.pk]


def test_a_dry_run_lists_and_changes_nothing(people, settings, capsys):
    idle, *_others = people
    settings.RETENTION_DAYS = 5 * 365
    call_command("apply_retention", "--dry-run")
    last = (timezone.localtime(_years_ago(6))).date()
    assert capsys.readouterr().out.splitlines() == [
        f"#{idle.pk}\tlast activity {last:%Y-%m-%d}",
        "1 people with no activity for 1825 days would be anonymised.",
    ]
    assert (Person.objects.get(pk=idle.pk).full_name, ErasureLog.objects.count()) == ("Idle Contact", 0)


def test_retention_anonymises_with_the_reason_retention(people, settings, capsys):
    idle, *_others = people
    settings.RETENTION_DAYS = 5 * 365
    call_command("apply_retention")
    assert capsys.readouterr().out.splitlines()[-1] == "1 people with no activity for 1825 days anonymised."
    idle.refresh_from_db()
    assert (idle.full_name, idle.email) == ("Participant", "")
    assert list(ErasureLog.objects.values_list("person_id", "reason", "erased_by")) == [(idle.pk, "retention", None)]
    # Erased once: the next run finds nobody.
    assert list(people_past_retention(days=5 * 365)) == []


def test_retention_is_off_until_a_period_is_set(people, settings, capsys):
    settings.RETENTION_DAYS = 0
    call_command("apply_retention")
    assert capsys.readouterr().out == ("Retention is off (PARTNERSHIP_RETENTION_DAYS is not set): nobody anonymised.\n")
