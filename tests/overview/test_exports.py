import csv
import datetime
import io

from openpyxl import load_workbook

from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person
from tests.factories import UserFactory
from workshops.models import ActionItem

WORKSHOP_TITLE = (
    "Workshop of Cooperation and Exchange between Wuxi Institute of Technician (WIT) and Preah Sihanouk "
    "Cambodia-China Friendship Polytechnic Institute (PCCFPI)"
)
AGREEMENT_TITLE = "Multilateral cooperation framework agreement between WIT, PCCFPI and SSEZ Co., Ltd."


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]


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


def test_people_export_filters_by_name_and_shows_current_positions(reference_workshop, coordinator_client):
    jianbin = Person.objects.get(given_name="Jianbin")
    jiangang = Person.objects.get(given_name="Jiangang")
    assert csv_rows(coordinator_client.get("/people/export.csv", {"q": "chen"})) == [
        [
            "ID",
            "Honorific",
            "Given name",
            "Family name",
            "Name in own script",
            "Other names",
            "Current positions",
            "Country",
            "Email",
        ],
        [str(jianbin.pk), "Mr.", "Jianbin", "Chen", "", "", "Vice-Principal, WIT", "", ""],
        [str(jiangang.pk), "Mr.", "Jiangang", "Chen", "", "", "Chairman, SSEZ", "", ""],
    ]


def test_organisations_export_keeps_chinese_names_intact_in_csv_and_xlsx(reference_workshop, coordinator_client):
    wit = Organisation.objects.get(short_name="WIT")
    hrss = Organisation.objects.get(short_name="Wuxi HRSS Bureau")
    expected = [
        [
            "ID",
            "Name",
            "Short name",
            "Name in own script",
            "Other names",
            "Kind",
            "IATI organisation type",
            "Country",
            "City",
            "Active",
        ],
        [
            str(hrss.pk),
            hrss.name,
            "Wuxi HRSS Bureau",
            "无锡市人力资源和社会保障局",
            "",
            "Government",
            "Local Government",
            "China",
            "Wuxi",
            "yes",
        ],
        [
            str(wit.pk),
            wit.name,
            "WIT",
            "无锡技师学院",
            "",
            "TVET institute",
            "Academic, Training and Research",
            "China",
            "Wuxi",
            "yes",
        ],
    ]
    assert csv_rows(coordinator_client.get("/institutes/export.csv", {"q": "无锡"})) == expected
    rows = xlsx_rows(coordinator_client.get("/institutes/export.xlsx", {"q": "无锡"}))
    assert rows == [expected[0]] + [[int(row[0]), *row[1:]] for row in expected[1:]]


def test_agreements_export_lists_parties_with_their_roles(reference_workshop, manager, client):
    client.force_login(manager)
    agreement = Agreement.objects.get()
    rows = xlsx_rows(client.get("/agreements/export.xlsx", {"status": "drafting"}))
    assert rows[1:] == [
        [
            agreement.pk,
            AGREEMENT_TITLE,
            "Framework agreement",
            "Multilateral",
            "Drafting",
            "ILO–China Partnership Programme",
            "ILO (Facilitator); WIT (Party); PCCFPI (Party); SSEZ (Party)",
            datetime.datetime(2022, 1, 14, 0, 0),
            "",
            "",
            "",
        ]
    ]
    sheet = load_workbook(io.BytesIO(client.get("/agreements/export.xlsx").content)).active
    assert sheet["H2"].number_format == "yyyy-mm-dd"
    assert xlsx_rows(client.get("/agreements/export.xlsx", {"status": "signed"}))[1:] == []


def test_actions_export_lists_the_three_follow_ups(reference_workshop, coordinator_client):
    ids = list(ActionItem.objects.order_by("id").values_list("pk", flat=True))
    rows = csv_rows(coordinator_client.get("/actions/export.csv", {"status": "open"}))
    assert [row[:3] + row[6:] for row in rows[1:]] == [
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


def test_a_cell_that_looks_like_a_formula_is_quoted(coordinator_client, db):
    Organisation.objects.create(name='=HYPERLINK("http://x")')
    assert csv_rows(coordinator_client.get("/institutes/export.csv"))[1][1] == '\'=HYPERLINK("http://x")'


def test_exports_need_the_view_permission(reference_workshop, client):
    client.force_login(UserFactory(username="nobody"))
    assert client.get("/workshops/export.csv").status_code == 403
    assert client.get("/agreements/export.xlsx").status_code == 403


def test_the_export_links_partial_keeps_the_current_filters(rf, coordinator):
    from django.template.loader import render_to_string

    request = rf.get("/workshops/", {"status": "held", "q": "无锡"})
    request.user = coordinator
    html = render_to_string("_partials/export_links.html", {"export_name": "export_workshops"}, request=request)
    assert 'href="/workshops/export.csv?status=held&amp;q=%E6%97%A0%E9%94%A1"' in html
    assert 'href="/workshops/export.xlsx?status=held&amp;q=%E6%97%A0%E9%94%A1"' in html
    html = render_to_string(
        "_partials/export_links.html", {"export_name": "export_attendance", "export_pk": 7}, request=rf.get("/")
    )
    assert 'href="/workshops/7/attendance/export.csv"' in html


def test_the_export_links_of_my_actions_export_only_mine(rf, coordinator, reference_workshop):
    from django.template.loader import render_to_string

    request = rf.get("/actions/", {"status": "open"})
    html = render_to_string(
        "_partials/export_links.html", {"export_name": "export_actions", "export_mine": True}, request=request
    )
    assert 'href="/actions/export.csv?mine=1&amp;status=open"' in html


def test_actions_export_with_mine_keeps_only_the_users_actions(reference_workshop, coordinator, coordinator_client):
    from workshops.models import ActionItem

    ActionItem.objects.filter(title__startswith="Hold").update(owner=coordinator)
    rows = csv_rows(coordinator_client.get("/actions/export.csv", {"mine": "1"}))
    assert [row[1] for row in rows[1:]] == ["Hold technical-level discussions on the details of the cooperation"]


def test_list_pages_offer_the_downloads_with_their_filters(reference_workshop, manager, client):
    client.force_login(manager)
    pages = {
        "/workshops/?status=held": 'href="/workshops/export.csv?status=held"',
        "/people/?q=chen": 'href="/people/export.xlsx?q=chen"',
        "/institutes/": 'href="/institutes/export.csv"',
        "/agreements/": 'href="/agreements/export.xlsx"',
        "/actions/all/": 'href="/actions/export.csv"',
        "/actions/": 'href="/actions/export.csv?mine=1"',
        f"/workshops/{reference_workshop.pk}/": f'href="/workshops/{reference_workshop.pk}/attendance/export.csv"',
    }
    for url, link in pages.items():
        response = client.get(url)
        assert (url, response.status_code, link in response.content.decode()) == (url, 200, True)
