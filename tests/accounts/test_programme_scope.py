import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from accounts.scope import programme_scope
from accounts.services import role_grant, role_revoke
from agreements.models import Agreement
from tests.factories import (
    ActionItemFactory,
    AgreementFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops.data import WorkshopData
from workshops.models import ActionItem, Programme, Workshop
from workshops.services import WorkshopInvalid, workshop_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Two programmes; the first with an initiative and a project under it."""
    ilo = ProgrammeFactory(name="ILO Programme")
    skills = ProgrammeFactory(name="Skills Initiative", parent=ilo, kind=Programme.Kind.INITIATIVE)
    welding = ProgrammeFactory(name="Welding Project", parent=skills, kind=Programme.Kind.PROJECT)
    other = ProgrammeFactory(name="Other Programme")
    return {"ilo": ilo, "skills": skills, "welding": welding, "other": other}


def scoped(role, *programmes, username="scoped"):
    user = UserFactory(username=username)
    for programme in programmes:
        role_grant(user=user, role=role, programme=programme)
    return user


def test_a_grant_covers_its_programme_and_everything_under_it(tree):
    user = scoped("Coordinator", tree["ilo"])
    assert programme_scope(user) == {tree["ilo"].pk, tree["skills"].pk, tree["welding"].pk}


def test_a_grant_for_an_initiative_covers_it_and_its_projects_not_its_programme(tree):
    user = scoped("Coordinator", tree["skills"])
    assert programme_scope(user) == {tree["skills"].pk, tree["welding"].pk}


def test_a_grant_without_a_programme_covers_all_and_a_user_without_grants_none(tree):
    assert programme_scope(UserFactory(role="Manager")) is None
    assert programme_scope(UserFactory(is_superuser=True)) is None
    assert programme_scope(UserFactory()) == frozenset()


def test_the_scope_is_read_in_one_query_and_kept_on_the_user(tree, django_assert_num_queries):
    user = scoped("Coordinator", tree["ilo"], tree["other"])
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(2):  # the grants, then the list; the scope is not read again
        programme_scope(user)
        programme_scope(user)
        list(Workshop.objects.visible_to(user))
        list(Workshop.objects.visible_to(user).none())


def test_a_workshop_is_seen_through_its_programme_or_its_initiative_and_one_without_by_all_only(tree):
    WorkshopFactory(title="By programme", programme=tree["ilo"])
    WorkshopFactory(title="By initiative", programme=tree["other"], initiative=tree["skills"])
    WorkshopFactory(title="Other", programme=tree["other"])
    WorkshopFactory(title="Nowhere")

    def titles(user):
        return sorted(Workshop.objects.visible_to(user).values_list("title", flat=True))

    assert titles(scoped("Coordinator", tree["skills"], username="skills")) == ["By initiative"]
    assert titles(scoped("Coordinator", tree["ilo"], username="ilo")) == ["By initiative", "By programme"]
    assert titles(UserFactory(role="Coordinator")) == ["By initiative", "By programme", "Nowhere", "Other"]


def test_an_action_is_seen_through_its_workshop_or_its_agreement(tree):
    agreement = AgreementFactory(programme=tree["ilo"])
    ActionItemFactory(title="Of the agreement", workshop=None, agreement=agreement)
    ActionItemFactory(title="Of the workshop", workshop=WorkshopFactory(programme=tree["welding"]))
    ActionItemFactory(title="Of the other", workshop=WorkshopFactory(programme=tree["other"]))
    user = scoped("Coordinator", tree["ilo"])
    assert sorted(ActionItem.objects.visible_to(user).values_list("title", flat=True)) == [
        "Of the agreement",
        "Of the workshop",
    ]


def test_a_user_holds_one_role(tree):
    user = scoped("Coordinator", tree["ilo"])
    with pytest.raises(ValidationError) as refused:
        role_grant(user=user, role="Manager", programme=tree["other"])
    assert refused.value.messages == [
        "A user holds one role, for one or more programmes or for all; these grants name Coordinator, Manager."
    ]


def test_the_role_groups_follow_the_grants(tree):
    user = scoped("Manager", tree["ilo"], tree["other"])
    assert list(user.groups.values_list("name", flat=True)) == ["Manager"]
    assert role_revoke(user=user, role="Manager", programme=tree["ilo"]) == 1
    assert list(user.groups.values_list("name", flat=True)) == ["Manager"]
    role_revoke(user=user, role="Manager", programme=tree["other"])
    assert list(user.groups.values_list("name", flat=True)) == []


def _command(*args):
    out = StringIO()
    call_command("grant_role", *args, stdout=out)
    return out.getvalue().strip()


def test_grant_role_gives_and_takes_a_role_by_programme_name_or_for_all(tree):
    user = UserFactory(username="sokha")
    assert _command("sokha", "Coordinator", "--programme", "ILO Programme") == (
        "sokha now holds Coordinator for programme 'ILO Programme'."
    )
    assert _command("sokha", "Coordinator", "--programme", "other programme") == (
        "sokha now holds Coordinator for programme 'Other Programme'."
    )
    assert programme_scope(type(user).objects.get(pk=user.pk)) == {p.pk for p in tree.values()}
    assert _command("sokha", "Coordinator", "--programme", "ILO Programme", "--revoke") == (
        "sokha no longer holds Coordinator for programme 'ILO Programme'."
    )
    assert _command("sokha", "Coordinator") == "sokha now holds Coordinator for all programmes."
    assert set(user.role_grants.values_list("role", "programme__name")) == {
        ("Coordinator", None),
        ("Coordinator", "Other Programme"),
    }


def test_grant_role_takes_the_role_in_any_case(tree):
    user = UserFactory(username="sokha")
    assert _command("sokha", "coordinator", "--programme", "ILO Programme") == (
        "sokha now holds Coordinator for programme 'ILO Programme'."
    )
    assert _command("sokha", "COORDINATOR", "--programme", "ILO Programme", "--revoke") == (
        "sokha no longer holds Coordinator for programme 'ILO Programme'."
    )
    assert _command("sokha", "manager") == "sokha now holds Manager for all programmes."
    assert list(user.role_grants.values_list("role", "programme")) == [("Manager", None)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "Coordinator"], "No user is called 'nobody'."),
        (["sokha", "Coordinator", "--programme", "Nowhere"], "No single programme is called 'Nowhere'."),
        (
            ["sokha", "Manager"],
            "A user holds one role, for one or more programmes or for all; these grants name Coordinator, Manager.",
        ),
        (["sokha", "Manager", "--revoke"], "sokha does not hold Manager for all programmes."),
    ],
)
def test_grant_role_says_what_it_refused(tree, args, message):
    scoped("Coordinator", tree["ilo"], username="sokha")
    with pytest.raises(CommandError) as refused:
        _command(*args)
    assert str(refused.value) == message


def test_existing_members_of_a_role_group_hold_it_for_all_programmes():
    """The data migration, run again on members made without a grant."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("accounts.migrations.0010_programme_roles")
    user = UserFactory(username="old")
    both = UserFactory(username="both")
    user.groups.add(Group.objects.get(name="Manager"))
    both.groups.add(Group.objects.get(name="Coordinator"), Group.objects.get(name="Admin"))
    migration.grant_members_all_programmes(apps, None)
    assert sorted(
        type(user)
        .objects.filter(role_grants__isnull=False)
        .values_list("username", "role_grants__role", "role_grants__programme")
    ) == [("both", "Admin", None), ("old", "Manager", None)]


@pytest.fixture
def two_programmes(tree):
    soon = datetime.date.today() + datetime.timedelta(days=30)
    mine = WorkshopFactory(title="Wuxi workshop of mine", programme=tree["ilo"], start_date=soon, status="")
    WorkshopFactory(title="Wuxi workshop of theirs", programme=tree["other"], start_date=soon, status="")
    expires = datetime.date.today() + datetime.timedelta(days=60)
    for whose, programme in [("mine", tree["ilo"]), ("theirs", tree["other"])]:
        AgreementFactory(
            title=f"Agreement of {whose}", programme=programme, status=Agreement.Status.ACTIVE, expires_on=expires
        )
    ActionItemFactory(title="Action of mine", workshop=mine)
    return tree


def test_a_scoped_user_finds_their_programmes_records_at_every_list(client, two_programmes):
    user = scoped("Manager", two_programmes["ilo"])
    client.force_login(user)
    pages = {
        "/workshops/?q=Wuxi": "Wuxi workshop of",
        "/agreements/": "Agreement of",
        "/actions/all/": "Action of",
        "/search/?q=Wuxi": "Wuxi workshop of",
        "/workshops/export.csv": "Wuxi workshop of",
        "/agreements/export.csv": "Agreement of",
    }
    for url, start in pages.items():
        text = client.get(url).content.decode()
        assert (f"{start} mine" in text, f"{start} theirs" in text) == (True, False), url
    assert [w["title"] for w in client.get("/api/workshops/").json()["results"]] == ["Wuxi workshop of mine"]
    assert [a["title"] for a in client.get("/api/agreements/").json()["results"]] == ["Agreement of mine"]
    assert client.get("/workshops/programmes/match/?q=Programme").json()["results"] == [
        {"id": two_programmes["ilo"].pk, "name": "ILO Programme", "label": "ILO Programme"}
    ]


def test_a_scoped_users_calendar_feeds_hold_their_programmes_only(client, two_programmes):
    user = scoped("Manager", two_programmes["ilo"])
    agreements = client.get(f"/calendar/{user.calendar_token}/agreements.ics").content.decode()
    workshops = client.get(f"/calendar/{user.calendar_token}/workshops.ics").content.decode()
    assert ("Agreement of mine" in agreements, "Agreement of theirs" in agreements) == (True, False)
    assert ("Wuxi workshop of mine" in workshops, "Wuxi workshop of theirs" in workshops) == (True, False)


def test_a_scoped_user_records_an_agreement_in_one_of_their_programmes(client, two_programmes):
    client.force_login(scoped("Manager", two_programmes["ilo"]))
    base = {"title": "New MoU", "kind": "mou", "scope": "bilateral"}
    refused = client.post("/agreements/new/", {**base, "programme": two_programmes["other"].pk})
    missing = client.post("/agreements/new/", base)
    saved = client.post("/agreements/new/", {**base, "programme": two_programmes["skills"].pk})
    assert [refused.status_code, missing.status_code, saved.status_code] == [200, 200, 302]
    assert refused.context["form"].errors["programme"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert missing.context["form"].errors["programme"] == ["This field is required."]
    assert list(Agreement.objects.filter(title="New MoU").values_list("programme__name", flat=True)) == [
        "Skills Initiative"
    ]


def test_the_api_refuses_a_record_outside_the_users_programmes(client, two_programmes):
    client.force_login(scoped("Manager", two_programmes["ilo"]))
    other = client.post(
        "/api/agreements/",
        json.dumps({"title": "API MoU", "programme": two_programmes["other"].pk}),
        content_type="application/json",
    )
    none = client.post("/api/agreements/", json.dumps({"title": "API MoU"}), content_type="application/json")
    assert (other.status_code, none.status_code) == (400, 400)
    assert other.json()["programme"] == [f'Invalid pk "{two_programmes["other"].pk}" - object does not exist.']
    assert none.json()["programme"] == ["This field is required."]


def test_a_workshop_is_written_only_into_the_writers_programmes(two_programmes):
    user = scoped("Coordinator", two_programmes["ilo"])
    data = {"title": "Planning meeting", "start_date": datetime.date(2026, 3, 2), "timezone": "UTC"}
    with pytest.raises(WorkshopInvalid) as refused:
        workshop_write(data=WorkshopData(**data, programme=two_programmes["other"].pk), user=user)
    assert refused.value.message_dict["programme"] == ["Choose one of your programmes, or an initiative under one."]
    with pytest.raises(WorkshopInvalid):
        workshop_write(data=WorkshopData(**data), user=user)
    written = workshop_write(data=WorkshopData(**data, initiative=two_programmes["welding"].pk), user=user)
    assert written.initiative_id == two_programmes["welding"].pk


def test_a_scoped_user_gets_404_for_another_programmes_records(client, two_programmes):
    client.force_login(scoped("Manager", two_programmes["ilo"]))
    theirs = Workshop.objects.get(title="Wuxi workshop of theirs")
    agreement = Agreement.objects.get(title="Agreement of theirs")
    urls = [
        f"/workshops/{theirs.pk}/",
        f"/workshops/{theirs.pk}/history/",
        f"/workshops/{theirs.pk}/pdf/",
        f"/agreements/{agreement.pk}/",
        f"/agreements/{agreement.pk}/iati.xml",
        f"/agreements/programmes/{two_programmes['other'].pk}/iati.xml",
        f"/api/workshops/{theirs.pk}/",
        f"/api/agreements/{agreement.pk}/",
    ]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)


def test_a_person_page_lists_the_attendances_and_actions_of_the_users_programmes(client, two_programmes):
    person = PersonFactory(given_name="Dara", family_name="Keo")
    ActionItemFactory(
        title="Dara's action of mine", owner=person, workshop=Workshop.objects.get(title__endswith="mine")
    )
    ActionItemFactory(
        title="Dara's action of theirs", owner=person, workshop=Workshop.objects.get(title__endswith="theirs")
    )
    client.force_login(scoped("Coordinator", two_programmes["ilo"]))
    text = client.get(f"/people/{person.pk}/").content.decode()
    assert ("action of mine" in text, "action of theirs" in text) == (True, False)


def test_insights_offer_a_scoped_user_their_programmes_only(client, two_programmes):
    client.force_login(scoped("Manager", two_programmes["ilo"]))
    form = client.get("/insights/").context["form"]
    assert [str(p) for p in form.fields["programme"].queryset] == [
        "ILO Programme",
        "Skills Initiative",
        "Welding Project",
    ]
    assert form.fields["programme"].required is True


def _user_form(user, **grants):
    """The admin's user page as posted back, with its roles' rows."""
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "role_grants-INITIAL_FORMS": "0",
        "role_grants-MIN_NUM_FORMS": "0",
        "role_grants-MAX_NUM_FORMS": "1000",
    }
    rows = list(grants.items())
    data["role_grants-TOTAL_FORMS"] = str(len(rows))
    for index, (role, programme) in enumerate(rows):
        data[f"role_grants-{index}-role"] = role
        data[f"role_grants-{index}-programme"] = programme.pk if programme else ""
    return data


def test_the_admin_grants_roles_on_the_users_page_and_the_groups_follow(client, tree):
    client.force_login(UserFactory(username="chief", role="Admin", is_staff=True))
    user = UserFactory(username="dara")
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", _user_form(user, Manager=tree["ilo"]))
    assert response.status_code == 302
    assert list(user.role_grants.values_list("role", "programme__name")) == [("Manager", "ILO Programme")]
    assert list(user.groups.values_list("name", flat=True)) == ["Manager"]


def test_the_admin_refuses_two_roles_for_one_user(client, tree):
    client.force_login(UserFactory(username="chief", role="Admin", is_staff=True))
    user = UserFactory(username="dara")
    data = _user_form(user, Manager=tree["ilo"], Coordinator=tree["other"])
    response = client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 200
    assert [str(e) for e in response.context["inline_admin_formsets"][0].formset.non_form_errors()] == [
        "A user holds one role, for one or more programmes or for all; these grants name Coordinator, Manager."
    ]
    assert list(user.role_grants.all()) == []


def test_an_admin_of_one_programme_cannot_hand_out_roles(client, tree):
    scoped_admin = scoped("Admin", tree["ilo"], username="local-admin")
    scoped_admin.is_staff = True
    scoped_admin.save()
    client.force_login(scoped_admin)
    user = UserFactory(username="dara")
    client.post(f"/admin/accounts/user/{user.pk}/change/", _user_form(user, Admin=None))
    assert list(user.role_grants.all()) == []
    assert list(scoped_admin.role_grants.values_list("programme__name", flat=True)) == ["ILO Programme"]
