from institutes.models import Organisation
from tests.exports import csv_rows
from tests.factories import UserFactory


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
    html = render_to_string("_partials/export_links.html", {"export_name": "workshops:export"}, request=request)
    assert 'href="/workshops/export.csv?status=held&amp;q=%E6%97%A0%E9%94%A1"' in html
    assert 'href="/workshops/export.xlsx?status=held&amp;q=%E6%97%A0%E9%94%A1"' in html
    html = render_to_string(
        "_partials/export_links.html",
        {"export_name": "workshops:attendance-export", "export_pk": 7},
        request=rf.get("/"),
    )
    assert 'href="/workshops/7/attendance/export.csv"' in html


def test_the_export_links_of_my_actions_export_only_mine(rf, coordinator, reference_workshop):
    from django.template.loader import render_to_string

    request = rf.get("/actions/", {"status": "open"})
    html = render_to_string(
        "_partials/export_links.html", {"export_name": "actions:export", "export_mine": True}, request=request
    )
    assert 'href="/actions/export.csv?mine=1&amp;status=open"' in html


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


def test_a_moment_with_a_time_zone_goes_into_a_spreadsheet_as_the_sites_local_time(settings):
    import datetime
    import io

    import openpyxl

    from common.exports import xlsx_bytes

    settings.TIME_ZONE = "Asia/Phnom_Penh"
    moment = datetime.datetime(2026, 12, 2, 3, 4, 5, 678, tzinfo=datetime.UTC)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("Moments", ["When"], [[moment]]))).active
    assert sheet["A2"].value == datetime.datetime(2026, 12, 2, 10, 4, 5)
