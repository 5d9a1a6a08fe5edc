import pytest

from demo.results import load_reference_results

pytestmark = pytest.mark.django_db


def test_the_api_gives_each_period_with_its_computed_value_and_rule(coordinator_client, reference_workshop):
    initiative = load_reference_results()

    response = coordinator_client.get("/api/indicators/", {"programme": initiative.pk, "rule": "bilateral_workshops"})

    assert response.status_code == 200
    [indicator] = response.json()["results"]
    assert (indicator["name"], indicator["rule"], indicator["rule_label"]) == (
        "Bilateral workshops held",
        "bilateral_workshops",
        "Bilateral workshops held",
    )
    [period] = indicator["periods"]
    assert {
        key: period[key]
        for key in ("label", "start", "end", "target", "computed_value", "achieved", "percent_of_target")
    } == {
        "label": "2021-11 – 2022-11",
        "start": "2021-11-01",
        "end": "2022-11-30",
        "target": "20.00",
        "computed_value": 1,
        "achieved": "20.00",
        "percent_of_target": 100,
    }
    assert period["counted_records"] == f"http://testserver/api/indicator-periods/{period['id']}/records/"
    records = coordinator_client.get(period["counted_records"])
    assert records.json() == {"kind": "workshop", "count": 1, "ids": [reference_workshop.pk], "ids_complete": True}
    assert (period["entered"]["more_than"], period["entered"]["entered_by"]) == (True, None)


def test_the_api_lists_periods_and_values(coordinator_client, reference_workshop):
    initiative = load_reference_results()
    indicator = initiative.indicators.get(name="Member TVETs that signed MOUs")

    periods = coordinator_client.get("/api/indicator-periods/", {"indicator": indicator.pk}).json()["results"]
    values = coordinator_client.get("/api/indicator-values/", {"target": periods[1]["id"]}).json()["results"]

    assert [(p["label"], p["value"]) for p in periods] == [("2021-11 – 2022-11", "16.00"), ("2023", "20.00")]
    assert [(v["value"], v["source"]) for v in values] == [("18.00", "document")]


def test_the_api_refuses_writes(client, manager):
    client.force_login(manager)
    assert client.post("/api/indicators/", {}, content_type="application/json").status_code == 405


def test_an_entered_only_indicator_has_no_counted_records(coordinator_client, reference_workshop):
    initiative = load_reference_results()
    indicator = initiative.indicators.get(name="Member TVETs that signed MOUs")
    [period, _second] = coordinator_client.get(f"/api/indicators/{indicator.pk}/").json()["periods"]

    assert period["counted_records"] is None
    response = coordinator_client.get(f"/api/indicator-periods/{period['id']}/records/")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "This indicator is not computed from the records."},
    )


def test_the_counted_records_list_the_first_ids_and_count_them_all(coordinator_client, reference_workshop, monkeypatch):
    from tests.factories import WorkshopFactory

    monkeypatch.setattr("results.api.RECORDS_LISTED", 2)
    initiative = load_reference_results()
    more = [
        WorkshopFactory(initiative=initiative, kind="bilateral", start_date=reference_workshop.start_date)
        for _ in range(2)
    ]
    indicator = initiative.indicators.get(name="Bilateral workshops held")
    [period] = coordinator_client.get(f"/api/indicators/{indicator.pk}/").json()["periods"]

    records = coordinator_client.get(period["counted_records"]).json()
    assert records == {
        "kind": "workshop",
        "count": 3,
        "ids": sorted([reference_workshop.pk, *(w.pk for w in more)])[:2],
        "ids_complete": False,
    }
