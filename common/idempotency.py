"""Safe to repeat: a POST that creates runs once per key; a repeat gets the first answer back.

The key is claimed by inserting it before the work, in the same transaction: a second request with the same key
waits on the unique index until the first commits (and then finds its answer) or rolls back (and then does the
work itself). A key belongs to the user who sent it: the same key from someone else is a request of their own.
Keys older than KEY_RETENTION are purged, a bounded batch at each claim.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyKey

# A repeat comes within seconds (a double click) or minutes (a retry); a day covers both with room to spare.
KEY_RETENTION = datetime.timedelta(days=1)
# Keys purged at most per claim: the cost of a claim stays bounded however many keys piled up.
PURGE_BATCH = 500


def new_key():
    return uuid.uuid4().hex


def claim(key, *, user):
    """Inside a transaction: the key's row if this request is `user`'s first with `key`, else None after the first
    committed. Store the answer on the row with remember()."""
    purge()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(key=key, user=user)
    except IntegrityError:
        return None


def answer_of(key, *, user):
    stored = IdempotencyKey.objects.filter(key=key, user=user).first()
    return stored.answer if stored else None


def remember(claimed, answer):
    claimed.answer = answer
    claimed.save(update_fields=["answer"])


def purge(*, now=None):
    """Delete up to PURGE_BATCH keys older than KEY_RETENTION, the oldest first; returns how many."""
    cutoff = (now or timezone.now()) - KEY_RETENTION
    old = (
        IdempotencyKey.objects.filter(created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:PURGE_BATCH]
    )
    deleted, _by_model = IdempotencyKey.objects.filter(pk__in=list(old)).delete()
    return deleted
