import pytest

from institutes.search import match_organisations
from tests.factories import OrganisationAliasFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    pccfpi = OrganisationFactory(
        name="Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", short_name="PCCFPI"
    )
    ssez = OrganisationFactory(name="Sihanoukville Special Economic Zone Co., Ltd.", short_name="SSEZ")
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", country="CN")
    OrganisationAliasFactory(organisation=pccfpi, name="SCCFPI")
    return {"pccfpi": pccfpi, "ssez": ssez, "wit": wit}


def orgs(matches):
    return [(m.record.short_name, m.score, m.matched_on) for m in matches]


def test_an_organisation_alias_resolves_to_the_record(organisations):
    assert orgs(match_organisations("SCCFPI")) == [("PCCFPI", 100, "SCCFPI")]


def test_an_acronym_one_letter_off_is_suggested(organisations):
    assert orgs(match_organisations("SSES")) == [("SSEZ", 90, "SSEZ")]


def test_the_full_name_without_legal_form_matches(organisations):
    assert orgs(match_organisations("Sihanoukville Special Economic Zone")) == [
        ("SSEZ", 100, "Sihanoukville Special Economic Zone Co., Ltd.")
    ]


def test_a_misspelt_full_name_is_suggested(organisations):
    assert orgs(match_organisations("Wuxi Institute of Technicians")) == [("WIT", 98, "Wuxi Institute of Technician")]


def test_a_different_acronym_or_institute_does_not_match(organisations):
    assert orgs(match_organisations("WHO")) == []
    assert orgs(match_organisations("SSE")) == []
    assert orgs(match_organisations("Wuxi Vocational College of Commerce")) == []
