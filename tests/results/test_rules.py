import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import ADMIN
from agreements.models import Agreement, AgreementParty
from institutes.models import Organisation
from institutes.services import organisation_merge
from results.rules import RULES
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    TopicFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)
from workshops.models import ActionItem, Attendance, Programme, Workshop

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 6, 1)
Y2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))


def day(text):
    return datetime.date.fromisoformat(text)


def compute(rule, subject, start, end):
    return RULES[rule].compute(subject, start=start, end=end, today=TODAY)


def titles(count):
    return sorted(Workshop.objects.filter(pk__in=count.ids).values_list("title", flat=True))


@pytest.fixture
def programme():
    return ProgrammeFactory(name="ILO–China Partnership Programme")


def test_a_workshop_on_the_periods_last_day_counts_and_one_the_day_after_does_not(programme):
    WorkshopFactory(title="last day", programme=programme, kind="bilateral", start_date=day("2022-12-31"))
    WorkshopFactory(title="day after", programme=programme, kind="bilateral", start_date=day("2023-01-01"))
    WorkshopFactory(title="first day", programme=programme, kind="bilateral", start_date=day("2022-01-01"))

    count = compute("bilateral_workshops", programme, *Y2022)

    assert (count.value, titles(count)) == (2, ["first day", "last day"])


def test_a_month_precision_workshop_counts_only_in_a_period_holding_the_whole_month(programme):
    WorkshopFactory(
        title="November 2022",
        programme=programme,
        kind="bilateral",
        start_date=day("2022-11-01"),
        date_precision="month",
    )

    assert compute("bilateral_workshops", programme, *Y2022).value == 1
    assert compute("bilateral_workshops", programme, day("2021-11-01"), day("2022-11-30")).value == 1
    assert compute("bilateral_workshops", programme, day("2021-11-01"), day("2022-11-21")).value == 0
    assert compute("bilateral_workshops", programme, day("2022-11-02"), day("2022-12-31")).value == 0


def test_a_year_precision_workshop_counts_only_in_a_period_holding_the_whole_year(programme):
    WorkshopFactory(
        title="2022", programme=programme, kind="bilateral", start_date=day("2022-01-01"), date_precision="year"
    )

    assert compute("bilateral_workshops", programme, *Y2022).value == 1
    assert compute("bilateral_workshops", programme, day("2022-01-01"), day("2022-11-30")).value == 0
    assert compute("bilateral_workshops", programme, day("2021-01-01"), day("2023-12-31")).value == 1


def test_workshops_held_count_by_kind_status_and_the_initiatives_under_the_programme(programme):
    initiative = ProgrammeFactory(name="Skills network", kind=Programme.Kind.INITIATIVE, parent=programme)
    WorkshopFactory(title="bilateral", programme=programme, kind="bilateral", start_date=day("2022-03-01"))
    WorkshopFactory(title="of the initiative", initiative=initiative, kind="bilateral", start_date=day("2022-04-01"))
    WorkshopFactory(
        title="cancelled", programme=programme, kind="bilateral", start_date=day("2022-05-01"), status="cancelled"
    )
    WorkshopFactory(title="multilateral", programme=programme, kind="multilateral", start_date=day("2022-06-01"))
    WorkshopFactory(title="elsewhere", kind="bilateral", start_date=day("2022-06-01"))

    bilateral = compute("bilateral_workshops", programme, *Y2022)
    multilateral = compute("multilateral_workshops", programme, *Y2022)

    assert (bilateral.value, titles(bilateral)) == (2, ["bilateral", "of the initiative"])
    assert (multilateral.value, titles(multilateral)) == (1, ["multilateral"])
    assert compute("bilateral_workshops", initiative, *Y2022).value == 1


def test_a_workshop_planned_for_the_future_does_not_count_as_held(programme):
    WorkshopFactory(title="planned", programme=programme, kind="bilateral", start_date=day("2024-06-01"), status="")

    assert compute("bilateral_workshops", programme, day("2024-01-01"), day("2024-12-31")).value == 0


def test_trainings_and_training_of_trainers_programmes(programme):
    WorkshopFactory(title="Welding training", programme=programme, kind="training", start_date=day("2022-03-01"))
    WorkshopFactory(
        title="Training of trainers on welding", programme=programme, kind="training", start_date=day("2022-04-01")
    )
    tagged = WorkshopFactory(title="Mechatronics", programme=programme, kind="training", start_date=day("2022-05-01"))
    tagged.topics.add(TopicFactory(name="Training of trainers"), TopicFactory(name="Mechatronics"))
    WorkshopFactory(
        title="Training of trainers forum", programme=programme, kind="conference", start_date=day("2022-05-01")
    )

    assert compute("training_workshops", programme, *Y2022).value == 3
    tot = compute("tot_workshops", programme, *Y2022)
    assert (tot.value, titles(tot)) == (2, ["Mechatronics", "Training of trainers on welding"])


def test_people_trained_adds_the_named_trainees_and_the_unnamed_part_of_the_reported_count(programme):
    first = WorkshopFactory(programme=programme, kind="training", start_date=day("2022-03-01"), reported_attendance=12)
    second = WorkshopFactory(programme=programme, kind="training", start_date=day("2022-09-01"))
    trainees = [PersonFactory() for _ in range(3)]
    for person in trainees:
        AttendanceFactory(workshop=first, person=person, role=Attendance.Role.PARTICIPANT)
    AttendanceFactory(workshop=first, role=Attendance.Role.SPEAKER)
    AttendanceFactory(workshop=first, role=Attendance.Role.PARTICIPANT, presence=Attendance.Presence.ABSENT)
    AttendanceFactory(workshop=second, person=trainees[0], role=Attendance.Role.PARTICIPANT)
    AttendanceFactory(workshop=second, role=Attendance.Role.PARTICIPANT)
    WorkshopFactory(programme=programme, kind="bilateral", start_date=day("2022-03-01"), reported_attendance=40)

    count = compute("people_trained", programme, *Y2022)

    # Named: 3 at the first and one new at the second (the first's trainee counts once); unnamed: 12 reported less
    # the 4 named present at the first, and none at the second, which reports no count.
    assert count.value == 12
    assert [(str(label), value) for label, value in count.parts] == [
        ("named trainees", 4),
        ("not named, from the reported attendance", 8),
    ]
    assert sorted(count.ids) == sorted([first.pk, second.pk])


def test_member_organisations_are_the_tvets_met_in_its_workshops_and_parties_to_its_agreements(programme):
    host, attendee, absent, ministry, party, later = (
        OrganisationFactory(name="Host TVET"),
        OrganisationFactory(name="Attendee TVET"),
        OrganisationFactory(name="Absent TVET"),
        OrganisationFactory(name="Ministry", kind=Organisation.Kind.GOVERNMENT),
        OrganisationFactory(name="Party TVET"),
        OrganisationFactory(name="Later TVET"),
    )
    workshop = WorkshopFactory(programme=programme, start_date=day("2022-03-01"))
    WorkshopOrganisationFactory(workshop=workshop, organisation=host)
    WorkshopOrganisationFactory(workshop=workshop, organisation=ministry, role="participant")
    AttendanceFactory(workshop=workshop, organisation=attendee)
    AttendanceFactory(workshop=workshop, organisation=absent, presence=Attendance.Presence.ABSENT)
    agreement = AgreementFactory(programme=programme, status=Agreement.Status.ACTIVE, signed_on=day("2022-05-01"))
    AgreementPartyFactory(agreement=agreement, organisation=party)
    WorkshopOrganisationFactory(
        workshop=WorkshopFactory(programme=programme, start_date=day("2023-02-01")), organisation=later
    )

    count = compute("member_organisations", programme, *Y2022)

    names = sorted(Organisation.objects.filter(pk__in=count.ids).values_list("name", flat=True))
    assert (count.value, names) == (3, ["Attendee TVET", "Host TVET", "Party TVET"])
    # As at the period's end: the start does not matter.
    assert compute("member_organisations", programme, day("2022-12-01"), day("2022-12-31")).value == 3


def test_a_merged_organisation_counts_once_as_the_record_that_continues_it(programme):
    keep, duplicate = OrganisationFactory(name="Wuxi Institute of Technician"), OrganisationFactory(name="WIT")
    first = WorkshopFactory(programme=programme, start_date=day("2022-03-01"))
    second = WorkshopFactory(programme=programme, start_date=day("2022-04-01"))
    WorkshopOrganisationFactory(workshop=first, organisation=keep)
    WorkshopOrganisationFactory(workshop=second, organisation=duplicate)
    assert compute("member_organisations", programme, *Y2022).value == 2

    organisation_merge(keep=keep, duplicate=duplicate, user=UserFactory(role=ADMIN))

    count = compute("member_organisations", programme, *Y2022)
    assert (count.value, list(count.ids)) == (1, [keep.pk])


def test_a_merge_that_leaves_the_duplicate_as_a_party_still_counts_one_member(programme):
    keep, duplicate = OrganisationFactory(name="Keep TVET"), OrganisationFactory(name="Duplicate TVET")
    agreement = AgreementFactory(programme=programme, status=Agreement.Status.ACTIVE, signed_on=day("2022-05-01"))
    AgreementPartyFactory(agreement=agreement, organisation=keep)
    AgreementPartyFactory(agreement=agreement, organisation=duplicate)

    organisation_merge(keep=keep, duplicate=duplicate, user=UserFactory(role=ADMIN))

    assert AgreementParty.objects.filter(organisation=duplicate).count() == 1
    count = compute("member_organisations", programme, *Y2022)
    assert (count.value, list(count.ids)) == (1, [keep.pk])


def _members_with_agreement(programme, **agreement):
    a, b = OrganisationFactory(), OrganisationFactory()
    workshop = WorkshopFactory(programme=programme, start_date=day("2021-03-01"))
    WorkshopOrganisationFactory(workshop=workshop, organisation=a)
    WorkshopOrganisationFactory(workshop=workshop, organisation=b)
    record = AgreementFactory(**agreement)
    AgreementPartyFactory(agreement=record, organisation=a)
    AgreementPartyFactory(agreement=record, organisation=b)
    return record


def test_agreements_signed_between_members_in_the_period_a_terminated_one_included(programme):
    terminated = AgreementFactory(
        title="terminated",
        programme=programme,
        status="terminated",
        signed_on=day("2022-03-01"),
        effective_from=day("2022-03-01"),
        status_since=day("2022-06-30"),
    )
    between = _members_with_agreement(programme, title="between members", status="active", signed_on=day("2022-08-01"))
    _members_with_agreement(programme, title="signed before", status="active", signed_on=day("2021-08-01"))
    AgreementFactory(title="draft", programme=programme, status="drafting")
    AgreementFactory(title="another programme's", status="active", signed_on=day("2022-08-01"))

    count = compute("agreements_signed", programme, *Y2022)

    assert (count.value, sorted(count.ids)) == (2, sorted([terminated.pk, between.pk]))


def test_agreements_in_force_stop_counting_after_termination_or_expiry(programme):
    terminated = AgreementFactory(
        title="terminated",
        programme=programme,
        status="terminated",
        signed_on=day("2022-03-01"),
        effective_from=day("2022-03-01"),
        status_since=day("2022-06-30"),
    )
    expired = AgreementFactory(
        title="expired",
        programme=programme,
        status="expired",
        signed_on=day("2020-01-01"),
        effective_from=day("2020-01-01"),
        expires_on=day("2021-12-31"),
        status_since=day("2022-01-01"),
    )
    active = AgreementFactory(title="active", programme=programme, status="active", signed_on=day("2022-11-01"))
    AgreementFactory(title="signed later", programme=programme, status="signed", signed_on=day("2023-02-01"))

    in_2022 = compute("agreements_in_force", programme, *Y2022)
    in_2023 = compute("agreements_in_force", programme, day("2023-01-01"), day("2023-12-31"))
    in_2021 = compute("agreements_in_force", programme, day("2021-01-01"), day("2021-12-31"))

    assert sorted(in_2022.ids) == sorted([terminated.pk, active.pk])
    assert in_2023.value == 2  # the active one and the one signed in 2023
    assert list(in_2021.ids) == [expired.pk]


def test_actions_done_on_time_are_those_completed_in_the_period_by_their_due_date(programme):
    workshop = WorkshopFactory(programme=programme, start_date=day("2022-01-14"))
    done = ActionItem.Status.DONE
    on_time = ActionItemFactory(
        workshop=workshop, status=done, due_date=day("2022-05-01"), completed_on=day("2022-05-01")
    )
    ActionItemFactory(workshop=workshop, status=done, due_date=day("2022-05-01"), completed_on=day("2022-05-02"))
    ActionItemFactory(workshop=workshop, status=done, completed_on=day("2022-05-02"))
    ActionItemFactory(workshop=workshop, status=ActionItem.Status.OPEN, due_date=day("2022-05-01"))
    ActionItemFactory(workshop=workshop, status=done, due_date=day("2023-05-01"), completed_on=day("2023-01-02"))

    count = compute("actions_on_time", programme, *Y2022)

    assert (count.value, list(count.ids)) == (1, [on_time.pk])
    assert [(str(label), value) for label, value in count.parts] == [
        ("done on time", 1),
        ("done late or with no due date", 2),
    ]


def test_an_agreements_workshops_are_those_two_of_its_parties_took_part_in():
    wit, pccfpi, other = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory()
    AgreementPartyFactory(agreement=agreement, organisation=wit)
    AgreementPartyFactory(agreement=agreement, organisation=pccfpi)
    AgreementPartyFactory(agreement=agreement, organisation=other, role=AgreementParty.Role.WITNESS)
    both = WorkshopFactory(title="both", kind="bilateral", start_date=day("2022-03-01"))
    WorkshopOrganisationFactory(workshop=both, organisation=wit)
    AttendanceFactory(workshop=both, organisation=pccfpi)
    one = WorkshopFactory(title="one party and the witness", kind="bilateral", start_date=day("2022-04-01"))
    WorkshopOrganisationFactory(workshop=one, organisation=wit)
    WorkshopOrganisationFactory(workshop=one, organisation=other)

    count = compute("bilateral_workshops", agreement, *Y2022)

    assert (count.value, titles(count)) == (1, ["both"])


def test_a_training_reporting_fewer_people_than_it_names_adds_no_unnamed_trainee(programme):
    fewer = WorkshopFactory(programme=programme, kind="training", start_date=day("2022-03-01"), reported_attendance=1)
    more = WorkshopFactory(programme=programme, kind="training", start_date=day("2022-04-01"), reported_attendance=5)
    for workshop in (fewer, more):
        AttendanceFactory(workshop=workshop, role=Attendance.Role.PARTICIPANT)
        AttendanceFactory(workshop=workshop, role=Attendance.Role.PARTICIPANT)
    AttendanceFactory(workshop=more, role=Attendance.Role.PARTICIPANT, presence=Attendance.Presence.ABSENT)

    count = compute("people_trained", programme, *Y2022)

    # Named: 4 people; unnamed: none at the first (1 reported, 2 named), 5 - 2 = 3 at the second (the absent one
    # is not subtracted).
    assert count.value == 7
    assert [value for _label, value in count.parts] == [4, 3]


def test_the_scope_is_the_programme_and_what_lies_directly_under_it(programme):
    initiative = ProgrammeFactory(kind=Programme.Kind.INITIATIVE, parent=programme)
    project = ProgrammeFactory(kind=Programme.Kind.PROJECT, parent=initiative)
    other = ProgrammeFactory()
    WorkshopFactory(title="own", programme=programme, kind="bilateral", start_date=day("2022-03-01"))
    WorkshopFactory(title="initiative's", initiative=initiative, kind="bilateral", start_date=day("2022-03-01"))
    WorkshopFactory(title="under initiative", programme=initiative, kind="bilateral", start_date=day("2022-03-01"))
    WorkshopFactory(title="project's", initiative=project, kind="bilateral", start_date=day("2022-03-01"))
    WorkshopFactory(title="other's", programme=other, kind="bilateral", start_date=day("2022-03-01"))
    ActionItemFactory(
        workshop=WorkshopFactory(initiative=initiative, kind="training", start_date=day("2022-01-01")),
        status=ActionItem.Status.DONE,
        due_date=day("2022-05-01"),
        completed_on=day("2022-04-01"),
    )
    ActionItemFactory(
        workshop=None,
        agreement=AgreementFactory(programme=initiative),
        status=ActionItem.Status.DONE,
        due_date=day("2022-05-01"),
        completed_on=day("2022-04-01"),
    )
    ActionItemFactory(
        workshop=None,
        agreement=AgreementFactory(programme=project),
        status=ActionItem.Status.DONE,
        due_date=day("2022-05-01"),
        completed_on=day("2022-04-01"),
    )

    at_programme = compute("bilateral_workshops", programme, *Y2022)
    at_initiative = compute("bilateral_workshops", initiative, *Y2022)

    assert titles(at_programme) == ["initiative's", "own", "under initiative"]
    assert titles(at_initiative) == ["initiative's", "project's", "under initiative"]
    assert compute("actions_on_time", programme, *Y2022).value == 2
    assert compute("actions_on_time", initiative, *Y2022).value == 3


def test_a_training_of_trainers_with_two_such_topics_counts_once(programme):
    workshop = WorkshopFactory(title="ToT", programme=programme, kind="training", start_date=day("2022-05-01"))
    workshop.topics.add(TopicFactory(name="Training of trainers"), TopicFactory(name="Training of trainers, TVET"))

    count = compute("tot_workshops", programme, *Y2022)

    assert (count.value, list(count.ids)) == (1, [workshop.pk])


def _records(programme, n):
    """n held trainings of the programme in 2022, each hosted by the same two parties of an agreement of the
    programme, with attendees and an action done on time."""
    a, b = Organisation.objects.get_or_create(name="A TVET")[0], Organisation.objects.get_or_create(name="B TVET")[0]
    agreement = Agreement.objects.filter(title="joint").first()
    if agreement is None:
        agreement = AgreementFactory(title="joint", programme=programme, status="active", signed_on=day("2022-02-01"))
        AgreementPartyFactory(agreement=agreement, organisation=a)
        AgreementPartyFactory(agreement=agreement, organisation=b)
    for i in range(n):
        workshop = WorkshopFactory(
            programme=programme, kind="training", start_date=day("2022-03-01"), reported_attendance=10 + i
        )
        WorkshopOrganisationFactory(workshop=workshop, organisation=a)
        WorkshopOrganisationFactory(workshop=workshop, organisation=b)
        AttendanceFactory(workshop=workshop, role=Attendance.Role.PARTICIPANT)
        ActionItemFactory(
            workshop=workshop, status=ActionItem.Status.DONE, due_date=day("2022-05-01"), completed_on=day("2022-04-01")
        )
        ActionItemFactory(
            agreement=agreement, workshop=None, status=ActionItem.Status.DONE, completed_on=day("2022-04-01")
        )
    return agreement


def test_every_rule_counts_its_records_and_records_are_the_ids(programme):
    agreement = _records(programme, 3)
    assert compute("people_trained", programme, *Y2022).value == 3 + (10 - 1) + (11 - 1) + (12 - 1)
    for subject in (programme, agreement):
        for rule in RULES.values():
            if (rule.name == "member_organisations" or "agreements" in rule.name) and subject is agreement:
                continue
            count = compute(rule.name, subject, *Y2022)
            if rule.name != "people_trained":  # people, at the trainings it lists
                assert (rule.name, count.value) == (rule.name, len(count.ids))
            assert (rule.name, sorted(record.pk for record in count.records)) == (rule.name, list(count.ids))


def _queries_per_rule(programme, agreement):
    queries = {}
    for subject in (Programme.objects.get(pk=programme.pk), Agreement.objects.get(pk=agreement.pk)):
        about = "programme" if isinstance(subject, Programme) else "agreement"
        for rule in RULES.values():
            if about in rule.applies_to:
                with CaptureQueriesContext(connection) as captured:
                    count = compute(rule.name, subject, *Y2022)
                    count.ids  # noqa: B018 — read as a page listing the records does
                queries[about, rule.name] = (len(captured), count.value)
    return queries


def test_a_rules_queries_do_not_grow_with_the_records(programme):
    agreement = _records(programme, 2)
    with_two = _queries_per_rule(programme, agreement)
    _records(programme, 4)
    with_six = _queries_per_rule(programme, agreement)

    assert {key: n for key, (n, _value) in with_two.items()} == {key: n for key, (n, _value) in with_six.items()}
    assert with_six["programme", "training_workshops"][1] == 6
    assert with_six["agreement", "training_workshops"][1] == 6
    assert with_six["programme", "member_organisations"][1] == 2 + 6  # the two hosts and the attendees' TVETs


def test_rules_computed_in_one_block_read_a_subjects_members_once(programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from results.rules import sharing_members

    kampot, hanoi = OrganisationFactory(name="Kampot Polytechnic"), OrganisationFactory(name="Hanoi College")
    for organisation in (kampot, hanoi):
        WorkshopOrganisationFactory(
            workshop=WorkshopFactory(programme=programme, start_date=day("2022-03-01")), organisation=organisation
        )
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, signed_on=day("2022-05-01"))
    AgreementPartyFactory(agreement=agreement, organisation=kampot)
    AgreementPartyFactory(agreement=agreement, organisation=hanoi)
    member_rules = ["member_organisations", "agreements_signed", "agreements_in_force"]

    def values():
        return [compute(rule, Programme.objects.get(pk=programme.pk), *Y2022).value for rule in member_rules]

    with CaptureQueriesContext(connection) as apart:
        assert values() == [2, 1, 1]
    with sharing_members(), CaptureQueriesContext(connection) as together:
        assert values() == [2, 1, 1]
    assert len(apart) - len(together) == 2  # the members read once, not three times
