import datetime

import pytest
import time_machine
from django.db.models import ProtectedError

from institutes.models import City, CityRelation, Organisation, OrganisationAlias, OrganisationRelation
from tests.constraints import assert_refused
from tests.factories import AttendanceFactory, CityFactory, OrganisationAliasFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_city_name_is_unique_per_country_ignoring_case():
    CityFactory(name="Wuxi", country="CN")
    assert_refused(City(name="WUXI", country="CN"), "This country already has a city with this name.")


def test_the_same_city_name_in_another_country_is_fine():
    CityFactory(name="Wuxi", country="CN")
    City(name="Wuxi", country="KH").full_clean()


def test_a_city_is_not_its_own_sister():
    wuxi = CityFactory()
    assert_refused(
        CityRelation(from_city=wuxi, to_city=wuxi, kind=CityRelation.Kind.SISTER_CITY),
        "A city cannot be related to itself.",
    )


def test_a_city_relation_does_not_end_before_it_starts():
    relation = CityRelation(
        from_city=CityFactory(),
        to_city=CityFactory(),
        kind=CityRelation.Kind.SISTER_CITY,
        since=datetime.date(2020, 1, 1),
        until=datetime.date(2019, 12, 31),
    )
    assert_refused(relation, "The end date cannot be before the start date.")


def test_a_city_relation_is_recorded_once():
    a, b = CityFactory(), CityFactory()
    CityRelation.objects.create(from_city=a, to_city=b, kind=CityRelation.Kind.SISTER_CITY)
    assert_refused(
        CityRelation(from_city=a, to_city=b, kind=CityRelation.Kind.SISTER_CITY), "This relation is already recorded."
    )


def test_an_organisation_is_not_now_known_as_itself():
    org = OrganisationFactory()
    org.now_known_as = org
    assert_refused(org, "An organisation cannot be 'now known as' itself.")


def test_an_alias_leads_to_one_organisation_only():
    OrganisationAliasFactory(name="SCCFPI")
    assert_refused(
        OrganisationAlias(organisation=OrganisationFactory(), name="sccfpi"),
        "This alias already belongs to an organisation.",
    )


def test_an_organisation_is_not_related_to_itself():
    org = OrganisationFactory()
    assert_refused(
        OrganisationRelation(from_organisation=org, to_organisation=org, kind=OrganisationRelation.Kind.PARTNER_OF),
        "An organisation cannot be related to itself.",
    )


def test_an_organisation_relation_does_not_end_before_it_starts():
    relation = OrganisationRelation(
        from_organisation=OrganisationFactory(),
        to_organisation=OrganisationFactory(),
        kind=OrganisationRelation.Kind.PARTNER_OF,
        since=datetime.date(2022, 1, 14),
        until=datetime.date(2022, 1, 13),
    )
    assert_refused(relation, "The end date cannot be before the start date.")


def test_an_organisation_with_attendance_cannot_be_deleted():
    attendance = AttendanceFactory()
    with pytest.raises(ProtectedError):
        attendance.organisation.delete()


def test_str_shows_name_and_acronym():
    assert str(OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT")) == (
        "Wuxi Institute of Technician (WIT)"
    )


@pytest.fixture
def named_organisations():
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", name_local="无锡技师学院")
    pccfpi = OrganisationFactory(
        name="Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", short_name="PCCFPI"
    )
    OrganisationAliasFactory(organisation=pccfpi, name="SCCFPI")
    bureau = OrganisationFactory(name="Wuxi Human Resources and Social Security Bureau", short_name="Wuxi HRSS Bureau")
    return {"wit": wit, "pccfpi": pccfpi, "bureau": bureau}


def searched(words):
    return list(Organisation.objects.search(words).order_by("name").values_list("short_name", flat=True))


def test_search_needs_every_word_in_some_name_field(named_organisations):
    assert searched("wuxi tech") == ["WIT"]
    assert searched("wuxi") == ["Wuxi HRSS Bureau", "WIT"]
    assert searched("wuxi bureau tech") == []


def test_search_reads_the_short_name_the_name_in_own_script_and_the_aliases(named_organisations):
    assert searched("SCCFPI") == ["PCCFPI"]
    assert searched("sccfpi polytechnic") == ["PCCFPI"]
    assert searched("技师 WIT") == ["WIT"]
    assert searched("  PCCFPI   PCCFPI ") == ["PCCFPI"]


def test_search_for_no_words_keeps_every_organisation(named_organisations):
    assert searched("   ") == ["PCCFPI", "Wuxi HRSS Bureau", "WIT"]


def test_search_lists_an_organisation_with_several_matching_aliases_once(named_organisations):
    OrganisationAliasFactory(organisation=named_organisations["wit"], name="Wuxi Technician College")
    OrganisationAliasFactory(organisation=named_organisations["wit"], name="Wuxi Technicians' Institute")
    assert searched("technician") == ["WIT"]


def test_a_renamed_organisation_dates_its_old_name_the_day_before_the_rename():
    organisation = OrganisationFactory(name="Preah Sihanouk Polytechnic", short_name="PSP")
    with time_machine.travel(datetime.datetime(2023, 6, 1, 9, tzinfo=datetime.UTC), tick=False):
        organisation.name = "Sihanoukville Polytechnic Institute"
        organisation.short_name = "SPI"
        organisation.save()
    assert sorted(organisation.aliases.values_list("name", "kind", "used_until")) == [
        ("PSP", "former_name", None),
        ("Preah Sihanouk Polytechnic", "former_name", datetime.date(2023, 5, 31)),
    ]


def test_name_on_gives_the_name_the_organisation_bore_on_the_day():
    organisation = OrganisationFactory(name="Sihanoukville Polytechnic Institute")
    for name, until in [("Preah Sihanouk Institute", datetime.date(2021, 12, 31)), ("PSP", None)]:
        OrganisationAliasFactory(organisation=organisation, name=name, kind="former_name", used_until=until)
    OrganisationAliasFactory(
        organisation=organisation,
        name="Preah Sihanouk Polytechnic",
        kind="former_name",
        used_until=datetime.date(2023, 5, 31),
    )
    OrganisationAliasFactory(organisation=organisation, name="SPI Cambodia", kind="other")
    days = [
        datetime.date(2020, 1, 1),
        datetime.date(2021, 12, 31),
        datetime.date(2022, 1, 14),
        datetime.date(2023, 6, 1),
    ]
    assert [organisation.name_on(day) for day in [*days, None]] == [
        "Preah Sihanouk Institute",
        "Preah Sihanouk Institute",
        "Preah Sihanouk Polytechnic",
        "Sihanoukville Polytechnic Institute",
        "Sihanoukville Polytechnic Institute",
    ]


def test_only_a_former_name_has_a_last_day_in_use():
    alias = OrganisationAlias(
        organisation=OrganisationFactory(), name="PSP", kind="acronym", used_until=datetime.date(2023, 5, 31)
    )
    assert_refused(alias, "Only a former name has a last day in use.")
