"""The possible duplicates page in a browser: pairs side by side at 1280 px, stacked at 360 px, merged from there."""

import json
import os
from pathlib import Path

import pytest

from participants.models import Person
from tests.browser.conftest import sign_in
from tests.factories import PersonFactory, PositionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = "/tmp/search-duplicates"


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def serious_axe_violations(page):
    """axe-core's serious and critical findings (axe-core comes from package.json: make test runs npm ci)."""
    page.add_init_script(path=str(AXE))  # the page's CSP allows no injected script tag
    page.reload()
    found = page.evaluate("async () => JSON.stringify((await axe.run()).violations)")
    return [(v["id"], v["impact"]) for v in json.loads(found) if v["impact"] in ("serious", "critical")]


MERGE_SHOTS = "/work/wt/shots"


def test_an_admin_compares_a_misspelt_person_field_by_field_and_merges_it_into_the_one_with_history(
    page, reference_workshop, admin_user
):
    twin = PersonFactory(given_name="Yutong", family_name="Lui", honorific="Mr.", email="y.lui@example.org")
    PositionFactory(person=twin, title="Consultant")
    PersonFactory(given_name="Kimroeun", family_name="Kuoy")
    liu = Person.objects.get(family_name="Liu")
    sign_in(page, "admin")
    page.goto("/people/")
    page.get_by_role("link", name="Possible duplicates").click()
    page.wait_for_url("**/people/duplicates/")
    pairs = page.locator(".duplicate-pair")
    assert pairs.count() == 2
    os.makedirs(SCREENSHOTS, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SCREENSHOTS}/people-duplicates-{width}.png", full_page=True)
    assert serious_axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    liu_pair = pairs.filter(has_text="Yutong Lui")
    assert liu_pair.get_by_label(f"Keep this record (#{liu.pk})").is_checked()
    liu_pair.get_by_role("button", name="Compare and merge…").click()
    page.wait_for_url("**/people/duplicates/merge/?*")
    os.makedirs(MERGE_SHOTS, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{MERGE_SHOTS}/merges-person-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_axe_violations(page) == []
    email = page.get_by_role("group", name="Email")
    email.get_by_label("y.lui@example.org").check()
    page.get_by_role("button", name="Merge with these values").click()
    page.wait_for_url("**/people/duplicates/")
    assert "Merged “Yutong Lui” into “Yutong Liu”" in page.get_by_role("alert").first.inner_text()
    assert not Person.objects.filter(pk=twin.pk).exists()
    liu.refresh_from_db()
    assert liu.email == "y.lui@example.org"
    assert sorted(liu.positions.values_list("title", flat=True)) == ["Consultant", "Project Manager"]


def test_an_admin_merges_an_organisation_that_signed_the_same_agreement_and_is_told_the_signature_stays(
    page, reference_workshop, admin_user
):
    from agreements.models import AgreementParty
    from institutes.models import Organisation
    from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory

    ssez = Organisation.objects.get(short_name="SSEZ")
    twin = OrganisationFactory(name="Sihanoukville Special Economic Zone", short_name="", name_local="西港经济特区")
    agreement = AgreementFactory(title="SSEZ training centre MoU")
    signatory = PersonFactory(given_name="Li", family_name="Wang")
    AgreementPartyFactory(agreement=agreement, organisation=ssez)
    AgreementPartyFactory(agreement=agreement, organisation=twin, signatory=signatory)
    sign_in(page, "admin")
    page.goto(f"/institutes/duplicates/merge/?pair={ssez.pk}&pair={twin.pk}&keep={ssez.pk}")
    os.makedirs(MERGE_SHOTS, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{MERGE_SHOTS}/merges-organisation-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="Merge with these values").click()
    page.wait_for_url("**/institutes/duplicates/")
    page.screenshot(path=f"{MERGE_SHOTS}/merges-organisation-done-360.png", full_page=True)
    assert "are both parties of “SSEZ training centre MoU”" in page.get_by_role("alert").first.inner_text()
    assert sorted(
        AgreementParty.objects.filter(agreement=agreement).values_list("organisation_id", "signatory_id")
    ) == [
        (ssez.pk, None),
        (twin.pk, signatory.pk),
    ]
