from institutes.models import Organisation
from tests.exports import csv_rows, xlsx_rows


def test_organisations_export_keeps_chinese_names_intact_in_csv_and_xlsx(reference_workshop, coordinator_client):
    # In the search's order: 无锡技师学院 is the closer of the two names starting with 无锡.
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
    ]
    assert csv_rows(coordinator_client.get("/institutes/export.csv", {"q": "无锡"})) == expected
    rows = xlsx_rows(coordinator_client.get("/institutes/export.xlsx", {"q": "无锡"}))
    assert rows == [expected[0]] + [[int(row[0]), *row[1:]] for row in expected[1:]]
