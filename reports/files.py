"""The text of a report file: .txt, .docx (python-docx), .pdf (pypdf), .html (lxml) or .eml (an e-mail: its
headers as a mail program shows them, then its text/plain part, or its text/html part read as an .html file;
attachments left out), paragraphs apart.

A .docx, .pdf or .html file is read in a child process (reports/extract.py) within the limits of reports/limits.py:
its address space is capped, it is stopped after READ_SECONDS, and the caps on unpacked bytes, elements and pages
refuse a file that would cost more long before either (a text past MAX_CHARS is cut). The request's own process holds
only the file's bytes and the text that comes back."""

import email.parser
import email.policy
import json
import logging
import re
import subprocess
import sys
from pathlib import Path, PurePath

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import limits

logger = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parent.parent
EXTENSIONS = (".txt", ".docx", ".pdf", ".html", ".htm", ".eml")
MAIL_HEADERS = ("From", "Sent", "To", "Cc", "Date", "Subject")  # an .eml's headers the reader is given

MESSAGES = {
    "packed": gettext_lazy(
        "The file unpacks to far more than a report holds: save it again from the program that made it, "
        "or paste its text."
    ),
    "elements": gettext_lazy(
        "The file is made of more than %(limit)s parts (paragraphs, tags, formatting): paste its text instead."
    ),
    "memory": gettext_lazy("Reading the file needed more memory than a report does: paste its text instead."),
    "slow": gettext_lazy("Reading the file took longer than %(limit)s seconds: paste its text instead."),
}
LIMITS = {"elements": "MAX_ELEMENTS", "slow": "READ_SECONDS"}


class ReportFileError(ValueError):
    """The file is not a report this reader can read; the message says why, for the page."""


def refused(code):
    """The ReportFileError for a limit reached (a code of reports.extract.Refused)."""
    if code not in LIMITS:
        return ReportFileError(str(MESSAGES[code]))
    limit = number_format(getattr(limits, LIMITS[code]), force_grouping=True)
    return ReportFileError(str(MESSAGES[code]) % {"limit": limit})


def report_text(name, content):
    """The text of the file `name` whose bytes are `content`."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ReportFileError(_("Upload a .txt, .docx, .pdf, .html or .eml file."))
    if len(content) > limits.MAX_FILE_BYTES:
        raise ReportFileError(_("The file is larger than 5 MB."))
    unreadable = ReportFileError(_("The file could not be read: is it really a %(kind)s file?") % {"kind": suffix})
    if suffix == ".txt":
        text = _plain(content)
    else:
        headers, part = "", suffix
        if suffix == ".eml":
            try:
                headers, part, content = _mail(content)
            except (ValueError, LookupError, TypeError, IndexError, AttributeError) as error:  # a mangled message
                logger.info("An .eml report file could not be read: %s", error)
                raise unreadable from None
        kind, answer = ("text", content) if part == ".txt" else _read_in_child(part, content)
        if kind == "refused":
            raise refused(answer)
        if kind == "error":
            logger.info("A %s report file could not be read: %s", suffix, answer)
            raise unreadable
        text = headers + answer if answer.strip() else ""  # an e-mail with headers alone has no text to read
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text).strip()
    if not text:
        raise ReportFileError(_("The file has no text in it."))
    return text  # longer than MAX_CHARS: the form reads its first MAX_CHARS and says so


def _plain(content):
    for encoding in ("utf-8-sig", "utf-16") if content[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("cp1252", errors="replace")


def _read_in_child(suffix, content):
    """("text", text), ("refused", code) or ("error", why) from a child process, stopped after READ_SECONDS.

    A new interpreter rather than a fork of this one: a fork would copy this process's threads, connections and
    address space (so no memory limit could be set on the child's own work)."""
    command = [sys.executable, "-m", "reports.extract", suffix, str(limits.READ_MEMORY_BYTES)]
    try:
        child = subprocess.run(
            command, input=content, capture_output=True, timeout=limits.READ_SECONDS, cwd=PROJECT, check=False
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        return "refused", "slow"
    try:
        answer = json.loads(child.stdout)
    except ValueError:  # no answer: the child was killed, or crashed in a parser
        return "error", child.stderr[-500:].decode(errors="replace")
    [(kind, value)] = answer.items()
    return kind, value


def _mail(content):
    """(headers, ".txt", text) or (headers, ".html", bytes) of an e-mail's bytes: the headers a reader looks for
    ("From: …" lines, then a blank line), and its first text/plain part, else its first text/html part; attachments
    and other parts are skipped, and at most limits.MAX_PARTS parts are looked at."""
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(content)
    lines, seen = [], set()
    for name in message:  # its headers, in their order
        wanted = next((n for n in MAIL_HEADERS if n.lower() == name.lower()), None)
        if wanted is None or wanted in seen:
            continue
        seen.add(wanted)
        try:
            value = str(message.get(name) or "")
        except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of: left out
            value = ""
        if value.strip():
            lines.append(f"{wanted}: {' '.join(value.split())}")
    headers = "\n".join(lines) + "\n\n" if lines else ""
    found = {}
    for count, part in enumerate(message.walk()):
        if count >= limits.MAX_PARTS:
            break
        kind = part.get_content_type()
        if part.is_multipart() or part.get_content_disposition() == "attachment" or kind in found:
            continue
        if kind in ("text/plain", "text/html"):
            found[kind] = part
    if "text/plain" in found:
        return headers, ".txt", _part_text(found["text/plain"])
    if "text/html" in found:
        return headers, ".html", found["text/html"].get_payload(decode=True) or b""
    return headers, ".txt", ""


def _part_text(part):
    try:
        return part.get_content()
    except (LookupError, ValueError):  # a charset Python does not know: read as the plain text of a .txt file
        return _plain(part.get_payload(decode=True) or b"")
