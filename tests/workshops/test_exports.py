import datetime

from institutes.models import Organisation
from tests.exports import AGREEMENT_TITLE, WORKSHOP_TITLE, csv_rows
from tests.factories import AttendanceFactory, WorkshopFactory, person_of
from workshops.models import ActionItem


def test_workshops_export_has_the_reference_workshop(reference_workshop, coordinator_client):
    response = coordinator_client.get("/workshops/export.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="workshops-')
    assert csv_rows(response) == [
        [
            "ID",
            "Title",
            "Start date",
            "End date",
            "Kind",
            "Format",
            "Status",
            "Programme",
            "Hosts",
            "Named attendees",
            "Reported attendance",
        ],
        [
            str(reference_workshop.pk),
            WORKSHOP_TITLE,
            "2022-01-14",
            "",
            "Bilateral workshop / paired consultation",
            "Online",
            "Held",
            "ILO–China Partnership Programme",
            "WIT; PCCFPI",
            "8",
            "19",
        ],
    ]


def test_workshops_export_keeps_the_list_filters(reference_workshop, coordinator_client):
    assert csv_rows(coordinator_client.get("/workshops/export.csv", {"format": "in_person"}))[1:] == []
    assert len(csv_rows(coordinator_client.get("/workshops/export.csv", {"q": "Wuxi"}))) == 2


def test_attendance_export_lists_the_eight_named_attendees_in_order(reference_workshop, coordinator_client):
    rows = csv_rows(coordinator_client.get(f"/workshops/{reference_workshop.pk}/attendance/export.csv"))
    assert rows[0] == [
        "Name",
        "Name in own script",
        "Title",
        "Organisation",
        "Country",
        "Role",
        "Presence",
        "Contribution",
        "Role in the online meeting",
        "Joined",
        "Left",
        "Minutes attended",
    ]
    assert [row[:6] for row in rows[1:]] == [
        [
            "Mr. Samath Bou",
            "",
            "Principal",
            "Preah Sihanouk Cambodia-China Friendship Polytechnic Institute",
            "Cambodia",
            "Speaker",
        ],
        ["Mr. Ting Shen", "", "Deputy Director", "Wuxi Human Resources and Social Security Bureau", "China", "Speaker"],
        ["Mr. Zhenyun Li", "", "Principal", "Wuxi Institute of Technician", "China", "Speaker"],
        ["Mr. Jianbin Chen", "", "Vice-Principal", "Wuxi Institute of Technician", "China", "Speaker"],
        [
            "Mr. Jiangang Chen",
            "",
            "Chairman",
            "Sihanoukville Special Economic Zone Co., Ltd.",
            "Cambodia",
            "Participant",
        ],
        [
            "Mr. Jianjiang Cao",
            "",
            "General Manager",
            "Sihanoukville Special Economic Zone Co., Ltd.",
            "Cambodia",
            "Speaker",
        ],
        ["Mr. Yutong Liu", "", "Project Manager", "International Labour Organization", "", "Organiser"],
        [
            "Mr. Kimroeun Kouy",
            "",
            "National Project Coordinator, Cambodia",
            "International Labour Organization",
            "",
            "Participant",
        ],
    ]
    assert coordinator_client.get("/workshops/999999/attendance/export.csv").status_code == 404


def test_actions_export_lists_the_three_follow_ups(reference_workshop, coordinator_client):
    ids = list(ActionItem.objects.order_by("id").values_list("pk", flat=True))
    rows = csv_rows(coordinator_client.get("/actions/export.csv", {"status": "open"}))
    assert [row[:3] + row[7:] for row in rows[1:]] == [
        [
            str(ids[0]),
            "Draft the multilateral cooperation framework agreement",
            "Open",
            "PCCFPI; SSEZ; WIT",
            WORKSHOP_TITLE,
            AGREEMENT_TITLE,
        ],
        [
            str(ids[1]),
            "Hold technical-level discussions on the details of the cooperation",
            "Open",
            "PCCFPI; SSEZ; WIT",
            WORKSHOP_TITLE,
            "",
        ],
        [
            str(ids[2]),
            "Plan the exchange of vocational training curricula and of trainers and trainees",
            "Open",
            "PCCFPI; SSEZ; WIT",
            WORKSHOP_TITLE,
            "",
        ],
    ]


def test_actions_export_with_mine_keeps_only_the_users_actions(reference_workshop, coordinator, coordinator_client):
    from workshops.models import ActionItem

    ActionItem.objects.filter(title__startswith="Hold").update(owner=person_of(coordinator))
    rows = csv_rows(coordinator_client.get("/actions/export.csv", {"mine": "1"}))
    assert [row[1] for row in rows[1:]] == ["Hold technical-level discussions on the details of the cooperation"]


def test_attendance_export_names_an_organisation_as_it_was_called_on_the_workshops_day(
    reference_workshop, coordinator_client
):
    wit = Organisation.objects.get(short_name="WIT")
    wit.name = "Wuxi Technician College"
    wit.save()
    alias = wit.aliases.get(name="Wuxi Institute of Technician")
    alias.used_until = datetime.date(2023, 5, 31)
    alias.save()
    rows = csv_rows(coordinator_client.get(f"/workshops/{reference_workshop.pk}/attendance/export.csv"))
    assert [row[3] for row in rows[1:] if row[0] in ("Mr. Zhenyun Li", "Mr. Jianbin Chen")] == [
        "Wuxi Institute of Technician",
        "Wuxi Institute of Technician",
    ]
    later = AttendanceFactory(workshop=WorkshopFactory(start_date=datetime.date(2023, 6, 1)), organisation=wit)
    rows = csv_rows(coordinator_client.get(f"/workshops/{later.workshop.pk}/attendance/export.csv"))
    assert [row[3] for row in rows[1:]] == ["Wuxi Technician College"]
