"""The "possible duplicates" pages: likely pairs from the matcher and the search, side by side, a fixed number of
queries, and a merge from there that keeps the record with more history."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from institutes.models import Organisation
from participants.models import Person
from tests.factories import (
    AttendanceFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_people_recorded_twice_are_listed_side_by_side_keeping_the_one_with_more_history(
    coordinator_client, reference_workshop
):
    liu = Person.objects.get(family_name="Liu")
    twin = PersonFactory(given_name="Yutong", family_name="Lui", honorific="Mr.")
    other_li = PersonFactory(given_name="Zhenyun", family_name="Li", name_local="李振云")
    li = Person.objects.get(family_name="Li", given_name="Zhenyun", name_local="")
    response = coordinator_client.get(reverse("participants:duplicates"))
    assert response.status_code == 200
    assert [(r["left"].pk, r["right"].pk, r["score"], r["keep"].pk) for r in response.context["rows"]] == [
        (li.pk, other_li.pk, 100, li.pk),
        (liu.pk, twin.pk, 95, liu.pk),
    ]
    row = response.context["rows"][1]
    assert (row["left"].attendance_count, row["right"].attendance_count) == (1, 0)
    assert [p.title for p in row["left"].positions.all()] == ["Project Manager"]
    # Jianbin and Jiangang Chen are two people, not a pair.
    content = response.content.decode()
    assert "Jiangang" not in content
    # Only admins merge: a coordinator sees the pairs without the choice of the record kept.
    assert (response.context["merge_allowed"], f"Keep this record (#{liu.pk})" in content) == (False, False)


def test_the_person_page_has_a_fixed_number_of_queries(coordinator_client, reference_workshop):
    def count():
        coordinator_client.get(reverse("participants:duplicates"))
        with CaptureQueriesContext(connection) as captured:
            coordinator_client.get(reverse("participants:duplicates"))
        return len(captured)

    PersonFactory(given_name="Yutong", family_name="Lui")
    few = count()
    for _ in range(4):
        person = PersonFactory(given_name="Samath", family_name="Bou")
        PositionFactory(person=person)
        AttendanceFactory(person=person)
    assert count() == few


def test_merging_from_the_page_moves_the_history_to_the_record_kept(admin_client_with_role, reference_workshop):
    liu = Person.objects.get(family_name="Liu")
    twin = PersonFactory(given_name="Yutong", family_name="Lui")
    PositionFactory(person=twin, title="Consultant")
    response = admin_client_with_role.post(reverse("participants:merge"), {"pair": [liu.pk, twin.pk], "keep": liu.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert sorted(liu.positions.values_list("title", flat=True)) == ["Consultant", "Project Manager"]
    assert list(liu.aliases.values_list("name", flat=True)) == ["Yutong Lui"]


def test_a_merge_of_records_outside_the_pair_is_refused(admin_client_with_role, reference_workshop):
    liu = Person.objects.get(family_name="Liu")
    response = admin_client_with_role.post(reverse("participants:merge"), {"pair": [liu.pk, liu.pk], "keep": liu.pk})
    assert response.status_code == 302
    assert Person.objects.filter(pk=liu.pk).exists()


def test_organisations_recorded_twice_are_listed_and_only_admins_merge_them(coordinator_client, reference_workshop):
    ssez = Organisation.objects.get(short_name="SSEZ")
    again = OrganisationFactory(name="Sihanoukville Special Economic Zone", short_name="", country="KH")
    witt = OrganisationFactory(name="Wuxi Institute of Technican", short_name="", country="CN")
    wit = Organisation.objects.get(short_name="WIT")
    response = coordinator_client.get(reverse("institutes:duplicates"))
    assert [(r["left"].pk, r["right"].pk, r["score"], r["keep"].pk) for r in response.context["rows"]] == [
        (ssez.pk, again.pk, 100, ssez.pk),
        (wit.pk, witt.pk, 94, wit.pk),
    ]
    assert response.context["merge_allowed"] is False
    assert 'name="keep"' not in response.content.decode()
    assert (
        coordinator_client.post(reverse("institutes:merge"), {"pair": [ssez.pk, again.pk], "keep": ssez.pk}).status_code
        == 403
    )
    admin = Client()
    admin.force_login(UserFactory(role="Admin"))
    response = admin.post(reverse("institutes:merge"), {"pair": [ssez.pk, again.pk], "keep": ssez.pk})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=again.pk).exists()
