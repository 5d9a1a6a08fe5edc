"""Drafts of a workshop record, kept server-side for the user until the entry page saves them.

A draft is a WorkshopData (data.py) stored as JSON in the user's session (database or cache backed, never the
browser) under a random token, with the time it expires. The report reader's "Accept" stores one and opens
/workshops/new/?draft=<token>; the entry page shows it as if typed and forgets it once saved. At most MAX_DRAFTS are
kept per session (the oldest go first), each for DRAFT_HOURS.
"""

import datetime
import secrets

from django.utils import timezone

from .data import WorkshopData

SESSION_KEY = "workshop_drafts"
MAX_DRAFTS = 5
DRAFT_HOURS = 24


def store(request, data):
    """Keep `data` (a WorkshopData) for this user; returns its token."""
    drafts = {
        token: draft
        for token, draft in (request.session.get(SESSION_KEY) or {}).items()
        if isinstance(draft, dict) and not _expired(draft)
    }
    token = secrets.token_urlsafe(12)
    expires = timezone.now() + datetime.timedelta(hours=DRAFT_HOURS)
    drafts[token] = {"data": data.to_json(), "expires": expires.isoformat()}
    while len(drafts) > MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    request.session[SESSION_KEY] = drafts
    return token


def load(request, token):
    """The WorkshopData stored under `token` for this user, or None (unknown, expired or unreadable)."""
    draft = (request.session.get(SESSION_KEY) or {}).get(token)
    if not isinstance(draft, dict) or _expired(draft):
        return None
    try:
        return WorkshopData.from_json(draft["data"])
    except (KeyError, TypeError, ValueError):
        return None


def forget(request, token):
    drafts = request.session.get(SESSION_KEY) or {}
    if token and token in drafts:
        drafts.pop(token)
        request.session[SESSION_KEY] = drafts


def _expired(draft):
    try:
        return datetime.datetime.fromisoformat(draft["expires"]) < timezone.now()
    except (KeyError, TypeError, ValueError):
        return True
