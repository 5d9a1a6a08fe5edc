"""Filters for the handlers in settings.LOGGING. Loaded before the apps, so they import nothing of Django's."""

import logging
import re

# /calendar/<secret>/<feed>.ics: the secret is whatever follows /calendar/ up to the next slash. A partner's link
# (/workshops/confirm/<secret>/, /workshops/report-actions/<secret>/) is a credential too.
CALENDAR_TOKEN = re.compile(r"(/calendar/|/workshops/confirm/|/workshops/report-actions/)(?!reset/)[^/\s?#\"']+")


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


def escape_control_characters(text):
    """`text` with every control character (a newline, a carriage return, an escape) written as a visible escape:
    a value someone typed cannot start a line of its own in the log."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode("ascii") for char in text
    )


class EscapeControlCharacters(logging.Filter):
    """Escapes control characters in the values of a log line (usernames, paths): one event stays one line."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(escape_control_characters(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: escape_control_characters(v) if isinstance(v, str) else v for k, v in record.args.items()}
        return True
