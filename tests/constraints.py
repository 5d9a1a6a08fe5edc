"""Shared check for a database constraint: the form layer explains it, the database enforces it regardless."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


def assert_refused(obj, message):
    with pytest.raises(ValidationError) as excinfo:
        obj.full_clean()
    assert message in excinfo.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()
