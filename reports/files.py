"""The text of a report file: .txt, .docx (python-docx), .pdf (pypdf) or .html (lxml), paragraphs apart."""

import io
import re
from pathlib import PurePath

from django.utils.translation import gettext as _

EXTENSIONS = (".txt", ".docx", ".pdf", ".html", ".htm")
MAX_BYTES = 5 * 1024 * 1024
MAX_CHARS = 200_000


class ReportFileError(ValueError):
    """The file is not a report this reader can read; the message says why, for the page."""


def report_text(name, content):
    """The text of the file `name` whose bytes are `content`."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ReportFileError(_("Upload a .txt, .docx, .pdf or .html file."))
    if len(content) > MAX_BYTES:
        raise ReportFileError(_("The file is larger than 5 MB."))
    try:
        if suffix == ".txt":
            text = _plain(content)
        elif suffix == ".docx":
            text = _docx(content)
        elif suffix == ".pdf":
            text = _pdf(content)
        else:
            text = _html(content)
    except ReportFileError:
        raise
    except Exception as error:  # a damaged file: any of the readers' own errors
        raise ReportFileError(
            _("The file could not be read: is it really a %(kind)s file?") % {"kind": suffix}
        ) from error
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text).strip()
    if not text:
        raise ReportFileError(_("The file has no text in it."))
    return text[:MAX_CHARS]


def _plain(content):
    for encoding in ("utf-8-sig", "utf-16") if content[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("cp1252", errors="replace")


def _docx(content):
    import docx

    document = docx.Document(io.BytesIO(content))
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def _pdf(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    pages = [page.extract_text() or "" for page in reader.pages[:50]]
    # A line break inside a paragraph is a space; a blank line stays a paragraph break.
    text = "\n\n".join(pages)
    return re.sub(r"(?<![.!?:”\"\n])\n(?!\n)", " ", text)


def _html(content):
    import lxml.html

    document = lxml.html.document_fromstring(content)
    for bad in document.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = document.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//p|//li|//blockquote")
    if not blocks:
        return document.text_content()
    return "\n\n".join(" ".join(b.text_content().split()) for b in blocks if b.text_content().strip())
