"""workshops 0007: the accounts that own actions get their people, and the actions (and their history) move to them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("workshops", "0006_dates_and_texts_in_range")
AFTER = ("workshops", "0007_action_owner_is_a_person")


def _migrate(target):
    """Migrate workshops to `target`, the accounts and people as they are now (User.person included)."""
    executor = MigrationExecutor(connection)
    # accounts as it was before 0009 and 0010 (programme roles need the workshops' latest tables).
    targets = [target, ("accounts", "0008_hash_api_tokens")]
    targets += [n for n in executor.loader.graph.leaf_nodes() if n[0] == "participants"]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def at_0006(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_owners_become_their_people_found_by_email_name_or_link_else_made(at_0006):
    apps = at_0006
    User = apps.get_model("accounts", "User")
    Person = apps.get_model("participants", "Person")
    Workshop = apps.get_model("workshops", "Workshop")
    ActionItem = apps.get_model("workshops", "ActionItem")
    HistoricalActionItem = apps.get_model("workshops", "HistoricalActionItem")

    by_mail = Person.objects.create(given_name="Zhenyun", family_name="Li", email="LI@wit.example")
    by_name = Person.objects.create(given_name="Samath", family_name="Bou")
    linked = Person.objects.create(given_name="Kimroeun", family_name="Kouy")
    Person.objects.create(given_name="Ting", family_name="Zhang", is_active=False)  # not taken: inactive
    li = User.objects.create(username="li", email="li@wit.example", first_name="Z.", last_name="Li")
    bou = User.objects.create(username="bou", email="", first_name="samath", last_name="bou")
    kouy = User.objects.create(username="kouy", email="kouy@ilo.example", person=linked)
    ting = User.objects.create(username="ting", email="ting@wit.example", first_name="Ting", last_name="Zhang")
    bystander = User.objects.create(username="bystander", email="by@wit.example")
    workshop = Workshop.objects.create(title="Exchange", start_date=datetime.date(2022, 1, 14))
    ids = {}
    for title, owner in [("Li's", li), ("Bou's", bou), ("Kouy's", kouy), ("Ting's", ting), ("No one's", None)]:
        ids[title] = ActionItem.objects.create(workshop=workshop, title=title, owner=owner).pk
    # A history row from when Bou owned "No one's".
    HistoricalActionItem.objects.create(
        id=ids["No one's"],
        title="No one's",
        workshop_id=workshop.pk,
        owner_id=bou.pk,
        status="open",
        created_at=datetime.datetime(2022, 1, 14, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2022, 1, 14, tzinfo=datetime.UTC),
        history_date=datetime.datetime(2022, 1, 14, tzinfo=datetime.UTC),
        history_type="+",
    )

    apps = _migrate(AFTER)
    User = apps.get_model("accounts", "User")
    Person = apps.get_model("participants", "Person")
    ActionItem = apps.get_model("workshops", "ActionItem")
    HistoricalActionItem = apps.get_model("workshops", "HistoricalActionItem")
    HistoricalPerson = apps.get_model("participants", "HistoricalPerson")

    made = Person.objects.get(given_name="Ting", is_active=True)
    assert (made.family_name, made.email) == ("Zhang", "ting@wit.example")
    assert list(HistoricalPerson.objects.filter(id=made.pk).values_list("history_type", "history_change_reason")) == [
        ("+", "Action owners became people")
    ]
    owners = dict(ActionItem.objects.values_list("title", "owner_id"))
    assert owners == {
        "Li's": by_mail.pk,
        "Bou's": by_name.pk,
        "Kouy's": linked.pk,
        "Ting's": made.pk,
        "No one's": None,
    }
    assert dict(User.objects.values_list("username", "person_id")) == {
        "li": by_mail.pk,
        "bou": by_name.pk,
        "kouy": linked.pk,
        "ting": made.pk,
        "bystander": None,  # owns nothing: left alone
    }
    assert HistoricalActionItem.objects.get(id=ids["No one's"]).owner_id == by_name.pk
    assert Person.objects.count() == 5
    assert bystander.pk  # still there
