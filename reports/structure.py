"""The layout of a report's text, before its sentences are read: e-mail headers, label lines ("Date:", "Venue:",
"Chair:"), headings and their sections, list items (bulleted, numbered, or the bare lines a .docx list leaves) and
table rows (the tab-separated lines reports/extract.py makes of .docx and HTML tables).

Every part is a span of the text (start, end) so that facts read from it keep their evidence.
"""

import re
from dataclasses import dataclass, field

# The headers of an e-mail, pasted or saved as .eml: the block of "Name: value" lines the text starts with.
MAIL_HEADERS = {
    "from", "to", "cc", "bcc", "sent", "date", "subject", "reply-to", "mime-version", "content-type",
    "content-transfer-encoding", "message-id", "importance",
}  # fmt: skip
# Label lines, by what they label.
LABELS = {
    "date": r"dates?|date of (?:the )?(?:meeting|workshop|training|visit)|when|date ?(?:/|and|&) ?time",
    "venue": r"venue|place|location|where",
    "format": r"format|mode|modality",
    "chair": r"chair(?:ed by)?|chairpersons?|chairman|chairwoman|presided by|co-?chairs?|co-?chaired by|moderators?",
    "title": r"title|meeting|event|subject",
    "coordinator": r"coordinated by|coordinators?|coordination|under the coordination of|facilitated by",
    "platform": r"platform|online platform|meeting platform|via",
    "host": r"hosts?|hosted by|co-?hosts?|co-?hosted by|host (?:institution|institute|organi[sz]ation)s?",
}
_BARE_LABEL = re.compile(
    rf"(?P<label>(?=[A-Z])(?i:{'|'.join(LABELS[k] for k in ('date', 'venue', 'host', 'coordinator'))}|participants))"
    r"[ \t]+(?P<value>[A-Z0-9][^:\n]*[^.:\n])$"
)
# Section headings, by what their items are.
SECTIONS = {
    "participants": r"(?:participants?|present|attendees|attendance|in attendance|delegates|"
    r"(?:list of )?participants and resource persons|resource persons(?: and participants)?|delegation|"
    r"who (?:was|were) (?:on the call|present|there)|"
    r"(?:persons|people|officials) (?:met|consulted))(?: \(\d{1,3}(?: people| persons| participants)?\))?",
    "agenda": r"agenda|programme of the (?:meeting|day)|topics(?: discussed)?|items discussed|chapters|agenda items",
    "figures": r"key figures|figures|facts and figures|in numbers|statistics",
    "decisions": r"decisions?(?: taken| made)?|agreed|agreements?|conclusions?|outcomes?|resolutions?",
    "actions": r"action points?|action items?|actions|next steps|(?:recommendations and )?follow[- ]up(?: actions)?|"
    r"to do|(?:follow[- ]up )?tasks|tasks? list",
    "proceedings": r"proceedings|discussion|summary|minutes|background|opening|closing",
}
# "- ", "1. ", "(a) ", "(iv) ", and the sub-numbers of numbered sections: "3.1 ", "4.2. ".
_BULLET = re.compile(
    r"^\s*(?:[-•*–·▪◦☐☑☒□■✓✔]|\(?\d{1,2}[.)]|\d{1,2}\.\d{1,2}\.?|\(?[a-z][.)]|\((?:i{1,3}|iv|vi{0,3}|ix|x)\))\s+"
)
# A numbered section heading: "3. Decisions", "4 Action points".
_NUMBERED = re.compile(r"^\s*\d{1,2}\.?\s+(?=[A-Z])")


@dataclass
class Line:
    start: int
    end: int
    text: str  # as written, without the bullet
    text_start: int  # where `text` starts
    bulleted: bool = False
    cells: list = field(default_factory=list)  # [(start, end)] of a table row's cells


@dataclass
class Layout:
    mail: dict = field(default_factory=dict)  # header name -> (start, end) of its value
    mail_end: int = 0
    labels: dict = field(default_factory=dict)  # label kind -> [(start, end) of the value]
    bare_labels: dict = field(default_factory=dict)  # start of a label without its colon -> start of its value
    headings: list = field(default_factory=list)  # (start, end, section kind or "")
    sections: dict = field(default_factory=dict)  # section kind -> [Line]
    rows: list = field(default_factory=list)  # [Line] of table rows
    section_spans: dict = field(default_factory=dict)  # section kind -> [(start, end)]

    def in_section(self, position, *kinds):
        return any(s <= position < e for kind in kinds for s, e in self.section_spans.get(kind, []))


# A row of a table written with pipes ("No. | Action | Responsible | Deadline", "| Name | Position |"): two pipes or
# more between words, a markdown rule row ("|---|:---:|") not counted.
_PIPE_ROW = re.compile(r"^[ \t]*\|?[^|\n]*\S[^|\n]*\|[^|\n]*\S[^|\n]*\|[^\n]*$", re.M)


def pipe_cells(text):
    """The text with the pipes of its pipe-written table rows made tabs, as .docx and HTML tables are read: the same
    length, so that spans stay the text's."""
    if "|" not in text:
        return text
    return _PIPE_ROW.sub(lambda row: row.group().replace("|", "\t"), text)


def _lines(text):
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end(), match.group()


def section_kind(line):
    """The kind of section a heading's words name ("3. Decisions": "decisions"), or None."""
    words = line.strip().strip("#*:").strip().rstrip(":").strip()
    words = re.sub(r"^\d{1,2}\.?\s+", "", words)  # "3. Decisions"
    for kind, pattern in SECTIONS.items():
        if re.fullmatch(rf"(?:{pattern})", words, re.IGNORECASE):
            return kind
    return None


def _is_heading(line, following):
    """A short line standing alone: a markdown heading, or a few words with no end stop followed by more lines; a
    numbered one ("3. Decisions") when its words name a section or the lines after it are numbered under it ("3.1"),
    not when the next line goes on with the same list ("1. Opening", "2. Review …" of an agenda)."""
    stripped = line.strip()
    if stripped.startswith("#") and "\t" not in stripped:  # "# | Action | …": a table's header row, no heading
        return True
    numbered = _NUMBERED.match(line)
    if numbered and following and len(stripped.split()) <= 8 and not re.search(r"[.!?,;:”\"]$", stripped):
        number = re.match(r"\s*(\d{1,2})", line).group(1)
        sub = re.match(rf"\s*{number}\.\d", following[2])
        same_list = re.match(r"\s*\(?\d{1,2}[.)]?\s", following[2])
        if sub or (not same_list and section_kind(line[numbered.end() :]) is not None):
            return True
    if "\t" in stripped or _BULLET.match(line) or len(stripped.split()) > 8:
        return False
    if re.search(r"[.!?,;”\"]$", stripped):
        return False
    return section_kind(stripped) is not None or (following and stripped.endswith(":"))


# A message of a pasted chain starts at a separator line ("-----Original Message-----", "---------- Forwarded
# message ---------") or at a "From:" line followed by its other headers ("Sent:"/"Date:", "Subject:").
_SEPARATOR = re.compile(r"^[ \t>]*-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}[ \t]*$", re.I | re.M)
_HEADER_BLOCK = re.compile(
    r"^[ \t>]*From:[^\n]*\n(?:[ \t>]*(?:Sent|Date|To|Cc|Bcc|Importance):[^\n]*\n){1,5}[ \t>]*Subject:[^\n]*$", re.M
)


def mail_messages(text):
    """[(start, end)] of the messages of a pasted mail chain, newest first, each from its separator or headers to
    the next one's; [] when the text holds one message or none. One pass over the text."""
    starts = sorted({m.start() for m in _SEPARATOR.finditer(text)} | {m.start() for m in _HEADER_BLOCK.finditer(text)})
    merged = []
    for start in starts:  # a separator and the headers right after it start one message
        if merged and _SEPARATOR.fullmatch(text[merged[-1] : start].rstrip()):
            merged[-1] = start
            continue
        merged.append(start)
    bounds = ([0] if not merged or text[: merged[0]].strip() else []) + merged
    if len(bounds) < 2:
        return []
    return [(s, e) for s, e in zip(bounds, [*bounds[1:], len(text)], strict=True)]


def read_layout(text):
    """The Layout of a report's text."""
    layout = Layout()
    lines = list(_lines(text))
    # E-mail headers: the first lines, if they are "Header: value" lines naming at least From/Sent or Subject.
    names = []
    for start, end, line in lines:
        header = re.match(r"([A-Za-z][A-Za-z-]*):\s*(.*)$", line)
        if not header or header.group(1).lower() not in MAIL_HEADERS:
            break
        names.append((header.group(1).lower(), start + header.start(2), end))
    if {n for n, _s, _e in names} & {"from", "sent"} and any(n == "subject" for n, _s, _e in names):
        for name, start, end in names:
            layout.mail.setdefault(name, (start, end))
        layout.mail_end = names[-1][2]
    # Label lines without their colons, as a two-column table leaves them ("Venue Main Hall, …" above "Host …"):
    # a label word, capitalised, then its value, on a line of no sentence, next to another such line.
    bare = {i: m for i, (_s, _e, line) in enumerate(lines) if (m := _BARE_LABEL.match(line))}
    current = None
    section_start = None
    for i, (start, end, line) in enumerate(lines):
        if start < layout.mail_end:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else None
        label = re.match(r"\s*(?P<label>[A-Za-z][A-Za-z /&-]{1,30}?)\s*:\s*(?P<value>\S.*)$", line)
        if not label and (bare.get(i - 1) or bare.get(i + 1)):
            label = bare.get(i)
            if label:
                layout.bare_labels[start + label.start("label")] = start + label.start("value")
        cells = [c for c in re.finditer(r"[^\t]+", line) if c.group().strip()]
        # (a bilingual label, "Venue 地点", by its English words)
        two = r"\s*(?P<label>[A-Za-z][A-Za-z /&-]{1,30}?)(?:\s+[^\x00-\x7f][^\t]{0,20})?\s*"
        if "\t" in line and len(cells) == 2 and re.fullmatch(two, cells[0].group()):
            # a two-column table's row, "Venue | Main Hall, …": a label line without its colon
            value = cells[1]
            lead = len(value.group()) - len(value.group().lstrip())
            label = re.fullmatch(two, cells[0].group())
            for kind, pattern in LABELS.items():
                if re.fullmatch(pattern, label.group("label"), re.IGNORECASE):
                    v_start, v_end = start + value.start() + lead, start + value.start() + len(value.group().rstrip())
                    layout.labels.setdefault(kind, []).append((v_start, v_end))
                    break
            label = None
        if label and "\t" not in line:
            for kind, pattern in LABELS.items():
                if re.fullmatch(pattern, label.group("label").strip(), re.IGNORECASE):
                    v_start, v_end = start + label.start("value"), start + label.end("value")
                    layout.labels.setdefault(kind, []).append((v_start, v_end))
                    break
        if _is_heading(line, following):
            kind = section_kind(line) or ""
            lead_in = not kind and current in ("actions", "decisions") and line.rstrip().endswith(":")
            if lead_in and not text[section_start:start].strip():
                continue  # "6. Follow-up" then "The delegation recommends the following actions:": its lead-in
            if current is not None:
                layout.section_spans.setdefault(current, []).append((section_start, start))
            layout.headings.append((start, end, kind))
            current, section_start = kind, end
            continue
        bullet = _BULLET.match(line)
        text_start = start + (bullet.end() if bullet else len(line) - len(line.lstrip()))
        item = Line(start, end, text[text_start:end], text_start, bulleted=bool(bullet))
        if "\t" in line:
            offset = start
            for cell in line.split("\t"):
                lead = len(cell) - len(cell.lstrip())
                item.cells.append((offset + lead, offset + len(cell.rstrip())))
                offset += len(cell) + 1
            layout.rows.append(item)
        if current:
            layout.sections.setdefault(current, []).append(item)
    if current is not None:
        layout.section_spans.setdefault(current, []).append((section_start, len(text)))
    return layout
