"""Merging people: the admin picks each value (e-mail, honorific, own-script name), nothing is dropped unchosen,
and only admins merge, at the page and the API."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from participants.models import Person
from participants.services import person_merge
from tests.factories import AgreementPartyFactory, AttendanceFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def li():
    return PersonFactory(honorific="Mr.", given_name="Zhenyun", family_name="Li", email="li.zhenyun@wit.edu.cn")


@pytest.fixture
def twin():
    return PersonFactory(
        honorific="Prof.", given_name="Zhenyun", family_name="Li", name_local="李振云", email="lzy@163.com"
    )


def test_a_person_merge_keeps_the_chosen_email_honorific_and_own_script_name(li, twin, admin_user):
    result = person_merge(
        keep=li,
        duplicate=twin,
        values={"email": "lzy@163.com", "honorific": "Prof.", "name_local": "李振云"},
        user=admin_user,
    )

    li.refresh_from_db()
    assert (li.email, li.honorific, li.name_local, li.full_name) == ("lzy@163.com", "Prof.", "李振云", "Zhenyun Li")
    assert list(li.aliases.values_list("name", flat=True)) == []
    assert result.message() == (
        "Merged “Zhenyun Li” into “Zhenyun Li”. No rows to move. Not kept (you chose the other value): "
        "honorific: Mr.; email: li.zhenyun@wit.edu.cn."
    )


def test_values_not_picked_fill_only_the_blanks_of_the_record_kept(admin_user):
    keep = PersonFactory(honorific="", given_name="Sokha", family_name="Chan", email="")
    duplicate = PersonFactory(honorific="Ms.", given_name="Sokha", family_name="Chan", name_local="ចាន់ សុខា")
    duplicate.email = "sokha@npic.edu.kh"
    duplicate.save()

    result = person_merge(keep=keep, duplicate=duplicate, user=admin_user)

    keep.refresh_from_db()
    assert (keep.honorific, keep.email, keep.name_local) == ("Ms.", "sokha@npic.edu.kh", "ចាន់ សុខា")
    assert result.not_kept == []


def test_an_own_script_name_not_picked_becomes_another_name(li, twin, admin_user):
    li.name_local = "李振雲"
    li.save()
    person_merge(keep=li, duplicate=twin, values={"name_local": "李振雲"}, user=admin_user)
    assert list(li.aliases.values_list("name", flat=True)) == ["李振云"]


def test_the_message_counts_what_moved_per_kind(li, twin, admin_user):
    for _ in range(3):
        AttendanceFactory(person=twin)
    AgreementPartyFactory(signatory=twin)
    PositionFactory(person=twin, title="Vice President")

    result = person_merge(keep=li, duplicate=twin, values={"email": li.email}, user=admin_user)

    assert result.moved == {
        ("position", "positions"): 1,
        ("attendance", "attendances"): 3,
        ("agreement party", "agreement parties"): 1,
    }
    assert result.message() == (
        "Merged “Zhenyun Li” into “Zhenyun Li”. Moved: 1 position, 3 attendances, 1 agreement party. Not kept (you "
        "chose the other value): honorific: Prof.; email: lzy@163.com."
    )
    assert list(li.signed_agreements.values_list("signatory_id", flat=True)) == [li.pk]


def test_the_person_merge_is_in_the_history_of_both_records(li, twin, admin_user):
    person_merge(keep=li, duplicate=twin, user=admin_user)
    reason = f"“Zhenyun Li” (#{twin.pk}) was merged into “Zhenyun Li”."
    kept = li.history.latest()
    assert (kept.history_user, kept.history_change_reason) == (admin_user, reason)
    deleted = Person.history.filter(id=twin.pk).latest()
    assert (deleted.history_type, deleted.history_user, deleted.history_change_reason) == ("-", admin_user, reason)


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_may_not_merge_people_at_the_service(li, twin, role, request):
    with pytest.raises(PermissionDenied):
        person_merge(keep=li, duplicate=twin, user=request.getfixturevalue(role))


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_are_refused_at_the_merge_screen(client, li, twin, role, request):
    client.force_login(request.getfixturevalue(role))
    data = {"pair": [li.pk, twin.pk], "keep": li.pk}
    assert client.get(reverse("participants:merge"), data).status_code == 403
    assert client.post(reverse("participants:merge"), data).status_code == 403
    assert Person.objects.filter(pk=twin.pk).exists()


@pytest.mark.parametrize("role", ["coordinator", "manager"])
def test_coordinators_and_managers_are_refused_at_the_api(client, li, twin, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("api:person-merge", args=[li.pk]), {"duplicate": twin.pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Person.objects.filter(pk=twin.pk).exists()


def test_the_merge_screen_merges_people_with_the_values_picked(admin_client_with_role, li, twin):
    response = admin_client_with_role.post(
        reverse("participants:merge"),
        {"pair": [li.pk, twin.pk], "keep": li.pk, "pick-email": "other", "pick-honorific": "keep"},
    )
    assert response.status_code == 302
    li.refresh_from_db()
    assert (li.email, li.honorific, li.name_local) == ("lzy@163.com", "Mr.", "李振云")


def test_the_api_merges_people_with_the_values_picked_and_refuses_a_merge_into_itself(admin_client_with_role, li, twin):
    url = reverse("api:person-merge", args=[li.pk])
    itself = admin_client_with_role.post(url, {"duplicate": li.pk}, content_type="application/json")
    assert (itself.status_code, itself.json()) == (
        400,
        {"non_field_errors": ["A record cannot be merged into itself."]},
    )
    wrong = admin_client_with_role.post(
        url, {"duplicate": twin.pk, "values": {"email": "x@example.org"}}, content_type="application/json"
    )
    assert (wrong.status_code, wrong.json()) == (400, {"email": ["Choose the value of one of the two records."]})
    done = admin_client_with_role.post(
        url, {"duplicate": twin.pk, "values": {"email": "lzy@163.com"}}, content_type="application/json"
    )
    assert done.status_code == 200
    li.refresh_from_db()
    assert li.email == "lzy@163.com"
    assert not Person.objects.filter(pk=twin.pk).exists()


def test_the_merge_screen_shows_why_a_merge_is_refused_and_merges_nothing(admin_client_with_role):
    keep = PersonFactory(honorific="", given_name="Sokha", family_name="")
    other = PersonFactory(honorific="", given_name="", family_name="Chan")
    response = admin_client_with_role.post(
        reverse("participants:merge"),
        {"pair": [keep.pk, other.pk], "keep": keep.pk, "pick-given_name": "other", "pick-family_name": "keep"},
    )
    assert (response.status_code, response.context["errors"]) == (
        400,
        ["Give at least a given name, a family name or a name in own script."],
    )
    assert sorted(Person.objects.values_list("pk", flat=True)) == sorted([keep.pk, other.pk])
