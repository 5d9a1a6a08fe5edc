"""Dates in years a person could mean, notice periods of at most ten years, texts of a size the pages can lay out:
refused with a message by the models, and by the database for rows written around them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import Agreement, Amendment
from participants.models import Position
from tests.factories import ActionItemFactory, AgreementFactory, WorkshopFactory
from workshops.models import ActionItem, Workshop

pytestmark = pytest.mark.django_db

FAR = datetime.date(9999, 12, 31)
DATE_MESSAGE = ["Enter a date between the years 1900 and 2200."]


@pytest.mark.parametrize(
    "make, field",
    [
        (WorkshopFactory, "start_date"),
        (WorkshopFactory, "end_date"),
        (ActionItemFactory, "due_date"),
        (ActionItemFactory, "completed_on"),
        (AgreementFactory, "proposed_on"),
        (AgreementFactory, "target_signing_date"),
        (AgreementFactory, "signed_on"),
        (AgreementFactory, "expires_on"),
    ],
)
@pytest.mark.parametrize("day", [datetime.date(1899, 12, 31), FAR])
def test_a_date_outside_1900_to_2200_is_refused_with_a_message(make, field, day):
    record = make()
    setattr(record, field, day)
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    assert refused.value.message_dict[field] == DATE_MESSAGE


def test_the_first_and_last_days_of_the_range_are_accepted():
    workshop = WorkshopFactory(start_date=datetime.date(1900, 1, 1), end_date=datetime.date(2200, 12, 31))
    workshop.full_clean()


@pytest.mark.parametrize(
    "model, make, field, value",
    [
        (Workshop, WorkshopFactory, "start_date", FAR),
        (ActionItem, ActionItemFactory, "due_date", FAR),
        (Agreement, AgreementFactory, "expires_on", FAR),
        (Agreement, AgreementFactory, "notice_period_days", 1_000_000),
    ],
)
def test_the_database_refuses_a_value_out_of_range_written_around_the_model(model, make, field, value):
    record = make()
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=record.pk).update(**{field: value})


def test_a_notice_period_over_ten_years_is_refused_with_a_message():
    agreement = AgreementFactory.build(notice_period_days=3651)
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()
    assert refused.value.message_dict == {"notice_period_days": ["A notice period is at most 3,650 days (ten years)."]}
    agreement.notice_period_days = 3650
    agreement.full_clean()


def test_positions_and_amendments_keep_their_dates_in_range():
    position = Position(start_date=FAR)
    amendment = Amendment(effective_from=FAR)
    for record, field in [(position, "start_date"), (amendment, "effective_from")]:
        with pytest.raises(ValidationError) as refused:
            record.clean_fields()
        assert refused.value.message_dict[field] == DATE_MESSAGE


def test_minutes_longer_than_50000_characters_are_refused_with_a_message():
    workshop = WorkshopFactory(minutes="x" * 50_000)
    workshop.full_clean()
    workshop.minutes += "x"
    with pytest.raises(ValidationError) as refused:
        workshop.full_clean()
    assert refused.value.message_dict == {"minutes": ["Ensure this value has at most 50000 characters (it has 50001)."]}


def test_the_api_refuses_a_workshop_in_the_year_9999_with_a_message(client, admin_user):
    workshop = WorkshopFactory()
    client.force_login(admin_user)
    response = client.patch(
        f"/api/workshops/{workshop.pk}/",
        {"start_date": "9999-12-31", "updated_at": workshop.updated_at.isoformat()},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (400, {"start_date": DATE_MESSAGE})
