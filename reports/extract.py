"""The text of a .docx, .pdf or .html report, read within the limits of reports/limits.py.

This module runs in the child process reports/files.py starts for each file (`python -m reports.extract SUFFIX
MEMORY_BYTES`, the file's bytes on stdin, one line of JSON on stdout), so it imports no Django: a limit reached
raises `Refused` with a code, and the parent turns the code into a message in the user's language.
"""

import functools
import io
import json
import re
import resource
import sys
import zipfile

from lxml import etree

from . import limits

MEGABYTE = 1024 * 1024


class Refused(Exception):
    """A limit was reached; `code` says which (reports.files.MESSAGES)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def read(suffix, content):
    """The text of `content`, a file of kind `suffix` (.docx, .pdf, .html or .htm), paragraphs apart; a text longer
    than 2 * MAX_CHARS is cut there (the form cuts it to MAX_CHARS once the spaces are trimmed)."""
    text = _Text()
    try:
        if suffix == ".docx":
            _docx(content, text)
        elif suffix == ".pdf":
            _pdf(content, text)
        else:
            _html(content, text)
    except _Full:
        pass
    joined = text.joined()
    return _pdf_paragraphs(joined) if suffix == ".pdf" else joined


def main(suffix, memory_bytes):
    """The child's work: its address space limited first, then the file read from stdin and the answer written."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        answer = {"text": read(suffix, sys.stdin.buffer.read())}
    except Refused as refused:
        answer = {"refused": refused.code}
    except MemoryError:
        answer = {"refused": "memory"}
    except Exception as error:  # a damaged file: any of the readers' own errors
        answer = {"error": repr(error)[:500]}
    sys.stdout.write(json.dumps(answer))


class _Full(Exception):
    """The text gathered has passed MAX_CHARS: the rest of the file is not read."""


class _Text:
    """Paragraphs gathered until their text passes MAX_CHARS (with room for the spaces trimmed later); the paragraph
    that passes it is cut, and _Full stops the reading: the form reads the first MAX_CHARS and says the rest was cut."""

    def __init__(self):
        self.paragraphs = []
        self.length = 0

    def add(self, paragraph):
        room = 2 * limits.MAX_CHARS - self.length
        self.paragraphs.append(paragraph[: max(room, 0)])
        self.length += len(paragraph) + 2
        if self.length > 2 * limits.MAX_CHARS:
            raise _Full

    def joined(self):
        return "\n\n".join(self.paragraphs)


def _count_elements(stream, *, html=False, counted=0):
    """`counted` plus the elements of the XML (or HTML) in `stream`; Refused("elements") as soon as the total passes
    MAX_ELEMENTS, before the rest is parsed."""
    options = {"html": True} if html else {"resolve_entities": False, "no_network": True}
    for _event, element in etree.iterparse(stream, events=("end",), **options):
        counted += 1
        if counted > limits.MAX_ELEMENTS:
            raise Refused("elements")
        element.clear(keep_tail=True)
    return counted


WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(content, text):
    """The body's paragraphs, as python-docx's Document.paragraphs gives them (a run's text, a tab as a tab, a line
    break as a new line), read from word/document.xml with lxml: importing python-docx was half of the child's time
    (0.5 s of about 1 s with the machine busy)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = archive.infolist()
        if len(parts) > limits.MAX_PARTS or sum(part.file_size for part in parts) > limits.MAX_UNPACKED_BYTES:
            raise Refused("packed")
        for part in parts:
            if part.file_size > MEGABYTE and part.file_size > limits.MAX_PACKING_RATIO * part.compress_size:
                raise Refused("packed")
        counted = 0
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                with archive.open(part) as stream:
                    counted = _count_elements(stream, counted=counted)
        with archive.open("word/document.xml") as stream:
            body = f"{WORD}body"
            pieces = {f"{WORD}t": None, f"{WORD}tab": "\t", f"{WORD}br": "\n", f"{WORD}cr": "\n"}
            for _event, element in etree.iterparse(
                stream,
                events=("end",),
                tag=(f"{WORD}p", f"{WORD}tbl", f"{WORD}sdt"),
                resolve_entities=False,
                no_network=True,
            ):
                parent = element.getparent()
                if parent is None or parent.tag != body:
                    continue  # a paragraph of a table or a content control: not one of the body's
                if element.tag == f"{WORD}p":
                    words = _words(element, pieces)
                    if words.strip():
                        text.add(words)
                elif element.tag == f"{WORD}tbl":  # a table's row is one line, its cells tab-separated
                    for row in element.iter(f"{WORD}tr"):
                        cells = [" ".join(_words(cell, pieces).split()) for cell in row.iter(f"{WORD}tc")]
                        if any(cells):
                            text.add("\t".join(cells))
                element.clear(keep_tail=False)


def _words(element, pieces):
    return "".join(
        (node.text or "") if pieces[node.tag] is None else pieces[node.tag] for node in element.iter(*pieces)
    )


def _pdf(content, text):
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    unpacked = limits.MAX_PDF_CONTENT_BYTES
    stream_limits = {
        "maximum_declared_stream_length": unpacked,
        "array_based_stream_maximum_output_length": unpacked,
        "zlib_maximum_output_length": unpacked,
        "lzw_maximum_output_length": unpacked,
        "run_length_maximum_output_length": unpacked,
        "page_tree_maximum_page_entries": 100 * limits.MAX_PDF_PAGES,
    }
    try:
        with apply_configuration(**stream_limits):
            reader = PdfReader(io.BytesIO(content))
            for number, page in enumerate(reader.pages):
                if number == limits.MAX_PDF_PAGES:
                    break
                contents = page.get_contents()
                unpacked -= len(contents.get_data()) if contents is not None else 0
                if unpacked < 0:
                    raise Refused("packed")
                text.add(page.extract_text() or "")
    except LimitReachedError:
        raise Refused("packed") from None


def _html(content, text):
    import lxml.html

    _count_elements(io.BytesIO(content), html=True)
    document = lxml.html.document_fromstring(content)
    for bad in document.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    blocks = document.xpath("//h1|//h2|//h3|//h4|//h5|//h6|//p[not(ancestor::td|ancestor::th)]|//li|//blockquote|//tr")
    if not blocks:
        text.add(document.text_content())
    for block in blocks:
        if block.tag == "tr":  # a table's row: one line, its cells tab-separated
            words = "\t".join(" ".join(cell.text_content().split()) for cell in block.xpath("./td|./th"))
        else:
            words = " ".join(block.text_content().split())
        if words.strip():
            text.add(words)


FUNCTION_WORD_END = r"\b(?:the|of|and|in|on|for|to|a|an|at|with|between|from|by)\s*$"


# A line that begins an item of its own, not the rest of the line before: an honorific, a number or bullet, a
# label ("Chair: …", or a label word without its colon, as a two-column table leaves it: "Venue Main Hall, …"; the
# words of reports/structure.py, imported when a PDF is read).
_ITEM_START = r"^\s*(?:(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.?\s|[\d•▪◦*–-]|[A-Za-z][A-Za-z /&-]{1,30}:|(?i:%s)\s+(?=[A-Z(\d]))"
# A running header or footer with the page's number ("Report | page 2"): left out, its page joined to the next.
_PAGE_LINE = r"(?i)\bpage\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*$"


@functools.cache
def _item_start():
    """_ITEM_START with the label and section words of reports/structure.py, compiled once (imported when a PDF is
    first read)."""
    from .structure import LABELS, SECTIONS

    return re.compile(_ITEM_START % "|".join([*LABELS.values(), *SECTIONS.values()]))


def _pdf_paragraphs(text):
    """A line break inside a paragraph is a space; a blank line stays a paragraph break, and so does the break
    after a line ending a sentence or after a short line (a heading, a title: a wrapped line runs to the margin).
    Each break is judged by the line before it, not the paragraph so far: a table's cells, whose lines wrap at the
    cell's width, stay apart unless a line ends in a comma or a function word, or the next one begins in lower
    case, or the line has a comma and the next begins no item of its own (_ITEM_START). A running footer with
    the page's number is left out."""
    item_start = _item_start()
    lines, dropped = [], False
    for line in text.split("\n"):
        if re.search(_PAGE_LINE, line) or (dropped and not line.strip()):
            dropped = True
            continue
        lines.append(line)
        dropped = False
    full = max((len(line) for line in lines), default=0)
    out, last = [], ""
    for line in lines:
        wrapped = len(last) >= 0.7 * full or line[:1].islower() or re.search(FUNCTION_WORD_END + "|,\\s*$", last)
        # A cell of a table wraps at the cell's width: a line of "Name, Title, …" goes on unless the next begins
        # an item of its own.
        wrapped = wrapped or ("," in last and not item_start.match(line))
        if out and out[-1] and line and not re.search(r"[.!?:”\"]\s*$", last) and wrapped:
            # "micro-" / "credentials": a word broken at its hyphen is one word again.
            space = "" if re.search(r"[a-z]-$", last) and line[:1].islower() else " "
            out[-1] = f"{out[-1]}{space}{line}"
        else:
            out.append(line)
        last = line
    return "\n".join(out)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
