"""Anonymising a person: their name, e-mail and phone appear nowhere afterwards, at any door, for any role, while
the counts, the organisations and the agreement's signature date stay; the log says who, when and why, no name."""

import contextlib
import io

import openpyxl
import pytest
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementParty
from overview.feeds import FEEDS
from participants.models import Person
from privacy.models import ErasureLog
from privacy.services import history_models, person_anonymise
from tests.factories import (
    AttendanceFactory,
    PersonFactory,
    StatementFactory,
    UserFactory,
    WorkshopFactory,
)
from tests.privacy.conftest import EMAIL, PHONE, SIGNED_ON, TRACES
from tests.urls_catalogue import project_routes, url_for
from workshops.models import Statement, Workshop

pytestmark = pytest.mark.django_db


def _counts(workshop):
    workshop.refresh_from_db()
    return workshop.attendances.count(), workshop.reported_attendance, workshop.statements.count()


def _found(text):
    text = text.replace("\r\n ", "")  # an iCalendar line folded at 75 characters
    return [trace for trace in TRACES if trace.casefold() in text.casefold()]


def _content(response):
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return " ".join(
            str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row
        )
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _admin_urls(samath):
    urls = []
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
    for name in ("change", "history"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(f"admin:participants_person_{name}", args=[samath.pk]))
    return urls


def _pages(demo_ids, samath, reference_workshop):
    """Every page of the URL catalogue, each list export also as XLSX, the API's lists and records, the history
    pages, the calendar feeds, the site search for each trace, and the admin site's lists."""
    urls = []
    for route in project_routes():
        url = url_for(route, demo_ids)
        urls.append(url)
        if "fmt" in route.converters:
            urls.append(url.replace(".csv", ".xlsx"))
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    recent = Workshop.objects.get(title="Follow-up call")
    urls += [
        reverse("participants:detail", args=[samath.pk]),
        reverse("participants:history", args=[samath.pk]),
        reverse("workshops:detail", args=[recent.pk]),
        reverse("workshops:history", args=[recent.pk]),
        reverse("workshops:history", args=[reference_workshop.pk]),
        reverse("agreements:history", args=[agreement.pk]),
        reverse("api:person-detail", args=[samath.pk]),
        reverse("api:workshop-detail", args=[recent.pk]),
        reverse("api:agreementparty-list"),
        reverse("api:actionitem-list"),
        reverse("api:attendance-list"),
    ]
    token = demo_ids["calendar:feed.token"]
    urls += [reverse("calendar:feed", args=[token, name]) for name in FEEDS]
    return urls


def test_an_anonymised_person_appears_nowhere_while_counts_and_signature_date_stay(
    client, demo_ids, samath, reference_workshop
):
    recent = Workshop.objects.get(title="Follow-up call")
    counts = _counts(reference_workshop), _counts(recent)
    admin_user = UserFactory(username="privacy-admin", role="Admin", is_staff=True)
    client.force_login(admin_user)
    # The pages name him before: the crawl below would see it.
    before = _found(_content(client.get(samath.get_absolute_url())))
    assert before == ["Samath", "BOU Samath", "ប៊ូ សាម៉ាត", EMAIL, PHONE]
    feed = reverse("calendar:feed", args=[demo_ids["calendar:feed.token"], "workshops"])
    assert _found(_content(client.get(feed))) == ["Samath"]
    response = client.post(
        reverse("privacy:anonymise", args=[samath.pk]), {"reason": "Asked in writing on 2 December 2026"}
    )
    assert (response.status_code, response["Location"]) == (302, samath.get_absolute_url())

    samath.refresh_from_db()
    assert (samath.full_name, samath.email, samath.phone, samath.name_local, samath.notes) == (
        "Participant (PCCFPI)",
        "",
        "",
        "",
        "",
    )
    assert (_counts(reference_workshop), _counts(recent)) == counts
    party = AgreementParty.objects.get(signatory=samath)
    assert (party.signed_on, party.organisation.short_name, party.signatory_title) == (SIGNED_ON, "PCCFPI", "")
    assert list(Statement.objects.filter(workshop=recent).order_by("id").values_list("text", flat=True)) == [
        "We thank Participant (PCCFPI) for the visit.",
        "I, Participant (PCCFPI), will send the list.",
    ]
    recent.refresh_from_db()
    assert recent.minutes == (
        "Participant (PCCFPI) (Participant (PCCFPI), Participant (PCCFPI)) reported on the trainers. "
        "Participant (PCCFPI) will write. Corrected."
    )
    log = ErasureLog.objects.get()
    assert (log.person_id, log.erased_by, log.reason) == (samath.pk, admin_user, "Asked in writing on 2 December 2026")
    assert _found(" ".join(str(value) for value in log.__dict__.values())) == []
    # Every history table keeps one version of him: "Anonymised", by the admin.
    assert {
        model._meta.label_lower: model._base_manager.filter(**{field: samath.pk}).count()
        for model, field in history_models()
    } == {
        "participants.historicalperson": 1,
        "participants.historicalpersonalias": 0,
        "participants.historicalposition": 0,
        "workshops.historicalattendance": 0,
        "workshops.historicalstatement": 0,
        "workshops.historicalactionitem": 0,
        "agreements.historicalagreementparty": 0,
        "agreements.historicalagreement_contact_people": 0,
    }

    seen = {}
    for role in ["Coordinator", "Manager", "Admin"]:
        user = UserFactory(role=role, is_staff=role == "Admin")
        client.force_login(user)
        urls = _pages(demo_ids, samath, reference_workshop) + (_admin_urls(samath) if role == "Admin" else [])
        for url in urls:
            response = client.get(url)
            if response.status_code == 200:
                seen[url] = seen.get(url, []) + _found(_content(response))
    assert {url: found for url, found in seen.items() if found} == {}
    assert len(seen) > 100  # the pages were read, not refused

    # The searches show what was typed: they must find nobody by it.
    for trace in TRACES:
        search = client.get(reverse("search"), {"q": trace}).context["results"]
        # (An organisation may be found by the e-mail's domain, pccfpi.)
        counts = {kind: count for kind, (count, _records) in search.items() if kind != "organisations"}
        assert counts == dict.fromkeys(counts, 0), trace
        assert client.get(reverse("participants:list"), {"q": trace}).context["page"].paginator.count == 0
        assert client.get(reverse("api:person-list"), {"q": trace}).json()["results"] == []


def test_a_reason_is_needed_and_may_not_name_the_person(admin_client_with_role, samath):
    url = reverse("privacy:anonymise", args=[samath.pk])
    response = admin_client_with_role.post(url, {"reason": ""})
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    response = admin_client_with_role.post(url, {"reason": "Samath Bou asked on 2 December"})
    assert response.context["form"].errors == {
        "reason": ["The log keeps no name: write the reason without the person's name, e-mail or phone."]
    }
    assert (ErasureLog.objects.count(), Person.objects.get(pk=samath.pk).given_name) == (0, "Samath")


def test_a_person_who_signs_in_is_not_anonymised(admin_client_with_role, samath):
    UserFactory(username="samath", person=samath)
    response = admin_client_with_role.post(reverse("privacy:anonymise", args=[samath.pk]), {"reason": "asked"})
    assert response.context["refused"] == (
        "This person signs in as samath: close or unlink that user account first; an account holder is not "
        "anonymised from here."
    )
    with pytest.raises(CommandError) as refused:
        call_command("anonymise_person", str(samath.pk), "--reason", "asked")
    assert str(refused.value) == response.context["refused"]


@pytest.mark.parametrize("role", ["Coordinator", "Manager"])
def test_other_roles_may_not_anonymise(client, samath, role):
    client.force_login(UserFactory(role=role))
    response = client.post(reverse("privacy:anonymise", args=[samath.pk]), {"reason": "asked"})
    assert (response.status_code, Person.objects.get(pk=samath.pk).given_name) == (403, "Samath")


def test_the_command_anonymises_with_the_same_service(samath, capsys):
    call_command("anonymise_person", str(samath.pk), "--reason", "retired, asked to be forgotten")
    log = ErasureLog.objects.get()
    assert capsys.readouterr().out == f"Anonymised person #{samath.pk}; erasure log entry {log.entry}.\n"
    assert (Person.objects.get(pk=samath.pk).full_name, log.erased_by, log.reason) == (
        "Participant (PCCFPI)",
        None,
        "retired, asked to be forgotten",
    )


def test_the_command_says_when_there_is_no_such_person(db):
    with pytest.raises(CommandError) as refused:
        call_command("anonymise_person", "999999", "--reason", "asked")
    assert str(refused.value) == "No person #999999."


def test_a_person_with_no_organisation_becomes_participant(db):
    person = Person.objects.create(given_name="Lone", family_name="Visitor", email="lone@example.org")
    person_anonymise(person=person, user=None, reason="asked")
    person.refresh_from_db()
    assert (person.full_name, person.email, person.is_active) == ("Participant", "", False)


def test_a_workshop_he_has_no_part_in_is_searched_only_everywhere(samath):
    elsewhere = WorkshopFactory(title="Another meeting", minutes="Mr. Samath Bou sent his apologies.")
    person_anonymise(person=samath, user=None, reason="asked")
    elsewhere.refresh_from_db()
    assert elsewhere.minutes == "Mr. Samath Bou sent his apologies."


def test_the_command_searches_everywhere_when_asked(samath):
    elsewhere = WorkshopFactory(title="Another meeting", minutes="Mr. Samath Bou sent his apologies.")
    call_command("anonymise_person", str(samath.pk), "--reason", "asked", "--everywhere")
    elsewhere.refresh_from_db()
    assert (elsewhere.minutes, ErasureLog.objects.get().everywhere) == (
        "Participant (PCCFPI) sent his apologies.",
        True,
    )
    assert list(elsewhere.history.values_list("minutes", flat=True)) == ["Participant (PCCFPI) sent his apologies."]


def test_a_person_merged_into_him_goes_with_him(client, samath):
    from participants.services import person_merge

    admin_user = UserFactory(username="privacy-admin", role="Admin", is_staff=True)
    duplicate = Person.objects.create(given_name="Samath", family_name="BOUE", email="sbou@old.example")
    workshop = WorkshopFactory(title="An older visit")
    AttendanceFactory(workshop=workshop, person=duplicate)
    person_merge(keep=samath, duplicate=duplicate, user=admin_user)
    assert Person.history.filter(id=duplicate.pk).count() == 2

    person_anonymise(person=samath, user=admin_user, reason="asked")
    assert Person.history.filter(id=duplicate.pk).count() == 0
    client.force_login(admin_user)
    html = client.get(reverse("workshops:history", args=[workshop.pk])).content.decode()
    assert (_found(html), "sbou@old.example" in html, "BOUE" in html) == ([], False, False)


@pytest.mark.parametrize(
    ("basis", "statements_left"),
    [(Person.Basis.CONSENT, 0), (Person.Basis.LEGITIMATE_INTEREST, 1), (Person.Basis.CONTRACT, 1), ("", 1)],
)
def test_a_person_held_on_consent_takes_their_statements_with_them(db, basis, statements_left):
    speaker = PersonFactory(given_name="Dara", family_name="Sokhom", basis=basis)
    statement = StatementFactory(speaker=speaker, text="Our college will host the next visit.")
    StatementFactory(workshop=statement.workshop, text="We agree.")
    person_anonymise(person=speaker, user=None, reason="asked")
    assert (Statement.objects.filter(speaker=speaker).count(), Statement.objects.count()) == (
        statements_left,
        statements_left + 1,
    )


def test_an_anonymised_persons_page_says_so_and_names_them_in_no_shared_record(admin_client_with_role, samath):
    url = reverse("privacy:anonymise", args=[samath.pk])
    admin_client_with_role.post(url, {"reason": "Asked in writing on 2 December 2026"})
    today = timezone.localdate().isoformat()
    samath.refresh_from_db()
    assert (samath.may_be_named, Person.history.get(id=samath.pk).may_be_named) == (False, False)

    html = admin_client_with_role.get(samath.get_absolute_url()).content.decode()
    assert (
        f'<p class="alert alert-secondary person-anonymised">Anonymised on {today}. The erasure log keeps who did it '
        "and why, without the name.</p>"
    ) in html
    assert '<dd class="col-sm-9 person-named">Not named: shared records say “Participant (organisation)”</dd>' in html
    assert (url in html, reverse("privacy:export", args=[samath.pk]) in html) == (False, True)


def test_an_anonymised_person_is_not_anonymised_again(admin_client_with_role, samath):
    url = reverse("privacy:anonymise", args=[samath.pk])
    admin_client_with_role.post(url, {"reason": "Asked in writing on 2 December 2026"})
    refusal = f"This person was anonymised on {timezone.localdate().isoformat()}: nothing is left to erase."

    assert admin_client_with_role.get(url).context["refused"] == refusal
    response = admin_client_with_role.post(url, {"reason": "asked again"})
    assert (response.status_code, response.context["refused"]) == (200, refusal)
    with pytest.raises(CommandError) as refused:
        call_command("anonymise_person", str(samath.pk), "--reason", "asked again")
    assert (str(refused.value), ErasureLog.objects.count()) == (refusal, 1)


def test_the_anonymised_marker_is_shown_to_every_role_without_the_buttons(client, samath):
    person_anonymise(person=samath, user=None, reason="asked")
    client.force_login(UserFactory(role="Coordinator"))
    html = client.get(samath.get_absolute_url()).content.decode()
    assert ("person-anonymised" in html, "person-privacy-actions" in html) == (True, False)


def _admin_searches(client, trace):
    """{changelist: rows found} for each admin list with a search box, searched for `trace`."""
    found = {}
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url, {"q": trace})
        if response.status_code == 200:
            found[url] = response.context["cl"].result_count
    return found


def test_the_type_ahead_the_admin_search_and_his_other_workshops_exports_find_him_no_more(client, samath):
    recent = Workshop.objects.get(title="Follow-up call")
    admin_user = UserFactory(username="privacy-admin", role="Admin", is_staff=True)
    client.force_login(admin_user)
    match, person_list = reverse("participants:match"), reverse("admin:participants_person_changelist")
    exports = [
        reverse("workshops:attendance-export", args=[recent.pk, "csv"]),
        reverse("workshops:attendance-export", args=[recent.pk, "xlsx"]),
        reverse("workshops:detail", args=[recent.pk]),
        reverse("workshops:history", args=[recent.pk]),
        reverse("api:workshop-detail", args=[recent.pk]),
        f"{reverse('api:attendance-list')}?workshop={recent.pk}",
        f"{reverse('api:actionitem-list')}?workshop={recent.pk}",
    ]
    # Before, each door finds him: the checks below would see him.
    assert [r["id"] for r in client.get(match, {"q": "Samath Bou"}).json()["results"]] == [samath.pk]
    assert client.get(person_list, {"q": EMAIL}).context["cl"].result_count == 1
    assert _found(_content(client.get(exports[0]))) == ["Samath", "ប៊ូ សាម៉ាត"]

    person_anonymise(person=samath, user=admin_user, reason="asked in writing")
    for trace in TRACES:
        assert client.get(match, {"q": trace}).json()["results"] == [], trace
        searches = _admin_searches(client, trace)
        assert {url: count for url, count in searches.items() if count} == {}, trace
        assert len(searches) > 5
    found = {}
    for url in exports:
        response = client.get(url)
        found[url] = (response.status_code, _found(_content(response)))
    assert found == dict.fromkeys(exports, (200, []))
