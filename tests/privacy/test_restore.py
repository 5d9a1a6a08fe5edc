"""A backup taken before an erasure, restored after it: the person is anonymised again from the erasure log."""

from functools import reduce
from operator import or_

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import Q

from demo.reference import load_reference_workshop
from participants.models import Person
from privacy.models import ErasureLog
from privacy.services import person_anonymise
from tests.factories import UserFactory
from workshops.models import Workshop

EMAIL, PHONE = "samath.bou@pccfpi.example", "+855 12 345 678"


def _holding(*values):
    """{table: rows} of every table, history included, with a text field holding any of `values`."""
    found = {}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        if not fields:
            continue
        condition = reduce(or_, (Q(**{f"{field}__contains": value}) for field in fields for value in values))
        count = model._base_manager.filter(condition).count()
        if count:
            found[model._meta.label_lower] = count
    return found


def _empty_media_but_the_log(folder):
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and "erasures" not in path.parts:
            path.unlink()


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_before_an_erasure_comes_back_anonymised(settings, tmp_path):
    load_reference_workshop()
    samath = Person.objects.get(given_name="Samath")
    samath.email, samath.phone = EMAIL, PHONE
    samath.save()
    samath.email = EMAIL.upper()
    samath.save()
    workshop = Workshop.objects.get(attendances__person=samath)
    workshop.minutes += f" Mr. Samath Bou ({EMAIL}, {PHONE}) will send the list."
    workshop.save()
    assert _holding(EMAIL, PHONE, EMAIL.upper()) == {
        "participants.person": 1,
        "participants.historicalperson": 2,
        "workshops.workshop": 1,
        "workshops.historicalworkshop": 1,
    }
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
    # His e-mail and phone, in any case, are gone from the record, its versions and every text that held them.
    assert (restored.email, restored.phone, restored.history.get().email, restored.history.get().phone) == (
        "",
        "",
        "",
        "",
    )
    assert _holding(EMAIL, PHONE, EMAIL.upper()) == {}
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
