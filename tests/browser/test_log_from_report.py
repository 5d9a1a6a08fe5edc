"""A coordinator pastes the reference report into a database that has only its organisations (and programmes), reviews
the proposal, accepts it and saves the entry page it fills in: the saved record is the demo record."""

import os
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from demo import reference
from tests.browser.conftest import sign_in
from tests.reports.conftest import create_reference_organisations, create_reference_programmes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "wit-pccfpi-workshop-2022-01-14.txt"
SHOTS = Path(os.environ.get("PARTNERSHIP_SCREENSHOTS", "/tmp"))


def _paste_and_read(page):
    page.goto("/workshops/")
    page.get_by_role("link", name="Log from a report").click()
    page.get_by_label("Paste the report").fill(REPORT.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the report").click()
    page.locator("#report-review").wait_for()


def test_the_review_shows_facts_beside_their_sentences_and_matches(page, coordinator):
    create_reference_programmes(create_reference_organisations())
    sign_in(page, "coordinator")
    _paste_and_read(page)
    assert page.locator(".report-entity").count() == 14
    assert page.locator(".report-entity[data-status='new']").count() == 8
    pccfpi = page.locator("#entity-o3")
    assert pccfpi.locator("legend").inner_text().startswith("Preah Sihanouk Cambodia-China Friendship Polytechnic")
    assert "SCCFPI (other name)" in pccfpi.inner_text()
    # Each fact beside its sentence, the words it was read from marked.
    date = page.locator(".report-fact", has_text="2022-01-14 (Day)")
    assert date.locator("mark").inner_text() == "January 14th, 2022"
    quote = page.locator(".report-fact", has_text="Samath Bou: “The PCCFPI provides")
    assert quote.locator("mark").inner_text().startswith("“The PCCFPI provides technical training")
    page.screenshot(path=str(SHOTS / "log-from-report-1280.png"), full_page=False)
    page.set_viewport_size({"width": 360, "height": 800})
    page.locator("#report-facts").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "log-from-report-360.png"), full_page=False)
    # Nothing fits wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.console_errors == []


def test_paste_review_accept_save_gives_the_demo_record(page, coordinator):
    from workshops.models import Workshop

    orgs = create_reference_organisations()
    create_reference_programmes(orgs)
    sign_in(page, "coordinator")
    _paste_and_read(page)
    page.get_by_role("button", name="Accept and open the entry page").click()
    page.wait_for_url("**/workshops/new/?draft=*")
    assert page.get_by_label("Title*").input_value() == reference.WORKSHOP_TITLE
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")

    workshop = Workshop.objects.get()
    assert (workshop.title, workshop.other_title, workshop.start_date, workshop.format, workshop.kind) == (
        reference.WORKSHOP_TITLE,
        reference.WORKSHOP_HEADLINE,
        reference.WORKSHOP_DATE,
        Workshop.Format.ONLINE,
        Workshop.Kind.BILATERAL,
    )
    assert (workshop.programme.name, workshop.initiative.name) == (
        "ILO–China Partnership Programme",
        "Skills Development Network through South-South Cooperation",
    )
    assert (workshop.reported_attendance, workshop.attendances.count()) == (19, 8)
    links = {(link.organisation.short_name, link.role) for link in workshop.organisation_links.all()}
    assert links == {
        ("WIT", "host"),
        ("PCCFPI", "host"),
        ("ILO", "coordinator"),
        ("SSEZ", "participant"),
        ("MOHRSS", "participant"),
    }
    attendances = {
        (a.person.honorific, a.person.given_name, a.person.family_name, a.title, a.organisation.short_name)
        for a in workshop.attendances.select_related("person", "organisation")
    }
    assert attendances == {("Mr.", given, family, title, org) for given, family, title, org, *_rest in reference.PEOPLE}
    statements = [
        ((s.speaker.given_name, s.speaker.family_name), s.text, s.is_verbatim)
        for s in workshop.statements.order_by("order")
    ]
    assert statements == [(speaker, text, True) for speaker, text in reference.STATEMENTS]
    topics = [t.name for t in workshop.topics.all()]
    assert all(
        any(fuzz.token_set_ratio(want.casefold(), t.casefold()) >= 80 for t in topics) for want in reference.TOPICS
    )
    kinds = sorted(o.kind for o in workshop.outcomes.all())
    assert kinds == ["consensus", "decision"]
    assert workshop.action_items.filter(title="Draft the multilateral cooperation framework agreement").exists()


KMP_NPIC = Path(__file__).resolve().parents[1] / "fixtures" / "browser" / "kmp-npic-workshop-2024-06-12.txt"


def test_a_report_of_another_workshop_saved_unchanged_keeps_its_hosts_ministry_and_organisations(page, coordinator):
    """Two hosts (one on record, one new), a ministry and three people with their organisations: accepted and saved
    without a change, the record has all of them, each attendee with their organisation."""
    from institutes.models import Organisation
    from tests.factories import OrganisationFactory
    from workshops.models import Workshop

    kmp = OrganisationFactory(name="Kunming Polytechnic", short_name="KMP", country="CN", kind="tvet")
    sign_in(page, "coordinator")
    page.goto("/reports/")
    page.get_by_label("Paste the report").fill(KMP_NPIC.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the report").click()
    page.locator("#report-review").wait_for()
    page.get_by_role("button", name="Accept and open the entry page").click()
    page.wait_for_url("**/workshops/new/?draft=*")
    # What the record has no place for is listed above the form, not dropped.
    assert "ILO/China Partnership Project" in page.locator("#draft-notes").inner_text()
    page.screenshot(path=str(SHOTS / "draft-kmp-npic-1280.png"), full_page=True)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")

    workshop = Workshop.objects.get()
    npic = Organisation.objects.get(short_name="NPIC")
    mlvt = Organisation.objects.get(short_name="MLVT")
    assert sorted(workshop.organisation_links.values_list("organisation", "role")) == sorted(
        [(kmp.pk, "host"), (npic.pk, "host"), (mlvt.pk, "participant")]
    )
    assert sorted(workshop.attendances.values_list("person__family_name", "organisation__short_name", "title")) == [
        ("Chea", "MLVT", "Deputy Director General"),
        ("Heng", "NPIC", "Director"),
        ("Zhao", "KMP", "Vice-President"),
    ]
    assert (workshop.start_date.isoformat(), workshop.reported_attendance, workshop.timezone) == (
        "2024-06-12",
        14,
        "Asia/Shanghai",
    )
    assert page.console_errors == []


BULLET_DOCX = (
    Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "corpus" / "dev" / "tvi-dvet-bullet-minutes.docx"
)


def test_uploaded_bullet_minutes_docx_saves_hosts_chairs_attendance_decisions_and_action_owners(page, coordinator):
    """Bullet-point minutes with headings (Participants / Agenda / Key figures / Decisions / Action points) uploaded
    as a .docx, accepted and saved unchanged: the record holds the facts the minutes state, in their fields."""
    from tests.reports.conftest import records_for_corpus
    from workshops.models import Workshop

    records_for_corpus()
    sign_in(page, "coordinator")
    page.goto("/reports/")
    page.get_by_label("or upload it").set_input_files(str(BULLET_DOCX))
    page.get_by_role("button", name="Read the report").click()
    page.locator("#report-review").wait_for()
    page.get_by_role("button", name="Accept and open the entry page").click()
    page.wait_for_url("**/workshops/new/?draft=*")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")

    workshop = Workshop.objects.get()
    assert sorted(workshop.organisation_links.filter(role="host").values_list("organisation__name", flat=True)) == [
        "Hanoi Vocational College of Technology",
        "Tianjin Vocational Institute",
    ]
    chairs = workshop.attendances.filter(role="chair").values_list("person__family_name", "organisation__name")
    assert list(chairs) == [("Nguyen", "Hanoi Vocational College of Technology")]
    assert sorted(workshop.attendances.values_list("person__family_name", "organisation__name", "title")) == [
        ("Nguyen", "Hanoi Vocational College of Technology", "Rector"),
        ("Pham", "Directorate of Vocational Education and Training", "Deputy Director General"),
        ("Tran", "Hanoi Vocational College of Technology", "Head of Training Department"),
        ("Wang", "Tianjin Vocational Institute", "Dean of International Cooperation"),
    ]
    assert (workshop.kind, workshop.format, workshop.start_date.isoformat(), workshop.reported_attendance) == (
        "bilateral",
        "hybrid",
        "2024-02-22",
        28,
    )
    assert list(workshop.outcomes.filter(kind="decision").order_by("pk").values_list("text", flat=True)) == [
        "The two institutions will sign a memorandum of understanding on industrial robotics.",
        "Tianjin Vocational Institute will host six Vietnamese teachers in 2024.",
    ]
    actions = workshop.action_items.order_by("pk").values_list(
        "title", "owner__family_name", "owner_organisation__name", "due_date"
    )
    assert [(t, p, o, d.isoformat()) for t, p, o, d in actions] == [
        ("Draft the memorandum of understanding", None, "Tianjin Vocational Institute", "2024-04-30"),
        ("Nominate the six teachers", "Tran", None, "2024-05-31"),
    ]
    assert page.console_errors == []
