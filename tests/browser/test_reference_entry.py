"""A coordinator enters the reference workshop (tests/fixtures/reference/) from scratch in the browser: the people are
new and created from the entry page itself; the organisations, programme and initiative are on record."""

import pytest
from playwright.sync_api import expect

from demo.reference import STATEMENTS, TOPICS, WORKSHOP_TITLE
from institutes.models import Organisation
from participants.models import Person
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProgrammeFactory
from workshops.models import Programme, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGANISATIONS = [
    ("WIT", "Wuxi Institute of Technician", "CN"),
    ("PCCFPI", "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", "KH"),
    ("SSEZ", "Sihanoukville Special Economic Zone Co., Ltd.", "KH"),
    ("Wuxi HRSS Bureau", "Wuxi Human Resources and Social Security Bureau", "CN"),
    ("MOHRSS", "Ministry of Human Resources and Social Security of China", "CN"),
    ("ILO", "International Labour Organization", ""),
]
# (name as typed, organisation as typed, title): "SCCFPI" and "SSES" are the report's own misspellings.
ATTENDEES = [
    ("Mr. Samath Bou", "SCCFPI", "Principal"),
    ("Mr. Ting Shen", "Wuxi HRSS Bureau", "Deputy Director"),
    ("Mr. Zhenyun Li", "WIT", "Principal"),
    ("Mr. Jianbin Chen", "WIT", "Vice-Principal"),
    ("Mr. Jiangang Chen", "SSES", "Chairman"),
    ("Mr. Jianjiang Cao", "SSEZ", "General Manager"),
    ("Mr. Yutong Liu", "ILO", "Project Manager"),
    ("Mr. Kimroeun Kouy", "ILO", "National Project Coordinator, Cambodia"),
]
HOSTS = [("WIT", "Host"), ("PCCFPI", "Host"), ("ILO", "Coordinator"), ("MOHRSS", "Represented")]
CONSENSUS = "Participants agreed to discuss the cooperation in more detail at technical level."
DECISION = "The parties will draft a multilateral cooperation framework agreement (WIT, PCCFPI, SSEZ Co., Ltd.)."
FOLLOW_UPS = [
    "Draft the multilateral cooperation framework agreement",
    "Hold technical-level discussions",
    "Plan the exchange of curricula and of trainers and trainees",
]


def _add_row(page, prefix):
    page.locator(f"#formset-{prefix} .workshop-add-row").click()
    return page.locator(f"#formset-{prefix} .workshop-rows .workshop-row").count() - 1


def _find(page, select_id, typed, *, create=False):
    """Type into the search box above a select and take the first record offered, or add a new one through the
    dialog (created when the workshop is saved)."""
    page.locator(f"#{select_id}-search").fill(typed)
    options = page.locator(f"#{select_id}-search-list")
    if create:
        options.locator(".workshop-new-record").click()
        dialog = page.locator("#new-person-dialog")
        expect(dialog.locator(".name-preview")).not_to_contain_text("Family name: none")
        dialog.get_by_role("button", name="Add to this entry").click()
        expect(dialog).to_be_hidden()
        return page.locator(f"#{select_id} option:checked").inner_text().removesuffix(" (new)")
    options.locator("[role=option]:not(.workshop-new-record)").first.click()
    return page.locator(f"#{select_id} option:checked").inner_text()


def test_a_coordinator_enters_the_reference_workshop_from_scratch(page, coordinator):
    for short, name, country in ORGANISATIONS:
        OrganisationFactory(short_name=short, name=name, country=country)
    programme = ProgrammeFactory(name="ILO–China Partnership Programme")
    ProgrammeFactory(
        name="Skills Development Network through South-South Cooperation",
        kind=Programme.Kind.INITIATIVE,
        parent=programme,
    )
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Workshops", exact=True).click()
    page.get_by_role("link", name="Log a workshop").click()

    page.get_by_label("Title*").fill(WORKSHOP_TITLE)
    page.get_by_label("Other title").fill("Bilateral workshop of TVETs")
    page.get_by_label("Kind*").select_option(label="Bilateral workshop / paired consultation")
    page.get_by_label("Format*").select_option(label="Online")
    assert page.get_by_label("Status", exact=True).input_value() == ""  # from the dates: held, as it is past
    page.get_by_label("Start date*").fill("2022-01-14")
    # The programme and initiative selects hold what is chosen: their boxes find the others.
    page.locator("#id_programme-search").fill("ILO–China Partnership")
    page.locator("#id_programme-search-list [role=option]").first.click()
    page.locator("#id_initiative-search").fill("Skills Development Network")
    page.locator("#id_initiative-search-list [role=option]").first.click()
    page.get_by_label("Reported attendance").fill("19")
    page.get_by_label("New topics").fill("; ".join(TOPICS))

    for short, role in HOSTS:
        row = _add_row(page, "hosts")
        assert short in _find(page, f"id_hosts-{row}-organisation", short)
        page.locator(f"#id_hosts-{row}-role").select_option(label=role)

    found = []
    for name, organisation, title in ATTENDEES:
        row = _add_row(page, "attendance")
        found.append(_find(page, f"id_attendance-{row}-person", name, create=True))
        found.append(_find(page, f"id_attendance-{row}-organisation", organisation))
        page.locator(f"#id_attendance-{row}-title").fill(title)
    assert found[1::2] == [
        "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute (PCCFPI)",
        "Wuxi Human Resources and Social Security Bureau (Wuxi HRSS Bureau)",
        "Wuxi Institute of Technician (WIT)",
        "Wuxi Institute of Technician (WIT)",
        "Sihanoukville Special Economic Zone Co., Ltd. (SSEZ)",
        "Sihanoukville Special Economic Zone Co., Ltd. (SSEZ)",
        "International Labour Organization (ILO)",
        "International Labour Organization (ILO)",
    ]
    assert found[0::2] == [name.removeprefix("Mr. ") for name, _o, _t in ATTENDEES]

    for (given, family), text in STATEMENTS:
        row = _add_row(page, "statements")
        page.locator(f"#id_statements-{row}-speaker").select_option(label=f"{given} {family} (new)")
        page.locator(f"#id_statements-{row}-text").fill(text)
        page.locator(f"#id_statements-{row}-is_verbatim").check()
    for kind, text in [("Consensus", CONSENSUS), ("Decision", DECISION)]:
        row = _add_row(page, "outcomes")
        page.locator(f"#id_outcomes-{row}-kind").select_option(label=kind)
        page.locator(f"#id_outcomes-{row}-text").fill(text)
    for title in FOLLOW_UPS:
        row = _add_row(page, "actions")
        page.locator(f"#id_actions-{row}-title").fill(title)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/workshops/*/")

    # The record as shown on screen; the same record for print follows it, hidden from the screen.
    record = page.locator("article.record")
    assert record.get_by_role("heading", level=1).inner_text() == WORKSHOP_TITLE
    assert record.get_by_text("8 named of 19 reported, from 6 organisations").is_visible()
    assert record.locator("figure.statement").count() == 3
    assert (
        record.locator("figure.statement").get_by_text("Wuxi and Sihanouk are sister cities.", exact=False).is_visible()
    )
    assert record.get_by_text(CONSENSUS).is_visible()
    for title in FOLLOW_UPS:
        assert record.get_by_text(title).is_visible()
    assert page.console_errors == []

    workshop = Workshop.objects.get()
    assert (workshop.start_date.isoformat(), workshop.reported_attendance, workshop.attendances.count()) == (
        "2022-01-14",
        19,
        8,
    )
    assert (workshop.status, workshop.get_status_display()) == ("", "Held")
    assert sorted(workshop.topics.values_list("name", flat=True)) == sorted(TOPICS)
    assert list(workshop.action_items.order_by("id").values_list("title", flat=True)) == FOLLOW_UPS
    assert sorted(Person.objects.filter(family_name="Chen").values_list("given_name", flat=True)) == [
        "Jianbin",
        "Jiangang",
    ]
    assert set(Person.objects.values_list("honorific", flat=True)) == {"Mr."}
    assert Organisation.objects.count() == 6  # nobody created a duplicate organisation
    assert {p.history.get().history_user.username for p in Person.objects.all()} == {"coordinator"}
