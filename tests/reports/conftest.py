import pytest

from demo.reference import ORGANISATIONS
from institutes.models import Organisation, OrganisationAlias


@pytest.fixture
def reference_organisations(db):
    """Only the reference record's six organisations, with their other names: no people, no workshop."""
    orgs = {}
    for short, name, local, kind, iati, country, _city, aliases in ORGANISATIONS:
        org = Organisation.objects.create(
            name=name, short_name=short, name_local=local, kind=kind, iati_type=iati, country=country
        )
        for alias, alias_kind, where in aliases:
            OrganisationAlias.objects.create(organisation=org, name=alias, kind=alias_kind, source_note=where)
        orgs[short] = org
    return orgs


@pytest.fixture
def reference_programmes(db, reference_organisations):
    """The programme and initiative the reference report names, as the demo data has them."""
    from workshops.models import Programme

    programme = Programme.objects.create(
        name="ILO–China Partnership Programme",
        other_names="ILO-China Partnership Programme; ILO-China Partnership Project; ILO/China Partnership Project",
        kind=Programme.Kind.PROGRAMME,
        coordinating_organisation=reference_organisations["ILO"],
    )
    initiative = Programme.objects.create(
        name="Skills Development Network through South-South Cooperation",
        kind=Programme.Kind.INITIATIVE,
        parent=programme,
        coordinating_organisation=reference_organisations["ILO"],
    )
    return programme, initiative
