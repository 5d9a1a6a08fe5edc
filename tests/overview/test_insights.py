import datetime
import json
import re
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from agreements.models import Agreement
from overview.insights import _render_figures, insights_data, refresh
from overview.models import InsightsSnapshot
from tests.factories import AgreementFactory, AgreementPartyFactory, OrganisationFactory, WorkshopFactory
from workshops.models import Programme, Workshop


def test_quarters_funnel_and_participation_for_the_demo_data(reference_workshop):
    data = insights_data()
    assert data["quarters"]["rows"] == [{"label": "2022 Q1", "counts": [1, 0, 0]}]
    assert [(s["key"], s["counts"]) for s in data["quarters"]["series"]] == [
        ("online", [1]),
        ("in_person", [0]),
        ("hybrid", [0]),
    ]
    assert [(step["key"], step["count"]) for step in data["funnel"]] == [
        ("proposed", 0),
        ("drafting", 1),
        ("negotiation", 0),
        ("signed", 0),
        ("active", 0),
        ("expired", 0),
        ("terminated", 0),
        ("suspended", 0),
        ("abandoned", 0),
    ]
    assert data["participation"]["countries"] == [
        {"label": "China", "attendances": 3, "people": 3},
        {"label": "Cambodia", "attendances": 3, "people": 3},
        {"label": "No country", "attendances": 2, "people": 2},
    ]
    assert data["participation"]["kinds"] == [
        {"label": "TVET institute", "attendances": 3, "people": 3},
        {"label": "Enterprise or economic zone", "attendances": 2, "people": 2},
        {"label": "International organisation", "attendances": 2, "people": 2},
        {"label": "Government", "attendances": 1, "people": 1},
    ]


def test_statistics_per_organisation_and_country_for_the_demo_data(reference_workshop):
    data = insights_data()
    rows = {
        node["label"]: (node["workshops"], node["people"], node["attendances"], node["agreements"])
        for node in data["network"]["nodes"]
    }
    assert rows == {
        "ILO": (1, 2, 2, 1),
        "PCCFPI": (1, 1, 1, 1),
        "SSEZ": (1, 2, 2, 1),
        "WIT": (1, 2, 2, 1),
        "MOHRSS": (1, 0, 0, 0),
        "Wuxi HRSS Bureau": (1, 1, 1, 0),
    }
    assert data["countries"] == [
        {"country": "Cambodia", "organisations": 2, "people": 3, "attendances": 3, "workshops": 1, "agreements": 1},
        {"country": "China", "organisations": 3, "people": 3, "attendances": 3, "workshops": 1, "agreements": 1},
        {"country": "No country", "organisations": 1, "people": 2, "attendances": 2, "workshops": 1, "agreements": 1},
    ]
    kinds = sorted((edge["kind"], edge["weight"]) for edge in data["network"]["edges"])
    assert kinds == [("agreement", 1)] * 6 + [("workshop", 1)] * 15


def test_the_period_and_programme_filters_narrow_everything(reference_workshop):
    data = insights_data(start=datetime.date(2023, 1, 1))
    assert data["quarters"]["rows"] == []
    assert data["network"] == {"nodes": [], "edges": []}
    assert sum(step["count"] for step in data["funnel"]) == 0
    other = Programme.objects.create(name="Another programme")
    assert insights_data(programme=other)["participation"]["countries"] == []
    initiative = Programme.objects.get(name="Skills Development Network through South-South Cooperation")
    assert insights_data(programme=initiative)["quarters"]["rows"] == [{"label": "2022 Q1", "counts": [1, 0, 0]}]


def test_edges_are_weighted_by_how_often_two_organisations_met(db):
    a, b = OrganisationFactory(short_name="A"), OrganisationFactory(short_name="B")
    for day in (datetime.date(2024, 2, 1), datetime.date(2024, 5, 1)):
        workshop = WorkshopFactory(start_date=day, format=Workshop.Format.IN_PERSON)
        workshop.organisation_links.create(organisation=a)
        workshop.organisation_links.create(organisation=b, role="participant")
    AgreementPartyFactory(agreement=AgreementFactory(status=Agreement.Status.ACTIVE), organisation=a)
    data = insights_data()
    assert [(e["source"], e["target"], e["kind"], e["weight"]) for e in data["network"]["edges"]] == [
        (f"o{a.pk}", f"o{b.pk}", "workshop", 2)
    ]
    assert data["quarters"]["rows"] == [
        {"label": "2024 Q1", "counts": [0, 1, 0]},
        {"label": "2024 Q2", "counts": [0, 1, 0]},
    ]
    assert {n["label"]: n["activity"] for n in data["network"]["nodes"]} == {"A": 3, "B": 2}


def test_the_insights_page_needs_view_permissions_and_rejects_a_reversed_period(
    reference_workshop, client, coordinator
):
    from tests.factories import UserFactory

    refresh()
    client.force_login(UserFactory(username="nobody"))
    assert client.get("/insights/").status_code == 403
    client.force_login(coordinator)
    response = client.get("/insights/", {"start": "2023-01-01", "end": "2022-01-01"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"end": ["The end of the period cannot be before its start."]}
    assert b'id="insights-data"' in response.content
    assert b"<script>" not in response.content


def test_no_request_computes_the_figures_the_job_does(reference_workshop, coordinator_client, monkeypatch):
    def not_on_a_request(*args, **kwargs):
        raise AssertionError("insights computed on a request")

    monkeypatch.setattr("overview.insights.insights_data", not_on_a_request)
    response = coordinator_client.get("/insights/")
    assert b"These figures are being prepared" in response.content
    assert b'id="insights-data"' not in response.content
    assert b"insights.js" not in response.content
    monkeypatch.undo()

    done = refresh()

    assert sorted(s.key for s in done) == ["en:::", "km:::", "zh-hans:::"]
    response = coordinator_client.get("/insights/")
    assert b"These figures are being prepared" not in response.content
    assert b"Figures as of " in response.content
    assert b'id="insights-data"' in response.content
    assert "2022 Q1" in response.content.decode()


def test_the_page_shows_the_last_snapshot_per_filter_and_language(reference_workshop, coordinator_client):
    refresh()
    WorkshopFactory(start_date=datetime.date(2024, 2, 1), format=Workshop.Format.HYBRID)
    assert "2024 Q1" not in coordinator_client.get("/insights/").content.decode()  # until the job runs again
    filtered = coordinator_client.get("/insights/", {"start": "2024-01-01"}).content.decode()
    assert "These figures are being prepared" in filtered  # a filter nobody asked for before

    assert [s.key for s in refresh(only_missing=True)] == ["en::2024-01-01:"]

    assert "2024 Q1" in coordinator_client.get("/insights/", {"start": "2024-01-01"}).content.decode()
    assert "2024 Q1" not in coordinator_client.get("/insights/").content.decode()
    refresh()
    assert "2024 Q1" in coordinator_client.get("/insights/").content.decode()
    coordinator_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/insights/"})
    assert "2024 Q1" in coordinator_client.get("/insights/").content.decode()


def test_the_command_computes_every_snapshot_and_drops_filters_unused_for_a_month(db):
    old = timezone.now() - datetime.timedelta(days=31)
    InsightsSnapshot.objects.create(key="en::2020-01-01:", language="en", start="2020-01-01", requested_at=old)
    InsightsSnapshot.objects.create(
        key="en::2021-01-01:", language="en", start="2021-01-01", requested_at=timezone.now()
    )
    out = StringIO()

    call_command("refresh_insights", stdout=out)

    assert sorted(InsightsSnapshot.objects.values_list("key", flat=True)) == [
        "en::2021-01-01:",
        "en:::",
        "km:::",
        "zh-hans:::",
    ]
    assert InsightsSnapshot.objects.filter(figures__isnull=True).count() == 0
    assert "4 insights snapshot(s) computed" in out.getvalue()
    out = StringIO()
    call_command("refresh_insights", "--missing", stdout=out)
    assert "0 insights snapshot(s) computed" in out.getvalue()


def test_the_network_draws_only_the_strongest_links(db, monkeypatch):
    monkeypatch.setattr("overview.insights.MAX_EDGES", 2)
    a, b, c = (OrganisationFactory(short_name=name) for name in "ABC")
    for pair in [(a, b), (a, b), (a, c), (b, c), (b, c), (b, c)]:
        workshop = WorkshopFactory()
        for organisation in pair:
            workshop.organisation_links.create(organisation=organisation, role="participant")
    data = insights_data()
    assert [(e["source"], e["target"], e["weight"]) for e in data["network"]["edges"]] == [
        (f"o{a.pk}", f"o{b.pk}", 2),
        (f"o{b.pk}", f"o{c.pk}", 3),
    ]
    assert data["strongest_links_only"] is True
    assert {n["label"]: n["workshops"] for n in data["network"]["nodes"]} == {"A": 3, "B": 5, "C": 4}


def test_the_page_lists_the_most_active_organisations_and_draws_only_those_and_the_linked_ones(db, monkeypatch):
    monkeypatch.setattr("overview.insights.MAX_EDGES", 1)
    monkeypatch.setattr("overview.insights.MAX_ORGANISATIONS", 2)
    a, b, c, d = (OrganisationFactory(short_name=name, name=f"Institute {name}") for name in "ABCD")
    # Workshops: A with B twice, C with D once, C alone twice, D alone once → A 2, B 2, C 3, D 2.
    for pair in [(a, b), (a, b), (c, d), (c,), (c,), (d,)]:
        workshop = WorkshopFactory()
        for organisation in pair:
            workshop.organisation_links.create(organisation=organisation, role="participant")

    html = _render_figures(insights_data())

    table = html[html.index('id="table-organisations"') : html.index('id="country-stats-title"')]
    assert re.findall(r">(Institute [A-D])</a>", table) == ["Institute C", "Institute A"]
    assert "The 2 most active of 4 organisations." in html
    data = json.loads(html[html.index('id="insights-data"') :].split(">", 1)[1].split("</script>")[0])
    # C and A from the table, B at the other end of the one link drawn (A-B, met twice); D neither.
    assert sorted(node["label"] for node in data["network"]["nodes"]) == ["A", "B", "C"]
    assert [(e["source"], e["target"]) for e in data["network"]["edges"]] == [(f"o{a.pk}", f"o{b.pk}")]
