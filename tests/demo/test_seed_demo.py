"""The demo data is the reference record of tests/fixtures/reference/README.md: every fact, by value."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agreements.models import Agreement
from institutes.models import City, CityRelation, Organisation
from institutes.search import match_organisations
from participants.models import Person
from workshops.models import ActionItem, Attendance, Workshop

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "reference"

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    call_command("seed_demo", password="demo-pass-2022", stdout=StringIO())
    return Workshop.objects.get()


def test_reference_folder_is_the_one_the_demo_data_transcribes():
    readme = (REFERENCE / "README.md").read_text()
    report = (REFERENCE / "wit-pccfpi-workshop-2022-01-14.txt").read_text()
    assert "A total of 19 representatives" in report
    assert "| Mr. Kimroeun Kouy | National Project Coordinator, Cambodia | ILO | attended |" in readme


def test_it_loads_the_workshop_core_facts(workshop):
    assert workshop.title == (
        "Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT) and Preah Sihanouk "
        "Cambodia-China Friendship Polytechnic Institute (PCCFPI)"
    )
    assert workshop.other_title.startswith("Bilateral workshop of TVETs between Wuxi Institute of Technician")
    assert workshop.start_date == datetime.date(2022, 1, 14)
    assert workshop.start_time is None
    assert workshop.format == Workshop.Format.ONLINE
    assert workshop.kind == Workshop.Kind.BILATERAL
    assert workshop.status == Workshop.Status.HELD
    assert workshop.programme.name == "ILO–China Partnership Programme"
    assert "ILO-China Partnership Project" in workshop.programme.other_names
    assert workshop.initiative.name == "Skills Development Network through South-South Cooperation"
    assert workshop.initiative.parent == workshop.programme
    assert workshop.programme.coordinating_organisation.short_name == "ILO"
    assert workshop.programme.coordinating_unit == "ILO–China Partnership Project"


def test_it_keeps_reported_and_named_attendance_apart(workshop):
    assert workshop.reported_attendance == 19
    assert workshop.attendances.count() == 8
    # The 8 named, and the person each of the 3 demo accounts stands for.
    assert Person.objects.count() == 11
    assert Person.objects.filter(attendances__workshop=workshop).count() == 8


def test_each_demo_account_stands_for_a_person_who_owns_the_pipeline_actions(workshop):
    accounts = get_user_model().objects.select_related("person").order_by("username")
    assert [(u.username, u.person.full_name, u.person.email) for u in accounts] == [
        ("admin", "Demo admin", "admin@example.org"),
        ("coordinator", "Demo coordinator", "coordinator@example.org"),
        ("manager", "Demo manager", "manager@example.org"),
    ]
    owners = ActionItem.objects.exclude(owner=None).values_list("owner__user__username", flat=True)
    assert sorted(owners) == ["coordinator", "coordinator", "manager", "manager", "manager", "manager"]
    call_command("seed_demo", stdout=StringIO())  # again: no second person for anyone
    assert Person.objects.count() == 11


def test_it_loads_the_six_organisations(workshop):
    rows = {
        (o.short_name, o.name, o.country.code or "", o.city.name if o.city else "", o.kind)
        for o in Organisation.objects.select_related("city")
    }
    assert rows == {
        ("WIT", "Wuxi Institute of Technician", "CN", "Wuxi", "tvet"),
        ("PCCFPI", "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute", "KH", "Sihanoukville", "tvet"),
        ("SSEZ", "Sihanoukville Special Economic Zone Co., Ltd.", "KH", "Sihanoukville", "enterprise"),
        ("Wuxi HRSS Bureau", "Wuxi Human Resources and Social Security Bureau", "CN", "Wuxi", "government"),
        ("MOHRSS", "Ministry of Human Resources and Social Security of China", "CN", "Beijing", "government"),
        ("ILO", "International Labour Organization", "", "", "international"),
    }
    iati = dict(Organisation.objects.values_list("short_name", "iati_type"))
    assert iati == {"WIT": "80", "PCCFPI": "80", "SSEZ": "70", "Wuxi HRSS Bureau": "11", "MOHRSS": "10", "ILO": "40"}


def test_every_organisation_of_the_record_is_at_the_workshop(workshop):
    linked = set(workshop.organisation_links.values_list("organisation__short_name", "role"))
    assert linked == {
        ("WIT", "host"),
        ("PCCFPI", "host"),
        ("ILO", "coordinator"),
        ("SSEZ", "participant"),
        ("MOHRSS", "participant"),
    }
    via_people = set(workshop.attendances.values_list("organisation__short_name", flat=True))
    assert {short for short, _role in linked} | via_people == {
        "WIT",
        "PCCFPI",
        "SSEZ",
        "Wuxi HRSS Bureau",
        "MOHRSS",
        "ILO",
    }


@pytest.mark.parametrize(
    "written, short_name",
    [("SCCFPI", "PCCFPI"), ("sccfpi", "PCCFPI"), ("SSES", "SSEZ"), ("PCCFPI", "PCCFPI"), ("  SSEZ ", "SSEZ")],
)
def test_aliases_resolve_to_one_record(workshop, written, short_name):
    assert _exact_matches(written) == [short_name]


def test_ilo_china_project_resolves_to_the_ilo(workshop):
    assert _exact_matches("ILO-China Partnership Project") == ["ILO"]


def _exact_matches(name):
    return [match.record.current().short_name for match in match_organisations(name) if match.is_exact]


def test_it_names_the_eight_people_with_titles(workshop):
    rows = [
        (a.person.formal_name, a.title, a.organisation.short_name, a.role)
        for a in workshop.attendances.select_related("person", "organisation").order_by("order")
    ]
    assert rows == [
        ("Mr. Samath Bou", "Principal", "PCCFPI", "speaker"),
        ("Mr. Ting Shen", "Deputy Director", "Wuxi HRSS Bureau", "speaker"),
        ("Mr. Zhenyun Li", "Principal", "WIT", "speaker"),
        ("Mr. Jianbin Chen", "Vice-Principal", "WIT", "speaker"),
        ("Mr. Jiangang Chen", "Chairman", "SSEZ", "participant"),
        ("Mr. Jianjiang Cao", "General Manager", "SSEZ", "speaker"),
        ("Mr. Yutong Liu", "Project Manager", "ILO", "organiser"),
        ("Mr. Kimroeun Kouy", "National Project Coordinator, Cambodia", "ILO", "participant"),
    ]
    assert set(Attendance.objects.values_list("presence", flat=True)) == {"present"}


def test_positions_match_the_attendance_snapshot(workshop):
    positions = {
        (p.person.full_name, p.title, p.organisation.short_name, p.unit)
        for person in Person.objects.prefetch_related("positions__organisation")
        for p in person.positions.all()
    }
    assert positions == {
        ("Samath Bou", "Principal", "PCCFPI", ""),
        ("Ting Shen", "Deputy Director", "Wuxi HRSS Bureau", ""),
        ("Zhenyun Li", "Principal", "WIT", ""),
        ("Jianbin Chen", "Vice-Principal", "WIT", ""),
        ("Jiangang Chen", "Chairman", "SSEZ", ""),
        ("Jianjiang Cao", "General Manager", "SSEZ", ""),
        ("Yutong Liu", "Project Manager", "ILO", "ILO–China Partnership Project"),
        ("Kimroeun Kouy", "National Project Coordinator, Cambodia", "ILO", ""),
    }


def test_the_two_mr_chens_are_two_people(workshop):
    chens = Person.objects.filter(family_name="Chen").order_by("given_name")
    assert [(p.given_name, p.positions.get().organisation.short_name) for p in chens] == [
        ("Jianbin", "WIT"),
        ("Jiangang", "SSEZ"),
    ]


def test_the_quotes_are_verbatim_and_attributed(workshop):
    report = " ".join((REFERENCE / "wit-pccfpi-workshop-2022-01-14.txt").read_text().split())
    statements = list(workshop.statements.select_related("speaker").order_by("order"))
    assert [s.speaker.full_name for s in statements] == ["Ting Shen", "Samath Bou", "Jianjiang Cao"]
    assert statements[0].text.startswith("Wuxi and Sihanouk are sister cities.")
    for statement in statements:
        assert statement.is_verbatim is True
        assert statement.text in report


def test_the_topics_consensus_and_decision(workshop):
    assert set(workshop.topics.values_list("name", flat=True)) == {
        "Thematic topics of TVET development",
        "Bilateral skills development cooperation",
        "Digitalisation of training courses",
        "School-to-school exchange",
        "Exchange of vocational training curriculum",
        "Exchange programmes for trainers and trainees",
        "Skills development in SSEZ",
    }
    outcomes = list(workshop.outcomes.values_list("kind", "text"))
    assert outcomes[0] == (
        "consensus",
        "Participants agreed to discuss the cooperation in more detail at technical level.",
    )
    assert outcomes[1][0] == "decision"
    assert "multilateral cooperation framework agreement" in outcomes[1][1]


def test_the_framework_agreement_is_to_be_drafted(workshop):
    agreement = Agreement.objects.get(origin_workshops=workshop)
    assert agreement.kind == Agreement.Kind.FRAMEWORK
    assert agreement.scope == Agreement.Scope.MULTILATERAL
    assert agreement.status == Agreement.Status.DRAFTING
    assert (agreement.signed_on, agreement.effective_from, agreement.expires_on) == (None, None, None)
    parties = set(agreement.parties.values_list("organisation__short_name", "role", "signatory", "signed_on"))
    assert parties == {
        ("WIT", "party", None, None),
        ("PCCFPI", "party", None, None),
        ("SSEZ", "party", None, None),
        ("ILO", "facilitator", None, None),
    }
    assert list(agreement.origin_workshops.all()) == [workshop]
    assert list(agreement.origin_outcomes.values_list("kind", flat=True)) == ["decision"]
    assert list(agreement.status_changes.values_list("from_status", "to_status")) == [("", "drafting")]


def test_the_follow_up_actions(workshop):
    actions = list(workshop.action_items.order_by("id").values_list("title", "status", "agreement__kind"))
    assert actions == [
        ("Draft the multilateral cooperation framework agreement", "open", "framework"),
        ("Hold technical-level discussions on the details of the cooperation", "open", None),
        ("Plan the exchange of vocational training curricula and of trainers and trainees", "open", None),
    ]


def test_wuxi_and_sihanouk_are_sister_cities(workshop):
    relation = CityRelation.objects.select_related("from_city", "to_city").get()
    assert (relation.from_city.name, relation.kind, relation.to_city.name) == ("Wuxi", "sister_city", "Sihanoukville")
    assert "Preah Sihanouk" in City.objects.get(name="Sihanoukville").other_names


def test_it_creates_the_three_accounts_one_role_each(workshop):
    for username, group in [("coordinator", "Coordinator"), ("manager", "Manager"), ("admin", "Admin")]:
        user = authenticate(username=username, password="demo-pass-2022")
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [group]
    assert authenticate(username="admin", password="demo-pass-2022").is_staff is True
    assert authenticate(username="coordinator", password="demo-pass-2022").is_staff is False


def authenticate(username, password):
    """The user if the password is theirs (django-axes wants a request for the real authenticate())."""
    user = get_user_model().objects.get(username=username)
    return user if user.check_password(password) else None


def _row_counts():
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {"accounts", "institutes", "participants", "workshops", "agreements", "auth"}:
            counts[model._meta.label] = model.objects.count()
    return counts


def test_running_it_twice_changes_nothing(workshop):
    before = _row_counts()
    updated = Workshop.objects.get().updated_at
    out = StringIO()
    call_command("seed_demo", password="demo-pass-2022", stdout=out)
    assert _row_counts() == before
    assert Workshop.objects.get().updated_at == updated
    assert "accounts created: 0 of 3" in out.getvalue()


def test_without_a_password_it_prints_a_random_one_that_works(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    password = re.search(r"with the password: (\S+)", out.getvalue()).group(1)
    assert len(password) >= 12
    assert authenticate(username="manager", password=password) is not None
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "password" not in out.getvalue()
    assert authenticate(username="manager", password=password) is not None
