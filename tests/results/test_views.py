import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.results import load_reference_results
from results.models import ComputedValue, EnteredValue, Indicator
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AttendanceFactory,
    IndicatorFactory,
    TargetFactory,
    UserFactory,
    WorkshopFactory,
    WorkshopOrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def initiative(reference_workshop):
    return load_reference_results()


def period_of(response, name, label):
    result = next(r for r in response.context["results"] if r.indicator.name == name)
    return next(p for p in result.periods if p.target.period_label == label)


def test_the_initiatives_page_shows_the_entered_figure_beside_the_computed_one(
    manager_client, initiative, reference_workshop
):
    response = manager_client.get(reverse("results:programme", args=[initiative.pk]))

    assert response.status_code == 200
    bilateral = period_of(response, "Bilateral workshops held", "2021-11 – 2022-11")
    assert (bilateral.achieved_display, bilateral.computed.value, bilateral.computed.ids) == (
        "> 20",
        1,
        (reference_workshop.pk,),
    )
    assert (bilateral.percent, bilateral.is_overridden) == (100, True)
    members = period_of(response, "Member TVETs that signed MOUs", "2023")
    assert (members.achieved_display, members.percent, members.trend, members.computed) == ("18", 90, "same", None)
    page = response.content.decode()
    assert reverse("results:records", args=[bilateral.target.pk]) in page
    assert "More than 20 bilateral workshops." in page


def test_the_records_page_links_every_workshop_counted(manager_client, initiative, reference_workshop):
    target = initiative.indicators.get(name="Bilateral workshops held").targets.get()

    response = manager_client.get(reverse("results:records", args=[target.pk]))

    assert [record.pk for record in response.context["records"]] == [reference_workshop.pk]
    assert f'href="{reference_workshop.get_absolute_url()}"' in response.content.decode()


def test_the_programme_page_takes_the_same_queries_whatever_the_number_of_records(manager_client, initiative):
    url = reverse("results:programme", args=[initiative.pk])
    manager_client.get(url)
    ComputedValue.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        manager_client.get(url)  # computes every period and stores it
    with CaptureQueriesContext(connection) as stored:
        manager_client.get(url)  # reads what was stored: nothing changed
    for day in range(1, 11):
        workshop = WorkshopFactory(
            initiative=initiative,
            kind="training",
            title=f"Training of trainers {day}",
            start_date=datetime.date(2022, 3, day),
        )
        WorkshopOrganisationFactory(workshop=workshop)
        AttendanceFactory(workshop=workshop)
    with CaptureQueriesContext(connection) as many:
        response = manager_client.get(url)  # the records changed since: computed again

    assert period_of(response, "Training-of-trainers programmes", "2021-11 – 2022-11").computed.value == 10
    assert len(many) == len(few)
    assert len(many) <= 60
    with CaptureQueriesContext(connection) as stored_again:
        response = manager_client.get(url)
    tot = period_of(response, "Training-of-trainers programmes", "2021-11 – 2022-11").computed
    assert (type(tot).__name__, tot.value) == ("StoredCount", 10)
    assert len(stored_again) == len(stored) == 10


def test_the_network_page_is_for_managers(client, manager_client, initiative, coordinator):
    response = manager_client.get(reverse("results:network"))
    assert response.status_code == 200
    assert len(response.context["results"]) == 6
    client.force_login(coordinator)
    assert client.get(reverse("results:network")).status_code == 403


def test_a_manager_adds_an_indicator_with_its_first_target_to_an_agreement(manager_client, manager):
    agreement = AgreementFactory()

    response = manager_client.post(
        reverse("results:agreement-indicator-create", args=[agreement.pk]),
        {
            "name": "Joint trainings",
            "unit": "trainings",
            "rule": "training_workshops",
            "measure": "in_period",
            "direction": "increase",
            "period_label": "2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "target_value": "4",
        },
    )

    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert (indicator.agreement, indicator.created_by, indicator.rule) == (agreement, manager, "training_workshops")
    assert list(indicator.targets.values_list("label", "start", "end", "value")) == [
        ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31), 4)
    ]
    assert indicator.history.get().history_user == manager


def test_a_rule_for_programmes_is_refused_on_an_agreement_next_to_the_field(manager_client):
    agreement = AgreementFactory()
    response = manager_client.post(
        reverse("results:agreement-indicator-create", args=[agreement.pk]),
        {
            "name": "Members",
            "unit": "organisations",
            "rule": "member_organisations",
            "measure": "in_period",
            "direction": "increase",
        },
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["rule"]
    assert Indicator.objects.count() == 0


def test_a_period_needs_its_dates_and_target_together(manager_client):
    agreement = AgreementFactory()
    response = manager_client.post(
        reverse("results:agreement-indicator-create", args=[agreement.pk]),
        {"name": "Visits", "unit": "visits", "measure": "in_period", "direction": "increase", "target_value": "3"},
    )
    assert sorted(response.context["form"].errors) == ["period_end", "period_start"]


def test_overriding_a_computed_value_needs_a_reason_and_keeps_both_visible(manager_client, manager):
    indicator = IndicatorFactory(agreement=AgreementFactory(), rule="bilateral_workshops")
    target = TargetFactory(indicator=indicator, label="2022")
    url = reverse("results:value-create", args=[target.pk])

    refused = manager_client.post(url, {"value": "7", "source": "document", "source_title": "Annual report 2022"})
    assert list(refused.context["form"].errors) == ["reason"]
    saved = manager_client.post(
        url,
        {"value": "7", "source": "document", "source_title": "Annual report 2022", "reason": "Two were not logged."},
    )
    assert saved.status_code == 302
    value = EnteredValue.objects.get()
    assert (value.value, value.entered_by, value.reason) == (7, manager, "Two were not logged.")

    page = manager_client.get(reverse("results:indicator", args=[indicator.pk]))
    period = page.context["result"].periods[0]
    assert (period.achieved_display, period.computed.value, period.is_overridden) == ("7", 0, True)
    text = page.content.decode()
    assert "Two were not logged." in text
    assert "0 records counted" in text


def test_the_agreement_page_shows_its_indicators(manager_client):
    agreement = AgreementFactory(title="MoU on welding")
    wit, pccfpi = (
        AgreementPartyFactory(agreement=agreement).organisation,
        AgreementPartyFactory(agreement=agreement).organisation,
    )
    workshop = WorkshopFactory(kind="bilateral", start_date=datetime.date(2022, 5, 4))
    WorkshopOrganisationFactory(workshop=workshop, organisation=wit)
    WorkshopOrganisationFactory(workshop=workshop, organisation=pccfpi, role="participant")
    indicator = IndicatorFactory(agreement=agreement, name="Exchanges held", rule="bilateral_workshops")
    TargetFactory(indicator=indicator, label="2022", value=2)

    response = manager_client.get(reverse("agreements:detail", args=[agreement.pk]))

    text = response.content.decode()
    assert "Exchanges held" in text
    assert "1 record counted" in text
    assert "50 %" in text


def test_the_results_export_has_a_row_per_period(manager_client, initiative):
    response = manager_client.get(reverse("results:export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 8
    assert rows[0][:4] == ["Programme, initiative or agreement", "Indicator", "Unit", "Rule"]
    bilateral = next(row for row in rows if row[1] == "Bilateral workshops held")
    assert bilateral[6:15] == [
        "2021-11 – 2022-11",
        "2021-11-01",
        "2022-11-30",
        "20",
        "1",
        "> 20",
        "> 20",
        "100",
        "",
    ]


def test_the_indicator_pages_need_a_role(client, initiative):
    client.force_login(UserFactory())
    indicator = initiative.indicators.first()
    assert client.get(reverse("results:indicator", args=[indicator.pk])).status_code == 403
