from participants.models import Person
from tests.exports import csv_rows


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
            "Phone",
            "Basis",
            "May be named in shared records",
        ],
        [str(jianbin.pk), "Mr.", "Jianbin", "Chen", "", "", "Vice-Principal, WIT", "", "", "", "", "yes"],
        [str(jiangang.pk), "Mr.", "Jiangang", "Chen", "", "", "Chairman, SSEZ", "", "", "", "", "yes"],
    ]
