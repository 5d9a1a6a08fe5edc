"""Filters for the handlers in settings.LOGGING. Loaded before the apps, so they import nothing of Django's."""

import logging
import re

# /calendar/<secret>/<feed>.ics: the secret is whatever follows /calendar/ up to the next slash.
CALENDAR_TOKEN = re.compile(r"(/calendar/)(?!reset/)[^/\s?#\"']+")


class MaskCalendarTokens(logging.Filter):
    """Replaces calendar feed secrets in a log line with "…", whichever logger wrote it."""

    def filter(self, record):
        message = record.getMessage()
        masked = CALENDAR_TOKEN.sub(r"\1…", message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = CALENDAR_TOKEN.sub(r"\1…", record.exc_text)
        return True
