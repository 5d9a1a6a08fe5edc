"""A backup taken before an erasure, restored after it: the person is anonymised again from the erasure log."""

import pytest
from django.core.management import call_command

from demo.reference import load_reference_workshop
from participants.models import Person
from privacy.models import ErasureLog
from privacy.services import person_anonymise
from tests.factories import UserFactory


def _empty_media_but_the_log(folder):
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and "erasures" not in path.parts:
            path.unlink()


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_before_an_erasure_comes_back_anonymised(settings, tmp_path):
    load_reference_workshop()
    samath = Person.objects.get(given_name="Samath")
    archive = tmp_path / "before.zip"
    call_command("backup", str(archive))

    admin = UserFactory(username="privacy-admin", role="Admin")
    person_anonymise(person=samath, user=admin, reason="asked in writing")
    log = ErasureLog.objects.get()

    call_command("flush", interactive=False, verbosity=0)
    _empty_media_but_the_log(settings.MEDIA_ROOT)
    call_command("restore", str(archive))

    restored = Person.objects.get(pk=samath.pk)
    assert (restored.full_name, restored.history.count()) == ("Participant (PCCFPI)", 1)
    assert Person.history.filter(given_name="Samath").count() == 0
    replayed = ErasureLog.objects.get()
    # The account that erased is gone with the flush: the log keeps its name.
    assert (replayed.entry, replayed.person_id, replayed.erased_at, replayed.erased_by_username, replayed.reason) == (
        log.entry,
        samath.pk,
        log.erased_at,
        "privacy-admin",
        "asked in writing",
    )


@pytest.mark.django_db(transaction=True)
def test_a_later_person_with_the_same_id_is_not_taken_for_the_erased_one(settings, tmp_path):
    person = Person.objects.create(given_name="Erased", family_name="Early")
    person_anonymise(person=person, user=None, reason="asked")
    archive = tmp_path / "empty.zip"
    call_command("flush", interactive=False, verbosity=0)
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(archive))
    other = Person.objects.create(pk=person.pk, given_name="Someone", family_name="Else")

    from privacy.services import erasures_replay

    assert (erasures_replay(), Person.objects.get(pk=other.pk).full_name) == (0, "Someone Else")
