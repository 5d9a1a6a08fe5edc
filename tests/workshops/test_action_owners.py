"""An action's owner is a person, ours or a partner's: kept by every door, refused with a reason when it cannot be
kept, and "my actions" are my person's."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from institutes.models import Organisation
from participants.models import Person
from participants.services import person_for_user
from tests.factories import ActionItemFactory, PersonFactory, UserFactory, person_of
from tests.workshops.test_races import _page_data
from workshops.models import ActionItem

pytestmark = pytest.mark.django_db


def _yutong():
    return Person.objects.get(given_name="Yutong", family_name="Liu")


def _edit_with_owner(client, workshop, owner_value, **more):
    url = reverse("workshops:edit", args=[workshop.pk])
    data = _page_data(client.get(url))
    first = ActionItem.objects.filter(workshop=workshop).order_by("id").first()
    row = next(
        k[: -len("-id")]
        for k, v in data.items()
        if k.startswith("actions-") and k.endswith("-id") and v == str(first.pk)
    )
    data[f"{row}-owner"] = owner_value
    data.update({f"{row}-{k}": v for k, v in more.items()})
    return client.post(url, data), first, row


def test_a_partners_person_chosen_as_owner_on_the_entry_page_is_saved_and_shown(coordinator_client, reference_workshop):
    yutong = _yutong()
    ilo = Organisation.objects.get(short_name="ILO")
    response, action, _row = _edit_with_owner(
        coordinator_client, reference_workshop, str(yutong.pk), owner_organisation=str(ilo.pk)
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.owner_organisation) == (yutong, ilo)
    page = coordinator_client.get(reference_workshop.get_absolute_url()).content.decode()
    assert f'<a href="/people/{yutong.pk}/">Yutong Liu</a> <span class="text-body-secondary">(ILO)</span>' in page
    listed = coordinator_client.get(reverse("actions:all")).content.decode()
    assert f'<a href="/people/{yutong.pk}/">Yutong Liu</a>' in listed


def test_an_owner_no_longer_on_record_is_refused_with_a_message_and_nothing_is_saved(
    coordinator_client, reference_workshop
):
    gone = PersonFactory(given_name="Merged", family_name="Away")
    gone_id = gone.pk
    gone.delete()
    response, action, row = _edit_with_owner(coordinator_client, reference_workshop, str(gone_id))
    assert response.status_code == 200
    formset = {fs.prefix: fs for fs in response.context["formsets"]}["actions"]
    errors = [form.errors.get("owner") for form in formset.forms if form.errors.get("owner")]
    assert errors == [["This person is not on record any more (merged or removed): choose the owner again."]]
    action.refresh_from_db()
    assert action.owner is None


def test_an_inactive_person_cannot_be_given_an_action_but_keeps_the_ones_they_own(
    coordinator_client, reference_workshop
):
    retired = PersonFactory(given_name="Retired", family_name="Principal", is_active=False)
    response, action, _row = _edit_with_owner(coordinator_client, reference_workshop, str(retired.pk))
    assert response.status_code == 200
    formset = {fs.prefix: fs for fs in response.context["formsets"]}["actions"]
    assert [form.errors["owner"] for form in formset.forms if "owner" in form.errors] == [
        ["Retired Principal is no longer active and cannot be given an action; choose another owner."]
    ]
    assert ActionItem.objects.get(pk=action.pk).owner is None
    # One they own already stays theirs when the action is edited.
    ActionItem.objects.filter(pk=action.pk).update(owner=retired)
    response, _action, _row = _edit_with_owner(coordinator_client, reference_workshop, str(retired.pk), title="Renamed")
    assert response.status_code == 302
    assert ActionItem.objects.filter(pk=action.pk).values_list("title", "owner").get() == ("Renamed", retired.pk)


def test_the_api_takes_a_partners_person_as_owner_and_refuses_an_inactive_one(reference_workshop, coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    action = reference_workshop.action_items.order_by("id").first()
    response = client.get(f"/api/action-items/{action.pk}/")
    assert (response.json()["owner"], response.json()["owner_name"]) == (None, None)  # the schema says nullable
    version = response.json()["updated_at"]
    yutong = _yutong()
    response = client.patch(
        f"/api/action-items/{action.pk}/", {"owner": yutong.pk, "updated_at": version}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["owner"], response.json()["owner_name"]) == (yutong.pk, "Yutong Liu")
    retired = PersonFactory(given_name="Retired", family_name="Principal", is_active=False)
    response = client.patch(
        f"/api/action-items/{action.pk}/",
        {"owner": retired.pk, "updated_at": response.json()["updated_at"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["owner"] == [
        "Retired Principal is no longer active and cannot be given an action; choose another owner."
    ]
    assert ActionItem.objects.get(pk=action.pk).owner == yutong


def test_my_actions_are_those_my_person_owns_and_none_without_a_person(client, reference_workshop):
    me = UserFactory(username="me", role="Coordinator")
    mine = ActionItemFactory(title="Mine", owner=person_of(me))
    ActionItemFactory(title="Not mine", owner=PersonFactory())
    ActionItemFactory(title="Nobody's", owner=None)
    client.force_login(me)
    assert [a.title for a in client.get(reverse("actions:mine")).context["page"]] == [mine.title]
    stranger = UserFactory(username="stranger", role="Coordinator")
    client.force_login(stranger)
    assert list(client.get(reverse("actions:mine")).context["page"]) == []
    assert stranger.person_id is None


def test_the_home_page_counts_my_overdue_actions(client, reference_workshop):
    me = UserFactory(username="me", role="Coordinator")
    ActionItemFactory(title="Late", owner=person_of(me), due_date=datetime.date(2020, 1, 1))
    ActionItemFactory(title="Late, someone else's", owner=PersonFactory(), due_date=datetime.date(2020, 1, 1))
    ActionItemFactory(title="Late, no one's", owner=None, due_date=datetime.date(2020, 1, 1))
    client.force_login(me)
    assert client.get(reverse("home")).context["my_overdue_actions"] == 1
    client.force_login(UserFactory(username="nobody", role="Coordinator"))
    assert client.get(reverse("home")).context["my_overdue_actions"] == 0


def test_reminders_go_to_the_account_of_the_owner_and_not_to_a_partner_without_one(smtp, reference_workshop):
    today = datetime.date(2026, 11, 26)
    li = UserFactory(username="li", email="li@wit.example", role="Coordinator")
    # Her person's own address differs: the digest goes to the account's.
    Person.objects.filter(pk=person_of(li).pk).update(email="zhenyun.li@wit.example")
    ActionItemFactory(title="Send the curriculum", owner=person_of(li), due_date=today)
    partner = PersonFactory(given_name="Yutong", family_name="Partner", email="yutong@ilo.example")
    ActionItemFactory(title="Partner's task", owner=partner, due_date=today)
    gone = UserFactory(username="gone", email="gone@wit.example", role="Coordinator", is_active=False)
    ActionItemFactory(title="Left the job", owner=person_of(gone), due_date=today)
    out = StringIO()
    with time_machine.travel(datetime.datetime(2026, 11, 26, 6, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "li@wit.example: due in 7 days: 0, due today: 1, overdue: 0, expiring: 0, stale drafts: 0",
        "Reminders: sent 1 digest(s).",
        # The partner gets no digest but the weekly link to report on their actions (sent after the commit).
        "Partners' actions: sent 1 link(s).",
    ]
    assert [rcpt for rcpt, _message in smtp.messages] == [["li@wit.example"]]
    body = smtp.messages[0][1].get_payload(decode=True).decode()
    assert "Send the curriculum" in body
    assert "Partner's task" not in body


def test_the_calendar_feed_holds_my_persons_actions(client, reference_workshop):
    me = UserFactory(username="me", role="Coordinator")
    ActionItemFactory(title="Send the curriculum", owner=person_of(me), due_date=datetime.date(2026, 12, 1))
    ActionItemFactory(title="Someone else's", owner=PersonFactory(), due_date=datetime.date(2026, 12, 1))
    with time_machine.travel(datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC), tick=False):
        body = client.get(reverse("calendar:feed", args=[me.calendar_token, "actions"])).content.decode()
    assert body.count("SUMMARY:Due: ") == 1
    assert "SUMMARY:Due: Send the curriculum" in body


def test_person_for_user_links_the_person_with_the_accounts_email_else_name_else_a_new_one():
    by_mail = PersonFactory(given_name="Zhenyun", family_name="Li", email="LI@wit.example")
    named = PersonFactory(given_name="Samath", family_name="Bou")
    first = UserFactory(username="li", email="li@wit.example", first_name="Z.", last_name="Li")
    second = UserFactory(username="bou", email="", first_name="samath", last_name="BOU")
    third = UserFactory(username="kouy", email="kouy@ilo.example", first_name="Kimroeun", last_name="Kouy")
    assert person_for_user(first) == by_mail
    assert person_for_user(second) == named
    made = person_for_user(third)
    assert (made.given_name, made.family_name, made.email) == ("Kimroeun", "Kouy", "kouy@ilo.example")
    assert made.history.get().history_user == third
    third.refresh_from_db()
    assert (first.person, second.person, third.person) == (by_mail, named, made)
    assert person_for_user(third) == made  # linked: found again, not made twice
    assert Person.objects.count() == 3


def test_the_person_page_names_the_account_linked_to_it(admin_client_with_role, reference_workshop):
    me = UserFactory(username="kouy", first_name="Kimroeun", last_name="Kouy")
    person = Person.objects.get(given_name="Kimroeun")
    me.person = person
    me.save()
    page = admin_client_with_role.get(person.get_absolute_url()).content.decode()
    assert "Signs in as <strong>kouy</strong>" in page


def test_the_admin_sets_an_accounts_person_and_shows_it_on_the_persons_page(admin_client_with_role, reference_workshop):
    kouy = Person.objects.get(given_name="Kimroeun")
    account = UserFactory(username="kouy", first_name="Kimroeun", last_name="Kouy")
    page = admin_client_with_role.get(reverse("admin:accounts_user_change", args=[account.pk]))
    assert page.status_code == 200
    assert 'name="person"' in page.content.decode()
    account.person = kouy
    account.save()
    page = admin_client_with_role.get(reverse("admin:participants_person_change", args=[kouy.pk])).content.decode()
    assert '<div class="readonly">kouy</div>' in page
