import pytest

from agreements.models import Agreement
from demo.pipeline import load_demo_pipeline
from demo.reference import AGREEMENT_TITLE
from participants.models import Person
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNATORIES = {"WIT": ("Zhenyun", "Li"), "PCCFPI": ("Samath", "Bou"), "SSEZ": ("Jiangang", "Chen")}


def _count(page, status):
    return page.locator(f"#pipeline-{status} .fs-4").inner_text()


def test_a_manager_carries_the_framework_agreement_from_draft_to_in_force(page, reference_workshop, manager):
    load_demo_pipeline()
    agreement = Agreement.objects.get(title=AGREEMENT_TITLE)
    sign_in(page, "manager")
    assert (_count(page, "drafting"), _count(page, "signed"), _count(page, "active")) == ("1", "1", "1")

    page.locator("#pipeline-drafting").click()
    page.get_by_role("link", name=AGREEMENT_TITLE).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(AGREEMENT_TITLE)

    # Signing before the signatories are known is refused, with the reason.
    page.get_by_role("link", name="Mark as signed").click()
    page.get_by_role("button", name="Mark as signed").click()
    assert page.get_by_role("alert").inner_text().startswith("Record the signatory and signing date of:")

    page.goto(f"/agreements/{agreement.pk}/parties/")
    for party in agreement.parties.select_related("organisation").filter(role="party"):
        given, family = SIGNATORIES[party.organisation.short_name]
        person = Person.objects.get(given_name=given, family_name=family)
        prefix = page.locator(f'input[name$="-id"][value="{party.pk}"]').get_attribute("name").removesuffix("-id")
        page.locator(f'select[name="{prefix}-signatory"]').select_option(str(person.pk))
        page.locator(f'input[name="{prefix}-signed_on"]').fill("2026-11-20")
    page.get_by_role("button", name="Save parties").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")

    page.get_by_role("link", name="Mark as signed").click()
    page.get_by_label("Comment").fill("Signed by all three parties at the Wuxi meeting.")
    page.get_by_role("button", name="Mark as signed").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")
    assert page.get_by_text("The agreement is now signed.").is_visible()

    page.get_by_role("link", name="Bring into force").click()
    page.get_by_label("In force from").fill("2026-11-25")
    page.get_by_role("button", name="Bring into force").click()
    page.wait_for_url(f"**/agreements/{agreement.pk}/")
    assert page.get_by_text("The agreement is now active.").is_visible()

    page.goto("/")
    assert (_count(page, "drafting"), _count(page, "signed"), _count(page, "active")) == ("0", "1", "2")
    agreement.refresh_from_db()
    assert (agreement.status, str(agreement.signed_on), str(agreement.effective_from)) == (
        "active",
        "2026-11-20",
        "2026-11-25",
    )
    assert list(agreement.status_changes.values_list("to_status", "changed_by__username")) == [
        ("drafting", None),
        ("signed", "manager"),
        ("active", "manager"),
    ]
    # The only console error is the deliberate refusal above, answered with 409 Conflict.
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 409 (Conflict)"]
