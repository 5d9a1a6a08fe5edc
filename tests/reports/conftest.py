import pytest

from demo.reference import ORGANISATIONS
from institutes.models import Organisation, OrganisationAlias

# Records the three other reports of tests/fixtures/reports/ meet: some of their organisations and people are on
# record (one acronym misspelt in a report, one name spelt another way, two people of the same name), others new.
OTHER_ORGANISATIONS = [
    ("YTC", "Yunnan Technician College", Organisation.Kind.TVET, "CN"),
    ("LGTC", "Lao-German Technical College", Organisation.Kind.TVET, "LA"),
    ("TVI", "Tianjin Vocational Institute", Organisation.Kind.TVET, "CN"),
    ("DVET", "Directorate of Vocational Education and Training", Organisation.Kind.GOVERNMENT, "VN"),
    ("CIPC", "Chongqing Industry Polytechnic College", Organisation.Kind.TVET, "CN"),
    ("POLBAN", "Politeknik Negeri Bandung", Organisation.Kind.TVET, "ID"),
]


def create_reference_organisations():
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


def create_reference_programmes(orgs):
    """The programme and initiative the reference report names, as the demo data has them."""
    from workshops.models import Programme

    programme = Programme.objects.create(
        name="ILO–China Partnership Programme",
        other_names="ILO-China Partnership Programme; ILO-China Partnership Project; ILO/China Partnership Project",
        kind=Programme.Kind.PROGRAMME,
        coordinating_organisation=orgs["ILO"],
    )
    initiative = Programme.objects.create(
        name="Skills Development Network through South-South Cooperation",
        kind=Programme.Kind.INITIATIVE,
        parent=programme,
        coordinating_organisation=orgs["ILO"],
    )
    return programme, initiative


def records_for_reports(orgs=None):
    """Everything the four reports meet on record: organisations, programmes, four people."""
    from participants.models import Person

    if orgs is None:
        orgs = create_reference_organisations()
        create_reference_programmes(orgs)
    orgs = dict(orgs)
    for short, name, kind, country in OTHER_ORGANISATIONS:
        orgs[short] = Organisation.objects.create(name=name, short_name=short, kind=kind, country=country)
    people = {
        "sisouphan": Person.objects.create(given_name="Phonevilay", family_name="Sisouphan", honorific="Ms."),
        "wang": Person.objects.create(
            given_name="Jianguo", family_name="Wang", honorific="Mr.", name_order=Person.NameOrder.FAMILY_FIRST
        ),
        "santoso-1": Person.objects.create(given_name="Budi", family_name="Santoso", email="budi@polban.example"),
        "santoso-2": Person.objects.create(given_name="Budi", family_name="Santoso", email="bsantoso@example.org"),
    }
    return orgs, people


@pytest.fixture
def reference_organisations(db):
    return create_reference_organisations()


@pytest.fixture
def reference_programmes(db, reference_organisations):
    return create_reference_programmes(reference_organisations)


@pytest.fixture
def report_records(reference_programmes, reference_organisations):
    return records_for_reports(reference_organisations)


# The programmes the corpus of tests/fixtures/reports/corpus/ names besides the reference ones (as the demo data has
# them): matched by name, never created by the reader.
CORPUS_PROGRAMMES = [
    ("Belt and Road Skills Alliance", "BRSA", "initiative"),
    ("Mekong TVET Partnership", "Mekong TVET", "programme"),
]


def records_for_corpus():
    """Everything the corpus meets on record: the four reports' records and the corpus's programmes."""
    from workshops.models import Programme

    orgs, people = records_for_reports()
    for name, short, kind in CORPUS_PROGRAMMES:
        Programme.objects.create(name=name, short_name=short, kind=kind)
    return orgs, people


@pytest.fixture
def corpus_records(report_records):
    from workshops.models import Programme

    for name, short, kind in CORPUS_PROGRAMMES:
        Programme.objects.create(name=name, short_name=short, kind=kind)
    return report_records
