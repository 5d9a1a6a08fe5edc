"""Safe to repeat: a POST that creates runs once per key; a repeat gets the first answer back.

The key is claimed by inserting it before the work, in the same transaction: a second request with the same key
waits on the unique index until the first commits (and then finds its answer) or rolls back (and then does the
work itself).
"""

import uuid

from django.db import IntegrityError, transaction

from .models import IdempotencyKey


def new_key():
    return uuid.uuid4().hex


def claim(key):
    """Inside a transaction: the key's row if this request is the first with `key`, else None after the first
    committed. Store the answer on the row with remember()."""
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(key=key)
    except IntegrityError:
        return None


def answer_of(key):
    stored = IdempotencyKey.objects.filter(key=key).first()
    return stored.answer if stored else None


def remember(claimed, answer):
    claimed.answer = answer
    claimed.save(update_fields=["answer"])
