import datetime

import pytest
from django.contrib import admin

from participants.admin import PositionInline
from participants.models import Person, PersonAlias, Position
from tests.constraints import assert_refused
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_has_some_name():
    assert_refused(Person(honorific="Mr."), "Give at least a given name, a family name or a name in own script.")


def test_a_name_in_own_script_alone_is_enough():
    person = Person(name_local="李振云")
    person.full_clean()
    assert person.full_name == "李振云"


def test_full_name_follows_the_persons_name_order():
    person = Person(honorific="Mr.", given_name="Zhenyun", family_name="Li")
    assert (person.full_name, person.formal_name) == ("Zhenyun Li", "Mr. Zhenyun Li")
    person.name_order = Person.NameOrder.FAMILY_FIRST
    assert person.full_name == "Li Zhenyun"


def test_an_other_name_is_recorded_once_per_person():
    person = PersonFactory()
    PersonAlias.objects.create(person=person, name="Li Zhenyun")
    assert_refused(PersonAlias(person=person, name="Li Zhenyun"), "This person already has this name recorded.")


def test_a_position_does_not_end_before_it_starts():
    position = Position(
        person=PersonFactory(),
        organisation=OrganisationFactory(),
        title="Principal",
        start_date=datetime.date(2022, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    assert_refused(position, "A position cannot end before it starts.")


def test_current_positions_are_those_held_today():
    person = PersonFactory()
    org = OrganisationFactory()
    Position.objects.create(person=person, organisation=org, title="Old", end_date=datetime.date(2020, 1, 1))
    Position.objects.create(person=person, organisation=org, title="Now", start_date=datetime.date(2021, 1, 1))
    assert list(Position.objects.current(on=datetime.date(2022, 1, 14)).values_list("title", flat=True)) == ["Now"]
    assert list(Position.objects.held_on(datetime.date(2019, 6, 1)).values_list("title", flat=True)) == ["Old"]


@pytest.fixture
def named_people():
    li = PersonFactory(given_name="Zhenyun", family_name="Li", name_local="李振云", email="li@wit.example")
    sokha = PersonFactory(given_name="Sokha", family_name="Chan", email="sokha@pccfpi.example")
    sokha.aliases.create(name="Sophie")
    martin = PersonFactory(given_name="Sophie", family_name="Martin")
    return {"li": li, "sokha": sokha, "martin": martin}


def searched(words):
    return [p.full_name for p in Person.objects.search(words).order_by("family_name")]


def test_search_needs_every_word_in_some_name_or_other_name(named_people):
    assert searched("sophie chan") == ["Sokha Chan"]
    assert searched("sophie") == ["Sokha Chan", "Sophie Martin"]
    assert searched("LI zhen") == ["Zhenyun Li"]
    assert searched("振云") == ["Zhenyun Li"]
    assert searched("zhenyun chan") == []


def test_search_does_not_read_email_addresses(named_people):
    assert searched("pccfpi") == []


def test_a_person_holds_one_open_position_at_an_organisation():
    person, organisation = PersonFactory(), OrganisationFactory()
    Position.objects.create(person=person, organisation=organisation, title="Project Manager")
    Position.objects.create(
        person=person, organisation=organisation, title="Adviser", end_date=datetime.date(2021, 12, 31)
    )
    assert_refused(
        Position(person=person, organisation=organisation, title="Project Manager, ILO-China Partnership Project"),
        "This person holds an open position at this organisation already: give one of them an end date.",
    )


def test_the_admin_refuses_two_rows_open_at_one_organisation_next_to_the_second(rf, admin_user):
    person, organisation = PersonFactory(), OrganisationFactory()
    request = rf.post("/")
    request.user = admin_user
    formset_class = PositionInline(Person, admin.site).get_formset(request, person)
    rows = [("Project Manager", ""), ("Project Manager, ILO-China Partnership Project", ""), ("Adviser", "2021-12-31")]
    data = {"positions-TOTAL_FORMS": "3", "positions-INITIAL_FORMS": "0"}
    for index, (title, end) in enumerate(rows):
        data.update(
            {
                f"positions-{index}-organisation": str(organisation.pk),
                f"positions-{index}-title": title,
                f"positions-{index}-end_date": end,
            }
        )
    formset = formset_class(data, instance=person, prefix="positions")
    assert not formset.is_valid()
    assert [form.non_field_errors() for form in formset] == [
        [],
        ["This person holds an open position at this organisation already: give one of them an end date."],
        [],
    ]
