"""Ranges every record keeps, at the model: dates in years a person could mean, and texts no longer than a page can
lay out in reasonable time.

    start_date = models.DateField(..., validators=DATE_RANGE)
    constraints = [dates_in_range("workshop", "start_date", "end_date")]
    minutes = models.TextField(..., max_length=LONG_TEXT, validators=[MaxLengthValidator(LONG_TEXT)])

A date in the year 9999 is a typing slip, and it breaks whatever adds a day to it (a calendar's end date).
"""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import CheckConstraint, Q
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2200, 12, 31)
DATE_RANGE_MESSAGE = _("Enter a date between the years 1900 and 2200.")
DATE_RANGE = [
    MinValueValidator(EARLIEST_DATE, message=DATE_RANGE_MESSAGE),
    MaxValueValidator(LATEST_DATE, message=DATE_RANGE_MESSAGE),
]

# Meeting minutes, the longest text: the meeting-record PDF of a workshop with this much renders in a few seconds.
MINUTES_LENGTH = 50_000
# Summaries, statements, notes and other texts.
TEXT_LENGTH = 10_000


def dates_in_range(prefix, *fields):
    """One CheckConstraint that keeps each of the (nullable) date fields between EARLIEST_DATE and LATEST_DATE."""
    condition = Q()
    for field in fields:
        condition &= Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__range": (EARLIEST_DATE, LATEST_DATE)})
    return CheckConstraint(
        condition=condition, name=f"{prefix}_dates_in_range", violation_error_message=DATE_RANGE_MESSAGE
    )


SINGLE_LINE_MESSAGE = _("Enter this on one line: it cannot contain a line break or other control character.")


def single_line(value):
    """Refuses a line break (or another control character) in a name or title: one is the subject of an e-mail, a
    file name and a line of a list, where a break would split a header or a row."""
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value or ""):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="single_line")
