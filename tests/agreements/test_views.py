import datetime
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services
from agreements.models import Agreement, AgreementParty
from participants.models import Person
from tests.factories import AgreementFactory, AgreementPartyFactory, PersonFactory, person_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_day():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def framework(reference_workshop):
    return Agreement.objects.get(origin_workshops=reference_workshop)


def _parties_data(agreement, **changes):
    parties = list(agreement.parties.order_by("id"))
    data = {"parties-TOTAL_FORMS": len(parties), "parties-INITIAL_FORMS": len(parties), "parties-MAX_NUM_FORMS": 50}
    for i, party in enumerate(parties):
        data.update(
            {
                f"parties-{i}-id": party.pk,
                f"parties-{i}-organisation": party.organisation_id,
                f"parties-{i}-role": party.role,
                f"parties-{i}-signatory": "",
                f"parties-{i}-signatory_title": "",
                f"parties-{i}-signed_on": "",
            }
        )
        for key, value in changes.get(party.organisation.short_name, {}).items():
            data[f"parties-{i}-{key}"] = value
    return data


def test_a_refused_transition_explains_why_and_keeps_the_comment(manager_client, framework):
    url = reverse("agreements:transition", args=[framework.pk, "start_negotiation"])
    assert manager_client.post(url, {"comment": "Draft circulated"}).status_code == 302
    url = reverse("agreements:transition", args=[framework.pk, "sign"])
    response = manager_client.post(url, {"comment": "Signed at the ceremony in Wuxi"})
    assert response.status_code == 409
    assert response.context["refusal"] == "Record the signatory and signing date of: WIT, PCCFPI, SSEZ."
    assert response.context["form"]["comment"].value() == "Signed at the ceremony in Wuxi"
    framework.refresh_from_db()
    assert framework.status == Agreement.Status.NEGOTIATION


def test_an_unknown_transition_is_404(manager_client, framework):
    assert manager_client.get(reverse("agreements:transition", args=[framework.pk, "teleport"])).status_code == 404


def test_signatories_are_recorded_then_the_agreement_is_signed(manager_client, framework):
    people = {p.given_name: p for p in Person.objects.all()}
    signed = {"signed_on": "2022-09-01"}
    data = _parties_data(
        framework,
        WIT={"signatory": people["Zhenyun"].pk, "signatory_title": "Principal", **signed},
        PCCFPI={"signatory": people["Samath"].pk, "signatory_title": "Principal", **signed},
        SSEZ={"signatory": people["Jianjiang"].pk, "signatory_title": "General Manager", **signed},
    )
    response = manager_client.post(reverse("agreements:parties", args=[framework.pk]), data)
    assert response.status_code == 302
    response = manager_client.post(reverse("agreements:transition", args=[framework.pk, "sign"]), {"comment": ""})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.status, framework.signed_on) == (Agreement.Status.SIGNED, datetime.date(2022, 9, 1))
    party = framework.parties.get(organisation__short_name="WIT")
    # By id, not date: this test runs on a frozen clock, after the demo rows were written on the real one.
    assert party.history.order_by("history_id").last().history_user.username == "manager"


def test_a_signing_date_without_signatory_is_explained_next_to_the_party(manager_client, framework):
    data = _parties_data(framework, WIT={"signed_on": "2022-09-01"})
    response = manager_client.post(reverse("agreements:parties", args=[framework.pk]), data)
    assert response.status_code == 200
    errors = [form.errors for form in response.context["formset"].forms if form.errors]
    assert errors == [{"__all__": ["A signing date needs a signatory."]}]
    assert not framework.parties.exclude(signed_on=None).exists()


def test_the_parties_of_a_signed_agreement_are_frozen(manager_client):
    agreement = AgreementFactory(status=Agreement.Status.SIGNED)
    party = AgreementPartyFactory(agreement=agreement)
    url = reverse("agreements:parties", args=[agreement.pk])
    assert manager_client.get(url).context["frozen"] is True
    response = manager_client.post(url, _parties_data(agreement))
    assert response.status_code == 403
    assert AgreementParty.objects.get(pk=party.pk).organisation_id == party.organisation_id


def test_the_edit_form_of_a_signed_agreement_only_changes_the_summary(manager_client):
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, title="MoU WIT–PCCFPI")
    url = reverse("agreements:edit", args=[agreement.pk])
    version = manager_client.get(url).context["form"]["version"].value()
    response = manager_client.post(
        url, {"title": "Changed", "kind": "other", "summary": "Now in force", "version": version}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.kind, agreement.summary) == ("MoU WIT–PCCFPI", "mou", "Now in force")


def test_an_amendment_extends_a_signed_agreement(manager_client):
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, expires_on=datetime.date(2027, 1, 1))
    response = manager_client.post(
        reverse("agreements:amend", args=[agreement.pk]),
        {"title": "Extension to 2030", "description": "", "signed_on": "2026-11-20", "new_expiry": "2030-12-31"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.expires_on == datetime.date(2030, 12, 31)
    assert agreement.amendments.get().title == "Extension to 2030"
    assert agreement.history.latest().history_change_reason == "Amendment: Extension to 2030"


def test_a_renewal_links_to_its_predecessor_with_the_same_parties(manager_client):
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, title="MoU")
    AgreementPartyFactory(agreement=agreement, signatory=PersonFactory(), signed_on=datetime.date(2020, 1, 1))
    AgreementPartyFactory(agreement=agreement, role=AgreementParty.Role.WITNESS)
    response = manager_client.post(reverse("agreements:renew", args=[agreement.pk]))
    renewal = Agreement.objects.get(renews=agreement)
    assert response["Location"] == reverse("agreements:edit", args=[renewal.pk])
    assert (renewal.title, renewal.status) == ("MoU (renewal)", Agreement.Status.DRAFTING)
    assert sorted(renewal.parties.values_list("role", "signatory", "signed_on")) == [
        ("party", None, None),
        ("witness", None, None),
    ]


def _from_decision_data(response, **changes):
    """What the from-decision form posts back as proposed, with `changes` (field name → value) applied; a value of
    None leaves the field out, as an unticked box is."""
    form = response.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return {name: value for name, value in data.items() if value not in (None, False)}


def test_the_decision_proposes_a_title_parties_and_a_scope_note(manager_client, reference_workshop):
    decision = reference_workshop.outcomes.get(kind="decision")
    response = manager_client.get(reverse("agreements:from-decision", args=[decision.pk]))
    form = response.context["form"]
    assert [form[name].value() for name in ("title", "kind", "scope", "summary")] == [
        "Framework agreement between WIT, PCCFPI and SSEZ",
        "framework",
        "multilateral",
        decision.text,
    ]
    assert [(o.short_name, take.value(), role.value()) for o, take, role in form.party_rows] == [
        ("WIT", True, "party"),
        ("PCCFPI", True, "party"),
        ("SSEZ", True, "party"),
        ("ILO", True, "facilitator"),
        ("MOHRSS", False, "witness"),
        ("Wuxi HRSS Bureau", False, "witness"),
    ]
    assert [field.label for field in form] == [
        "Title",
        "Kind",
        "Scope",
        "Scope note",
        *[f for o, _t, _r in form.party_rows for f in (o.name, f"Role of {o.label}")],
        "Yes, make another agreement from this decision",
    ]


def test_starting_from_the_decision_keeps_the_choices_its_origin_and_the_workshops_actions(
    manager_client, reference_workshop
):
    decision = reference_workshop.outcomes.get(kind="decision")
    url = reverse("agreements:from-decision", args=[decision.pk])
    orgs = {o.short_name: o.pk for o in reference_workshop.organisations.all()}
    data = _from_decision_data(
        manager_client.get(url),
        kind="mou",
        scope="bilateral",
        title="Memorandum of understanding between WIT and PCCFPI",
        confirm_another="on",
        **{f"take_{orgs['SSEZ']}": None, f"take_{orgs['MOHRSS']}": "on", f"role_{orgs['MOHRSS']}": "witness"},
    )
    response = manager_client.post(url, data)
    agreement = Agreement.objects.get(title="Memorandum of understanding between WIT and PCCFPI")
    assert response["Location"] == agreement.get_absolute_url()
    assert (agreement.kind, agreement.scope, agreement.status, agreement.summary) == (
        "mou",
        "bilateral",
        "proposed",
        decision.text,
    )
    assert (agreement.proposed_on, agreement.status_since) == (datetime.date(2022, 1, 14), datetime.date(2022, 1, 14))
    assert list(agreement.origin_outcomes.all()) == [decision]
    assert list(agreement.parties.order_by("id").values_list("organisation__short_name", "role")) == [
        ("WIT", "party"),
        ("PCCFPI", "party"),
        ("ILO", "facilitator"),
        ("MOHRSS", "witness"),
    ]
    # The action already serving the demo agreement keeps it; the workshop's other open actions now serve this one.
    assert list(reference_workshop.action_items.order_by("id").values_list("agreement__title", flat=True)) == [
        "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd.",
        "Memorandum of understanding between WIT and PCCFPI",
        "Memorandum of understanding between WIT and PCCFPI",
    ]


def test_an_agreement_without_a_party_is_not_started(manager_client, reference_workshop):
    decision = reference_workshop.outcomes.get(kind="decision")
    url = reverse("agreements:from-decision", args=[decision.pk])
    orgs = {o.short_name: o.pk for o in reference_workshop.organisations.all()}
    data = _from_decision_data(manager_client.get(url), **{f"take_{orgs[s]}": None for s in ("WIT", "PCCFPI", "SSEZ")})
    response = manager_client.post(url, data)
    assert response.context["form"].non_field_errors() == ["Tick at least one organisation as a party."]
    assert Agreement.objects.count() == 1


def test_the_agreement_page_lists_the_actions_that_serve_it(manager_client, reference_workshop, manager):
    decision = reference_workshop.outcomes.get(kind="decision")
    actions = reference_workshop.action_items.order_by("id")
    actions.filter(pk=actions[1].pk).update(owner=person_of(manager), due_date=datetime.date(2022, 3, 31))
    agreement = services.agreement_start_from_decision(outcome=decision, user=manager, confirm_another=True)
    response = manager_client.get(agreement.get_absolute_url())
    section = response.content.decode().split('id="agreement-actions-heading"')[1].split("</section>")[0]
    rows = [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in section.split("<tr>")[2:]]
    assert rows == [
        [
            "Hold technical-level discussions on the details of the cooperation · 2022-01-14",
            "manager",
            "2022-03-31",
            "Open",
        ],
        [
            "Plan the exchange of vocational training curricula and of trainers and trainees · 2022-01-14",
            "—",
            "—",
            "Open",
        ],
    ]
    workshop_page = manager_client.get(reference_workshop.get_absolute_url()).content.decode()
    assert workshop_page.count(f'<a href="{agreement.get_absolute_url()}">{agreement.title}</a>') == 3


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def _timeline(response):
    section = response.content.decode().split('id="timeline-heading"')[1].split("</section>")[0]
    return [_text(item) for item in section.split("<li>")[1:]]


def test_a_signing_recorded_years_later_has_a_truthful_timeline(manager_client, framework):
    people = {p.given_name: p for p in Person.objects.all()}
    url = reverse("agreements:transition", args=[framework.pk, "start_negotiation"])
    assert manager_client.post(url, {"occurred_on": "2022-05-02", "comment": "Draft sent"}).status_code == 302
    data = _parties_data(
        framework,
        WIT={"signatory": people["Zhenyun"].pk, "signed_on": "2022-09-01"},
        PCCFPI={"signatory": people["Samath"].pk, "signed_on": "2022-09-05"},
        SSEZ={"signatory": people["Jianjiang"].pk, "signed_on": "2022-09-03"},
    )
    assert manager_client.post(reverse("agreements:parties", args=[framework.pk]), data).status_code == 302
    sign = reverse("agreements:transition", args=[framework.pk, "sign"])
    # The date offered is the day the last party signed.
    assert manager_client.get(sign).context["form"]["occurred_on"].value() == datetime.date(2022, 9, 5)
    assert manager_client.post(sign, {"occurred_on": "2022-09-05"}).status_code == 302
    framework.refresh_from_db()
    assert (framework.signed_on, framework.status_since) == (datetime.date(2022, 9, 5), datetime.date(2022, 9, 5))
    assert _timeline(manager_client.get(framework.get_absolute_url())) == [
        "2022-01-14: Drafting — Decided at the workshop of 2022-01-14: the parties will draft the agreement. "
        "(recorded 2022-01-14)",
        "2022-05-02: Drafting → Negotiation — Draft sent (recorded 2026-11-26 by manager)",
        "2022-09-05: Negotiation → Signed (recorded 2026-11-26 by manager)",
    ]


@pytest.mark.parametrize(
    "occurred_on, refusal",
    [
        ("2026-11-27", "The date it happened, 2026-11-27, is in the future: record a step once it has happened."),
        ("2021-12-31", "The date it happened, 2021-12-31, is before the previous step, on 2022-01-14."),
    ],
)
def test_the_transition_page_refuses_a_date_in_the_future_or_before_the_previous_step(
    manager_client, framework, occurred_on, refusal
):
    url = reverse("agreements:transition", args=[framework.pk, "start_negotiation"])
    response = manager_client.post(url, {"occurred_on": occurred_on})
    assert (response.status_code, response.context["refusal"]) == (409, refusal)
    framework.refresh_from_db()
    assert (framework.status, framework.status_changes.count()) == ("drafting", 1)


def test_a_signing_cannot_be_dated_before_the_last_signature(manager_client, framework):
    people = {p.given_name: p for p in Person.objects.all()}
    data = _parties_data(
        framework,
        WIT={"signatory": people["Zhenyun"].pk, "signed_on": "2022-09-01"},
        PCCFPI={"signatory": people["Samath"].pk, "signed_on": "2022-09-05"},
        SSEZ={"signatory": people["Jianjiang"].pk, "signed_on": "2022-09-03"},
    )
    manager_client.post(reverse("agreements:parties", args=[framework.pk]), data)
    response = manager_client.post(
        reverse("agreements:transition", args=[framework.pk, "sign"]), {"occurred_on": "2022-09-02"}
    )
    assert (
        response.context["refusal"]
        == "The last party signed on 2022-09-05: the agreement cannot be signed before that."
    )


def test_a_refused_signing_links_to_the_missing_facts(manager_client, framework):
    people = {p.given_name: p for p in Person.objects.all()}
    data = _parties_data(framework, WIT={"signatory": people["Zhenyun"].pk, "signed_on": "2022-09-01"})
    assert manager_client.post(reverse("agreements:parties", args=[framework.pk]), data).status_code == 302
    response = manager_client.post(reverse("agreements:transition", args=[framework.pk, "sign"]), {})
    assert response.context["refusal"] == "Record the signatory and signing date of: PCCFPI, SSEZ."
    missing = [framework.parties.get(organisation__short_name=s).pk for s in ("PCCFPI", "SSEZ")]
    url = f"{reverse('agreements:parties', args=[framework.pk])}?missing={missing[0]},{missing[1]}"
    assert response.context["refusal_url"] == url
    assert f'href="{url}"' in response.content.decode()
    page = manager_client.get(url)
    marked = {
        form.instance.organisation.short_name: form.errors for form in page.context["formset"].forms if form.errors
    }
    assert marked == {
        "PCCFPI": {
            "signatory": ["Record who signed for this party."],
            "signed_on": ["Record the day this party signed."],
        },
        "SSEZ": {
            "signatory": ["Record who signed for this party."],
            "signed_on": ["Record the day this party signed."],
        },
    }
    assert page.content.decode().count("is-invalid") == 4


def test_the_signatory_choice_lists_the_partys_own_people_first(manager_client, framework):
    page = manager_client.get(reverse("agreements:parties", args=[framework.pk]))
    form = next(f for f in page.context["formset"].forms if f.instance.organisation.short_name == "PCCFPI")
    choices = form.fields["signatory"].choices
    assert choices[1] == ("People at PCCFPI", [(Person.objects.get(given_name="Samath").pk, "Samath Bou")])
    assert choices[2][0] == "Everyone else"
    assert len(choices[2][1]) == Person.objects.count() - 1


def test_a_document_must_really_be_a_pdf_docx_or_odt(manager_client, framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("agreements:document-upload", args=[framework.pk])
    fake = SimpleUploadedFile("draft.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = manager_client.post(url, {"file": fake, "version_label": "v1"})
    assert response.context["form"].errors == {"file": ["The file's content is not a PDF document."]}
    exe = SimpleUploadedFile("draft.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = manager_client.post(url, {"file": exe, "version_label": "v1"})
    assert response.context["form"].errors == {"file": ["Upload a PDF, DOCX or ODT file."]}
    pdf = SimpleUploadedFile("draft.pdf", b"%PDF-1.7 real enough", content_type="application/pdf")
    assert manager_client.post(url, {"file": pdf, "version_label": "v1", "note": "First draft"}).status_code == 302
    document = framework.documents.get()
    assert (document.version_label, document.uploaded_by.username) == ("v1", "manager")


def test_a_document_over_10_mb_is_refused(manager_client, framework, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    response = manager_client.post(
        reverse("agreements:document-upload", args=[framework.pk]), {"file": big, "version_label": "v9"}
    )
    assert response.status_code == 413
    assert "A file of at most 10 MB can be uploaded." in response.content.decode()
    assert framework.documents.count() == 0
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_documents_download_through_a_permission_check(client, coordinator, demo_ids):
    url = reverse("agreements:document", args=[demo_ids["agreements"], demo_ids["agreements:document.document_pk"]])
    assert client.get(url).status_code == 302
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 draft"
    assert response["Content-Disposition"].startswith('attachment; filename="framework-draft-1')


def test_an_amendment_expiring_before_the_agreement_is_in_force_is_explained(manager_client):
    agreement = AgreementFactory(
        status=Agreement.Status.ACTIVE, effective_from=datetime.date(2026, 1, 1), expires_on=datetime.date(2027, 1, 1)
    )
    response = manager_client.post(
        reverse("agreements:amend", args=[agreement.pk]),
        {"title": "Shortened", "description": "", "signed_on": "2026-11-20", "new_expiry": "2025-12-31"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"new_expiry": ["An agreement cannot expire before it comes into force."]}
    agreement.refresh_from_db()
    assert (agreement.expires_on, agreement.amendments.count()) == (datetime.date(2027, 1, 1), 0)


def test_a_second_document_with_the_same_version_label_is_explained_and_not_stored(
    manager_client, framework, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("agreements:document-upload", args=[framework.pk])
    first = SimpleUploadedFile("draft.pdf", b"%PDF-1.7 first", content_type="application/pdf")
    assert manager_client.post(url, {"file": first, "version_label": "v1"}).status_code == 302
    files_before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    second = SimpleUploadedFile("draft-again.pdf", b"%PDF-1.7 second", content_type="application/pdf")
    response = manager_client.post(url, {"file": second, "version_label": "v1"})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "version_label": ["This agreement already has a document with this version label."]
    }
    assert framework.documents.count() == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files_before


def test_a_document_saved_under_the_same_label_meanwhile_leaves_no_file(
    manager_client, framework, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("agreements:document-upload", args=[framework.pk])
    # As if another manager saved "v1" between this form's check and its save.
    monkeypatch.setattr(
        "agreements.forms.DocumentForm.clean_version_label", lambda form: form.cleaned_data["version_label"]
    )
    framework.documents.create(version_label="v1", file=SimpleUploadedFile("a.pdf", b"%PDF-1.7 a"))
    files_before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    second = SimpleUploadedFile("b.pdf", b"%PDF-1.7 b", content_type="application/pdf")
    response = manager_client.post(url, {"file": second, "version_label": "v1"})
    assert response.context["form"].errors == {
        "version_label": ["This agreement already has a document with this version label."]
    }
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files_before


@pytest.mark.parametrize("initial_forms", [0, 3, 99])
def test_a_parties_form_with_a_tampered_count_is_refused_with_a_message(manager_client, framework, initial_forms):
    before = sorted(framework.parties.values_list("id", "organisation_id", "role"))
    data = {**_parties_data(framework), "parties-INITIAL_FORMS": initial_forms}
    response = manager_client.post(reverse("agreements:parties", args=[framework.pk]), data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == [
        "The parties changed since this page was opened. Reload the page and make your changes again."
    ]
    assert sorted(framework.parties.values_list("id", "organisation_id", "role")) == before


def test_a_comment_the_app_wrote_on_the_timeline_reads_in_each_readers_language(manager_client, reference_workshop):
    decision = reference_workshop.outcomes.get(kind="decision")
    url = reverse("agreements:from-decision", args=[decision.pk])
    data = _from_decision_data(manager_client.get(url), title="MoU between WIT and PCCFPI", confirm_another="on")
    assert manager_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans").status_code == 302
    agreement = Agreement.objects.get(title="MoU between WIT and PCCFPI")
    assert agreement.status_changes.get().comment == "Started from a decision of the workshop of 2022-01-14."
    timelines = [
        _timeline(manager_client.get(agreement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language))[0]
        for language in ("en", "zh-hans", "km")
    ]
    assert timelines == [
        "2022-01-14: Proposed — Started from a decision of the workshop of 2022-01-14. "
        "(recorded 2026-11-26 by manager)",
        "2022-01-14: 已提议 — 根据 2022-01-14 研讨会的决定发起。 (由 manager 于 2026-11-26 记录)",
        "2022-01-14: បានស្នើ — ចាប់ផ្តើមពីសេចក្តីសម្រេចនៃសិក្ខាសាលាថ្ងៃ 2022-01-14។ (កត់ត្រានៅថ្ងៃ 2026-11-26 ដោយ manager)",
    ]
    # One stored in the writer's language before comments were stored in English reads in the reader's, too.
    agreement.status_changes.update(comment="根据 2022-01-14 研讨会的决定发起。")
    assert _timeline(manager_client.get(agreement.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en"))[0] == timelines[0]


@pytest.mark.parametrize(
    "transition, message",
    [("start_negotiation", "The agreement is now in negotiation."), ("abandon", "The agreement is now abandoned.")],
)
def test_a_transition_says_the_new_status_in_a_sentence_of_its_own(manager_client, framework, transition, message):
    url = reverse("agreements:transition", args=[framework.pk, transition])
    response = manager_client.post(url, {"comment": "As agreed."}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [message]


def test_the_admin_links_a_document_to_its_permission_checked_download(
    admin_client_with_role, framework, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = framework.documents.create(version_label="v1", file=ContentFile(b"%PDF-1.7 v1", "framework-v1.pdf"))
    page = admin_client_with_role.get(reverse("admin:agreements_agreement_change", args=[framework.pk]))
    download = reverse("agreements:document", args=[framework.pk, document.pk])
    assert f'<a href="{download}">{document.file.name}</a>' in page.content.decode()
    response = admin_client_with_role.get(download)
    assert (b"".join(response.streaming_content), response["Cache-Control"]) == (b"%PDF-1.7 v1", "private, no-store")
