import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from agreements.models import Agreement, AgreementParty
from demo.generate import generate
from institutes.models import Organisation, OrganisationAlias
from participants.models import Person
from workshops.models import Attendance, Workshop, WorkshopOrganisation

TODAY = datetime.date(2026, 11, 27)
SEED_42_FINGERPRINT = "490452ea4d7cc1690b9a4aa3487a242438d9a304aa9419366f512b193fee65d3"


def _sorted(values):
    return sorted(repr(v) for v in values)


def fingerprint():
    """A digest of the generated data by natural values (no ids, no timestamps), stable across databases."""
    rows = []
    rows += _sorted(
        Organisation.objects.values_list("name", "short_name", "name_local", "kind", "country", "city__name")
    )
    rows += _sorted(OrganisationAlias.objects.values_list("name", "organisation__name"))
    rows += _sorted(Person.objects.values_list("email", "given_name", "family_name", "name_local", "name_order"))
    rows += _sorted(
        Workshop.objects.values_list("title", "start_date", "status", "kind", "format", "timezone", "programme__name")
    )
    rows += _sorted(
        Attendance.objects.values_list("workshop__title", "workshop__start_date", "person__email", "order", "role")
    )
    rows += _sorted(Agreement.objects.values_list("title", "status", "kind", "proposed_on", "signed_on", "expires_on"))
    rows += _sorted(AgreementParty.objects.values_list("agreement__title", "organisation__name", "signatory__email"))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_generating_300_workshops_creates_exact_counts(db):
    counts = generate(workshops=300, seed=7, today=TODAY)

    assert counts == {
        "agreements.Agreement": 6,
        "agreements.AgreementParty": 12,
        "agreements.AgreementStatusChange": 11,
        "agreements.Agreement_origin_workshops": 6,
        "institutes.City": 51,
        "institutes.Organisation": 4,
        "institutes.OrganisationAlias": 4,
        "participants.Person": 42,
        "participants.Position": 42,
        "workshops.ActionItem": 321,
        "workshops.Attendance": 2974,
        "workshops.Outcome": 438,
        "workshops.Programme": 6,
        "workshops.Statement": 561,
        "workshops.Topic": 24,
        "workshops.Workshop": 300,
        "workshops.WorkshopOrganisation": 659,
        "workshops.Workshop_topics": 600,
    }
    assert Workshop.objects.count() == 300
    assert Attendance.objects.count() == 2974


def test_generated_rows_have_their_history_rows(db):
    generate(workshops=50, seed=3, today=TODAY)

    for model in (Organisation, Person, Workshop, WorkshopOrganisation, Attendance, Agreement, AgreementParty):
        assert model.history.filter(history_type="+").count() == model.objects.count() > 0
        assert model.history.filter(history_change_reason="generate_data").count() == model.objects.count()


def test_agreements_are_in_every_state_and_workshops_span_fifteen_years(db):
    generate(workshops=500, seed=1, today=TODAY)

    assert set(Agreement.objects.values_list("status", flat=True)) == set(Agreement.Status.values)
    years = set(Workshop.objects.values_list("start_date__year", flat=True))
    assert min(years) == 2012
    assert max(years) == 2026
    assert Workshop.objects.with_status(Workshop.Status.PLANNED, today=TODAY).filter(start_date__lt=TODAY).count() == 0
    assert set(Workshop.objects.values_list("status", flat=True)) == {"", "cancelled"}  # only these chosen
    assert Person.objects.filter(name_local__regex=r"[\u4e00-\u9fff]").exists()  # Chinese script
    assert Person.objects.filter(name_local__regex=r"[\u1780-\u17ff]").exists()  # Khmer script
    assert Person.objects.exclude(country__in=["CN", "KH"]).filter(name_local="").exists()  # Latin only


def test_the_same_seed_gives_the_same_data_on_every_database(db):
    generate(workshops=200, seed=42, today=TODAY)

    # The same digest on SQLite and PostgreSQL: generation depends only on the seed and the day.
    assert fingerprint() == SEED_42_FINGERPRINT


def test_another_seed_gives_other_data(db):
    generate(workshops=200, seed=43, today=TODAY)

    assert fingerprint() != SEED_42_FINGERPRINT


def test_the_command_prints_what_it_created(db):
    out = StringIO()

    call_command("generate_data", "--workshops", "20", "--seed", "5", stdout=out)

    assert "workshops.Workshop: 20\n" in out.getvalue()
    assert Workshop.objects.count() == 20


def test_the_command_refuses_zero_workshops(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate_data", "--workshops", "0")


def test_the_same_seed_twice_gives_identical_rows(db):
    """Run, read every generated row back, undo; run again: the same rows, history rows included (ids aside)."""

    def run():
        with transaction.atomic():
            counts = generate(workshops=30, seed=9, today=TODAY)
            rows = (
                fingerprint(),
                _sorted(Workshop.history.values_list("title", "start_date", "history_type", "history_change_reason")),
                _sorted(Attendance.history.values_list("title", "order", "role", "history_type")),
            )
            transaction.set_rollback(True)
        return counts, rows

    first = run()

    assert run() == first
    assert first[0]["workshops.Workshop"] == 30
    assert len(first[1][2]) == first[0]["workshops.Attendance"] > 0


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the COPY writer thread and the parallel index builds are PostgreSQL's"
)
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_copy_thread_writes_the_same_data_and_rebuilds_every_index():
    """The command's path: rows streamed by a second connection, indexes rebuilt two at a time."""
    with connection.cursor() as cursor:
        cursor.execute(INDEXES_OF_BIG_TABLES)
        indexes_before = cursor.fetchall()

    counts = generate(workshops=200, seed=42, today=TODAY)

    assert fingerprint() == SEED_42_FINGERPRINT
    assert counts["workshops.Workshop"] == Workshop.objects.count() == 200
    assert Workshop.history.filter(history_type="+").count() == 200
    assert Attendance.history.count() == Attendance.objects.count() == counts["workshops.Attendance"]
    with connection.cursor() as cursor:
        cursor.execute(INDEXES_OF_BIG_TABLES)
        assert cursor.fetchall() == indexes_before
        cursor.execute("SHOW session_replication_role")
        assert cursor.fetchone() == ("origin",)


INDEXES_OF_BIG_TABLES = """
    SELECT t.relname, i.relname, pg_get_indexdef(i.oid) FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname LIKE 'workshops_%' ORDER BY 1, 2
"""
