import datetime

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PersonFactory, ProgrammeFactory, TopicFactory
from workshops.models import ActionItem, Attendance, Outcome, Statement, Topic, Workshop, WorkshopOrganisation

pytestmark = pytest.mark.django_db


def _management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def _entry(**overrides):
    data = {
        "title": "Exchange between two institutes",
        "kind": Workshop.Kind.BILATERAL,
        "format": Workshop.Format.ONLINE,
        "status": Workshop.Status.HELD,
        "start_date": "2022-01-14",
        "date_precision": Workshop.DatePrecision.DAY,
        "timezone": "Asia/Shanghai",
        "reported_attendance": "19",
        "new_topics": "School-to-school exchange; digitalisation of training courses ;school-to-school exchange",
        **_management("hosts", 0),
        **_management("attendance", 0),
        **_management("statements", 0),
        **_management("outcomes", 0),
        **_management("actions", 0),
    }
    data.update(overrides)
    return data


def test_a_coordinator_logs_a_workshop_with_all_its_rows_on_one_page(coordinator_client, coordinator):
    host = OrganisationFactory(short_name="WIT")
    li = PersonFactory(given_name="Zhenyun", family_name="Li")
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    data = _entry(
        **_management("hosts", 1),
        **{"hosts-0-organisation": str(host.pk), "hosts-0-role": WorkshopOrganisation.Role.HOST},
        **_management("attendance", 2),
        **{
            "attendance-0-person": str(li.pk),
            "attendance-0-organisation": str(host.pk),
            "attendance-0-title": "Principal",
        },
        **{"attendance-0-role": Attendance.Role.PARTICIPANT, "attendance-0-presence": Attendance.Presence.PRESENT},
        **{"attendance-1-person": str(bou.pk), "attendance-1-title": "Principal"},
        **{"attendance-1-role": Attendance.Role.PARTICIPANT, "attendance-1-presence": Attendance.Presence.PRESENT},
        **_management("statements", 1),
        **{
            "statements-0-speaker": str(bou.pk),
            "statements-0-text": "We have good basics.",
            "statements-0-is_verbatim": "on",
        },
        **_management("outcomes", 1),
        **{"outcomes-0-kind": Outcome.Kind.CONSENSUS, "outcomes-0-text": "Discuss at technical level."},
        **_management("actions", 1),
        **{"actions-0-title": "Draft the framework agreement", "actions-0-status": ActionItem.Status.OPEN},
        **{"actions-0-due_date": "2022-03-31"},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    workshop = Workshop.objects.get()
    assert (response.status_code, response["Location"]) == (302, workshop.get_absolute_url())
    assert (workshop.created_by, workshop.reported_attendance) == (coordinator, 19)
    assert sorted(workshop.topics.values_list("name", flat=True)) == [
        "School-to-school exchange",
        "digitalisation of training courses",
    ]
    assert list(workshop.organisation_links.values_list("organisation__short_name", "role")) == [("WIT", "host")]
    assert list(workshop.attendances.order_by("order").values_list("person__family_name", "order", "title")) == [
        ("Li", 0, "Principal"),
        ("Bou", 1, "Principal"),
    ]
    assert list(Statement.objects.values_list("speaker__family_name", "text", "is_verbatim")) == [
        ("Bou", "We have good basics.", True)
    ]
    assert list(workshop.outcomes.values_list("text", flat=True)) == ["Discuss at technical level."]
    assert list(workshop.action_items.values_list("title", "due_date")) == [
        ("Draft the framework agreement", datetime.date(2022, 3, 31))
    ]
    assert workshop.history.latest().history_user == coordinator


def test_an_existing_topic_typed_again_is_reused_not_duplicated(coordinator_client):
    TopicFactory(name="School-to-school exchange")
    coordinator_client.post(reverse("workshops:create"), _entry())
    assert sorted(Topic.objects.values_list("name", flat=True)) == [
        "School-to-school exchange",
        "digitalisation of training courses",
    ]


def test_an_error_in_one_row_saves_nothing_and_keeps_everything_typed(coordinator_client):
    bou = PersonFactory(given_name="Samath", family_name="Bou")
    data = _entry(
        **_management("attendance", 1),
        **{"attendance-0-person": "", "attendance-0-title": "Principal of PCCFPI"},
        **{"attendance-0-role": Attendance.Role.PARTICIPANT, "attendance-0-presence": Attendance.Presence.PRESENT},
        **_management("statements", 1),
        **{"statements-0-speaker": str(bou.pk), "statements-0-text": "A quote typed with care."},
    )
    response = coordinator_client.post(reverse("workshops:create"), data)
    assert response.status_code == 200
    attendance = response.context["formsets"][1]
    assert attendance.errors == [{"person": ["This field is required."]}]
    assert attendance.forms[0]["title"].value() == "Principal of PCCFPI"
    assert response.context["formsets"][2].forms[0]["text"].value() == "A quote typed with care."
    assert response.context["form"]["title"].value() == "Exchange between two institutes"
    assert (Workshop.objects.count(), Statement.objects.count(), Topic.objects.count()) == (0, 0, 0)


def test_editing_removes_a_row_marked_for_deletion(coordinator_client):
    programme = ProgrammeFactory()
    workshop = Workshop.objects.create(title="Old", start_date=datetime.date(2022, 1, 14), programme=programme)
    first = Outcome.objects.create(workshop=workshop, text="Keep", order=0)
    second = Outcome.objects.create(workshop=workshop, text="Remove", order=1)
    url = reverse("workshops:edit", args=[workshop.pk])
    form = coordinator_client.get(url).context["form"]
    data = _entry(
        version=form["version"].value(),
        programme=str(programme.pk),
        **_management("outcomes", 2, initial=2),
        **{"outcomes-0-id": str(first.pk), "outcomes-0-kind": first.kind, "outcomes-0-text": "Keep"},
        **{"outcomes-1-id": str(second.pk), "outcomes-1-kind": second.kind, "outcomes-1-text": "Remove"},
        **{"outcomes-1-DELETE": "on"},
    )
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    assert list(workshop.outcomes.values_list("text", flat=True)) == ["Keep"]


def test_the_entry_page_reads_the_same_number_of_queries_for_one_or_many_rows(coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AttendanceFactory, WorkshopFactory

    def queries_for(workshop):
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(reverse("workshops:edit", args=[workshop.pk])).status_code == 200
        return len(captured)

    small, large = WorkshopFactory(), WorkshopFactory()
    AttendanceFactory(workshop=small)
    for _ in range(5):
        AttendanceFactory(workshop=large)
    queries_for(small)  # warms the session and permission caches
    assert queries_for(large) == queries_for(small)
