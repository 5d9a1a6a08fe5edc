"""A person's own export holds every row of every table that refers to them, the history included."""

import json

import pytest
from django.apps import apps
from django.urls import reverse

from participants.models import Person
from privacy.export import person_export
from tests.factories import ActionItemFactory, AgreementPartyFactory, UserFactory
from workshops.models import MeetingRecordSending

pytestmark = pytest.mark.django_db


def _samath(reference_workshop):
    samath = Person.objects.get(given_name="Samath")
    samath.email, samath.phone = "samath.bou@pccfpi.example", "+855 12 345 678"
    samath.save()
    ActionItemFactory(owner=samath, workshop=reference_workshop, title="Send the list of trainers")
    AgreementPartyFactory(signatory=samath, signatory_title="Principal", signed_on="2025-10-13")
    sending = MeetingRecordSending.objects.create(
        workshop=reference_workshop, revision=1, addresses=samath.email, message="The record"
    )
    sending.recipients.add(samath)
    return samath


def _database_scan(person):
    """{table: sorted primary keys} of every row with a foreign key to the person, found by walking every model
    (history tables and many-to-many tables included), as the export is meant to find them."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Person:
                keys = model._base_manager.filter(**{field.name: person.pk}).values_list(
                    model._meta.pk.attname, flat=True
                )
                if keys:
                    found.setdefault(model._meta.label_lower, set()).update(keys)
    history = Person.history.model
    found[history._meta.label_lower] = set(history.objects.filter(id=person.pk).values_list("history_id", flat=True))
    return {label: sorted(keys) for label, keys in found.items()}


def _exported_keys(data):
    keys = {}
    for label, rows in data["tables"].items():
        model = apps.get_model(label)
        keys[label] = sorted(row[model._meta.pk.attname] for row in rows)
    return keys


def test_the_export_holds_every_row_a_database_scan_finds(reference_workshop):
    samath = _samath(reference_workshop)
    scan = _database_scan(samath)
    exported = _exported_keys(person_export(samath))
    # The many-to-many link is exported with the sending it links to.
    sendings = sorted(MeetingRecordSending.objects.filter(recipients=samath).values_list("pk", flat=True))
    assert exported == {**scan, "workshops.meetingrecordsending": sendings}
    assert sorted(scan) == [
        "agreements.agreementparty",
        "agreements.historicalagreementparty",
        "participants.historicalperson",
        "participants.historicalposition",
        "participants.position",
        "workshops.actionitem",
        "workshops.attendance",
        "workshops.historicalactionitem",
        "workshops.historicalattendance",
        "workshops.historicalstatement",
        "workshops.meetingrecordsending_recipients",
        "workshops.statement",
    ]


def test_the_export_gives_the_record_with_its_contacts_and_every_version(reference_workshop):
    samath = _samath(reference_workshop)
    data = person_export(samath)
    assert (data["person"]["email"], data["person"]["phone"]) == ("samath.bou@pccfpi.example", "+855 12 345 678")
    assert [row["email"] for row in data["tables"]["participants.historicalperson"]] == [
        "",
        "samath.bou@pccfpi.example",
    ]


def test_the_export_never_holds_a_password_or_a_feed_token(reference_workshop):
    samath = _samath(reference_workshop)
    UserFactory(username="samath", person=samath)
    rows = person_export(samath)["tables"]["accounts.user"]
    assert [sorted(key for key in row if key in {"password", "calendar_token", "username"}) for row in rows] == [
        ["username"]
    ]


def test_an_admin_downloads_the_export_as_json(admin_client_with_role, reference_workshop):
    samath = _samath(reference_workshop)
    response = admin_client_with_role.get(reverse("privacy:export-json", args=[samath.pk]))
    assert (response.status_code, response["Content-Disposition"]) == (
        200,
        f'attachment; filename="person-{samath.pk}.json"',
    )
    data = json.loads(response.content)
    assert (data["person"]["given_name"], data["person"]["country"]) == ("Samath", samath.country.code)
    assert len(data["tables"]["workshops.actionitem"]) == 1


def test_the_readable_export_shows_each_table_with_its_rows(admin_client_with_role, reference_workshop):
    samath = _samath(reference_workshop)
    response = admin_client_with_role.get(reverse("privacy:export", args=[samath.pk]))
    sections = [(section.label, len(section.rows)) for section in response.context["sections"]]
    assert sections[:2] == [("participants.person", 1), ("agreements.agreementparty", 1)]
    assert dict(sections) == {
        "participants.person": 1,
        "agreements.agreementparty": 1,
        "agreements.historicalagreementparty": 1,
        "participants.historicalperson": 2,
        "participants.historicalposition": 1,
        "participants.position": 1,
        "workshops.actionitem": 1,
        "workshops.attendance": 1,
        "workshops.historicalactionitem": 1,
        "workshops.historicalattendance": 1,
        "workshops.historicalstatement": 1,
        "workshops.meetingrecordsending": 1,
        "workshops.meetingrecordsending_recipients": 1,
        "workshops.statement": 1,
    }
    html = response.content.decode()
    assert "Send the list of trainers" in html
    assert "Earlier versions: people" in html


def test_the_export_is_read_in_a_fixed_number_of_queries(
    admin_client_with_role, reference_workshop, django_assert_max_num_queries
):
    samath = _samath(reference_workshop)
    with django_assert_max_num_queries(40):
        admin_client_with_role.get(reverse("privacy:export", args=[samath.pk]))


@pytest.mark.parametrize("role", ["Coordinator", "Manager"])
def test_other_roles_may_not_export_a_person(client, reference_workshop, role):
    samath = _samath(reference_workshop)
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("privacy:export-json", args=[samath.pk])).status_code == 403


def test_the_person_page_offers_export_and_anonymise_to_admins_only(client, reference_workshop):
    samath = Person.objects.get(given_name="Samath")
    client.force_login(UserFactory(role="Admin"))
    html = client.get(samath.get_absolute_url()).content.decode()
    assert (
        f'href="/privacy/people/{samath.pk}/export/"' in html,
        f'href="/privacy/people/{samath.pk}/anonymise/"' in html,
    ) == (True, True)
    client.force_login(UserFactory(role="Coordinator"))
    html = client.get(samath.get_absolute_url()).content.decode()
    assert "/privacy/people/" not in html


def test_each_export_is_written_to_the_security_log_by_id(admin_client_with_role, reference_workshop, caplog):
    samath = Person.objects.get(given_name="Samath")
    with caplog.at_level("INFO", logger="common.security"):
        admin_client_with_role.get(reverse("privacy:export-json", args=[samath.pk]))
    assert [r.getMessage() for r in caplog.records if "personal data" in r.getMessage()] == [
        f"personal data export-json person={samath.pk} user=admin ip=127.0.0.1"
    ]


@pytest.mark.parametrize(
    ("name_order", "shown"), [("given_first", "Given name first"), ("family_first", "Family name first")]
)
def test_the_readable_export_names_the_name_order_without_another_persons_name(
    admin_client_with_role, reference_workshop, name_order, shown
):
    samath = _samath(reference_workshop)
    samath.name_order = name_order
    samath.save()
    response = admin_client_with_role.get(reverse("privacy:export", args=[samath.pk]))
    sections = {section.label: section for section in response.context["sections"]}
    person, versions = sections["participants.person"], sections["participants.historicalperson"]
    column = person.headings.index("name order")
    assert (person.rows[0][column], versions.rows[-1][versions.headings.index("name order")]) == (shown, shown)
    assert "Zhenyun" not in response.content.decode()


def test_the_person_form_still_shows_the_name_order_with_an_example(admin_client_with_role, reference_workshop):
    samath = Person.objects.get(given_name="Samath")
    form = admin_client_with_role.get(reverse("participants:edit", args=[samath.pk])).context["form"]
    assert list(form.fields["name_order"].choices) == [
        ("given_first", "Given name first (Zhenyun Li)"),
        ("family_first", "Family name first (Li Zhenyun)"),
    ]
