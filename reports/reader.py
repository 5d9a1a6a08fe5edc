"""Read a narrative meeting report into a proposed workshop record, offline and deterministically.

Every proposed fact carries its evidence: the character span of the report it was read from. Every organisation and
person carries its match against the records: "on_record" (its own name), "other_name" (an alias, an acronym with a
wrong letter, a near spelling: "SCCFPI" for PCCFPI), "choice" (more than one record may be meant) or "new". Names
are looked up through the matchers everyone else uses (institutes.search, participants.search); nothing is
written.

The reading is a set of patterns for the way such reports are written: "The Principal of PCCFPI Mr. Samath Bou",
"Mr. Ting Shen, deputy director of …, said “…”", "“…” The Principal of SCCFPI Mr. Samath Bou said", "A total of 19
representatives from …", "Participants agreed to … and will …".
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import translation
from django_countries import countries

from institutes.matching import organisation_key
from institutes.search import OrganisationMatcher
from participants.keys import name_tokens
from participants.models import Person
from participants.names import HONORIFICS, honorific_key, is_honorific, name_used_alone, split_name
from participants.search import PeopleMatcher
from workshops.models import Attendance, Programme, Workshop, WorkshopOrganisation

from . import limits
from .structure import Line, mail_messages, pipe_cells, read_layout
from .structure import section_kind as read_section_kind

READER = "reports.reader/1"

# ---------------------------------------------------------------------------------------------------------------
# Words of reports

_HONORIFIC_RE = "|".join(
    re.escape(h).replace(r"\.", r"\.?") for h in sorted({*HONORIFICS, "Mr", "Ms", "Mrs", "Dr"}, key=len, reverse=True)
)
# A word of a name: capitalised (Samath), all capitals (NGUYEN) or hyphenated (Zhen-yun).
_NAME_WORD = r"[A-Z][A-Za-z'’\-]*[a-zA-Z]"
# A middle initial ("Maria Lourdes C. Bautista") is read with the name and left out of its parts.
_INITIAL = r"(?:[ \u00a0]+[A-Z]\.)?"
# A name word as a list or table writes it, accented letters and all ("Céspedes", "Lucía").
_NAME_WORD_U = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*[A-Za-zÀ-ÖØ-öø-ÿ]"
# A list item's bullet or number at a line's start.
_BULLET_START = re.compile(r"\s*(?:[-•*–·▪◦☐]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s")
# Honorifics written one after another ("Dr. Ir. Hendra Wijaya", "Prof. Dr. …"): the first is the one kept; a
# stacked one is written with its full stop, so that a name word ("Ms. Lok Sophea") is never taken for one. Three at
# most: a run of them with no name after it ("Dr. Dr. Dr. …") was tried from each, 15 s for 20,000 characters.
_STACKED_HONORIFIC = "|".join(
    re.escape(h) for h in sorted({*HONORIFICS, "Mrs."}, key=len, reverse=True) if h[-1] == "."
)
_PERSON = re.compile(
    rf"(?<![\w.])(?P<hon>{_HONORIFIC_RE})(?:\s+(?:{_STACKED_HONORIFIC})){{0,3}}"
    rf"\s+(?P<name>{_NAME_WORD}(?:{_INITIAL}[ \u00a0]+{_NAME_WORD}){{1,3}})"
)
# A degree written after a name: "M.T.", "Ph.D.", "MSc", "M.Eng.".
_DEGREE = r"(?:[A-Z]\.){2,3}|Ph\.? ?D\.?|[BM]\.? ?(?:Sc|A|Eng|Ed|Pd|Kom|Si)\.?|MBA|MPA|S\.T\.|S\.Pd\."
# … as the masked text has it (an abbreviation's full stops made underscores: "M_T_").
_DEGREE_MASKED = _DEGREE.replace(r"\.", "[._]")
# A person named by honorific and one word: "Mr. Xiang said", "Ms. Li said:".
_SURNAME = re.compile(rf"(?<![\w.])(?P<hon>{_HONORIFIC_RE})[ \u00a0]+(?P<name>{_NAME_WORD})\b(?![ \u00a0]+[A-Z])")

# The last word of a position, and the words that may stand before it.
TITLE_HEADS = {
    "principal", "president", "director", "director-general", "director general", "chairman", "chairwoman",
    "chairperson", "chair", "manager", "coordinator", "minister", "secretary", "secretary-general", "dean", "head",
    "rector", "officer", "specialist", "counsellor", "ambassador", "teacher", "lecturer", "trainer", "governor",
    "mayor", "representative", "chief", "ceo", "adviser", "advisor", "consultant", "expert", "commissioner",
    "instructor",
}  # fmt: skip
TITLE_MODIFIERS = {
    "vice", "deputy", "assistant", "general", "project", "national", "senior", "executive", "programme", "program",
    "country", "technical", "regional", "chief", "party", "permanent", "acting", "associate", "managing", "board",
}  # fmt: skip
_MODIFIER_RE = "|".join(sorted(TITLE_MODIFIERS, key=len, reverse=True))
_HEAD_RE = "|".join(re.escape(h) for h in sorted(TITLE_HEADS, key=len, reverse=True))
_TITLE = re.compile(rf"(?P<title>(?:(?:{_MODIFIER_RE})[\s-]+){{0,3}}(?:{_HEAD_RE}))\b", re.IGNORECASE)
# A person named by position and one word: "Principal Li said", "Director Somchai said".
_TITLE_SURNAME = re.compile(
    rf"(?<![\w.])(?P<hon>(?:{'|'.join(re.escape(h.capitalize()) for h in sorted(TITLE_HEADS, key=len, reverse=True))}))"
    rf"[ \u00a0]+(?P<name>{_NAME_WORD})\b(?![ \u00a0]+[A-Z])"
)
_ORG_WORDS = {
    "factory", "institute", "institution", "university", "college", "school", "bureau", "ministry", "department",
    "zone", "company", "co", "ltd", "centre", "center", "organization", "organisation", "agency", "association",
    "federation", "chamber", "council", "academy", "polytechnic", "office", "group", "corporation", "foundation",
    "authority", "commission", "directorate", "project",
    # the same words in the languages of the region's names
    "politeknik", "universitas", "institut", "sekolah", "akademi", "kementerian", "universidad", "instituto",
}  # fmt: skip
_SPEECH = (
    r"(?:said|says|stated|noted|added|remarked|stressed|emphasi[sz]ed|explained|highlighted|pointed out|"
    r"underlined|told|declared|affirmed|recalled|answered|replied|responded)"
)
_PLATFORMS = {
    "zoom": "Zoom",
    "microsoft teams": "Microsoft Teams",
    "ms teams": "Microsoft Teams",
    "teams": "Microsoft Teams",
    "webex": "Webex",
    "tencent meeting": "Tencent Meeting",
    "voov": "VooV Meeting",
    "dingtalk": "DingTalk",
    "google meet": "Google Meet",
}
# The people a report counts: "A total of 19 representatives", "Fifteen lecturers from …".
_GROUP_WORDS = (
    r"(?:representatives|delegates|participants|people|attendees|members|officials|guests|teachers|lecturers|"
    r"managers|instructors|trainees|trainers|students|experts|staff|persons|principals|leaders)"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}  # fmt: skip
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b(?:{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+"
    rf"\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS}\s+\d{{4}})\b"
)
# A news item's dateline: "Kunming, 14 April 2022 –" before the text, or "Kunming, 2 July 2025" on a line of its own.
_DATELINE = r"[A-Z][\w ]{1,30},\s+(?:\w+,?\s+){0,3}\d{4}"
_ABBREVIATIONS = re.compile(
    r"\bCo\.\s*,?\s*Ltd\.|\b(?:Mr|Ms|Mrs|Dr|Prof|Mx|Eng|Er|Ir|St|No|etc|Ltd|Pvt|Co|Inc|Jr|Sr|vs)\.|\b(?:[A-Z]\.){2,}"
)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    key: str
    kind: str  # "organisation" or "person"
    mentions: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    match: dict = field(default_factory=dict)


def _span(start, end):
    return [start, end]


def _fact(value, start, end, **more):
    return {"value": value, "evidence": _span(start, end), **more}


# The characters beside a name read for its position ("Deputy Director-General of the Department of Technical and
# Vocational Education and Training, Ministry of Labour and Vocational Training": 120).
POSITION_CHARS = 300

_TITLE_SAID = re.compile(
    r"\s*(?:(?:Short |Brief )?(?:Minutes|Report|Summary|Record)(?:\s+(?:of|on|from)(?:\s+the)?)?\s*(?:[—–:-]\s*)?"
    r"|(?:Re|Fwd?):\s*)+",
    re.IGNORECASE,
)


def _clean(text):
    return " ".join(text.split()).strip(" ,;:")


def _normal_dashes(text):
    return re.sub(r"[‐‑‒–—/]", "-", text)


def _title_case(text):
    words = []
    for word in _clean(text).split(" "):
        if word.lower() in {"of", "and", "for", "the"} and words:
            words.append(word.lower())
        elif word.isupper() and len(word) > 1:
            words.append(word)
        else:
            words.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(words)


def _sentence_case(text):
    text = _clean(text)
    return text[:1].upper() + text[1:]


# Countries as reports write them where the ISO name differs ("Laos", "Viet Nam").
_COUNTRY_NAMES = {
    "laos": "LA", "lao pdr": "LA", "viet nam": "VN", "vietnam": "VN", "china": "CN", "cambodia": "KH",
    "thailand": "TH", "indonesia": "ID", "myanmar": "MM", "malaysia": "MY", "philippines": "PH", "korea": "KR",
    "south korea": "KR", "timor-leste": "TL", "brunei": "BN", "the philippines": "PH",
}  # fmt: skip


_COUNTRIES_BY_NAME = {}  # language -> {name casefolded: code}, the first code of each name as django_countries lists


def _country_code(text):
    """The ISO code of a country's name as written, or ""."""
    folded = _clean(text).casefold()
    if not folded:
        return ""
    if folded in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[folded]
    # The names in the active language, listed once (not walked again for each word asked about).
    by_name = _COUNTRIES_BY_NAME.get(language := translation.get_language())
    if by_name is None:
        by_name = {}
        for code, name in countries:
            by_name.setdefault(name.casefold(), code)
        _COUNTRIES_BY_NAME[language] = by_name
    return by_name.get(folded, "")


def _is_country(text):
    return bool(_country_code(text))


_KINDS = [
    (r"\b(?:ministry|department|bureau|directorate|government|authority|commission|kementerian)\b", "government"),
    (r"\b(?:co\.?,? ltd|company|corporation|group|zone|enterprise)\b", "enterprise"),
    (r"\b(?:college|institute|polytechnic|school|university|academy|centre|center|politeknik|institut)\b", "tvet"),
    (r"\b(?:federation|chamber|union|association|confederation)\b", "social_partner"),
]


def _organisation_kind(name):
    """The Organisation.Kind a new organisation's name suggests ("… College": a TVET institute)."""
    for pattern, kind in _KINDS:
        if re.search(pattern, name, re.IGNORECASE):
            return kind
    return "other"


def _has_org_word(text):
    return any(w.strip(",.").lower() in _ORG_WORDS or (w.isupper() and len(w) > 1) for w in text.split())


_NAME_ENDS = {
    "college", "institute", "university", "ltd", "organization", "organisation", "centre", "center", "school",
    "polytechnic", "factory", "commission", "bureau", "zone", "company", "group", "corporation", "academy",
    "association", "federation", "chamber", "council", "agency", "office",
}  # fmt: skip


def _organisation_parts(offset, phrase):
    """(start, text) of each organisation in a phrase: "A Institute and B University" is two, "Ministry of Human
    Resources and Social Security" one; "… of China" after a name is the country, not part of it."""
    pieces = [(0, phrase)]
    parts = re.split(r"(\s+and\s+|^\s*and\s+)", phrase)
    if len(parts) == 3 and _has_org_word(parts[0]) and _has_org_word(_without_country(parts[2])):
        pieces = [(0, parts[0]), (len(parts[0]) + len(parts[1]), parts[2])]
    elif len(parts) == 3 and not parts[0].strip():
        pieces = [(len(parts[1]), parts[2])]
    elif len(parts) > 3:
        # "Yunnan Technician College and the Directorate of Vocational Education and Training": a name ends at
        # "and" where the words before end like one ("… College") or the words after start another ("the …",
        # "Politeknik … and Politeknik …").
        pieces, start, position = [], 0, 0
        for i in range(1, len(parts), 2):
            position += len(parts[i - 1])
            left, right = phrase[start:position], parts[i + 1]
            last = left.split()[-1].strip(".,").lower() if left.split() else ""
            first_word = left.split()[0] if left.split() else ""
            # "… Training of Viet Nam and Takeo …": a country after "of" ends a name too.
            ends = last in _NAME_ENDS or _without_country(left) != left
            if left.strip() and (ends or right.startswith("the ") or right.split()[:1] == [first_word]):
                pieces.append((start, left))
                start = position + len(parts[i])
            position += len(parts[i])
        pieces.append((start, phrase[start:]))
    result = []
    for start, piece in pieces:
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            result.append((offset + start + lead, piece))
    return result


def _without_country(phrase):
    """The phrase less "of <country>" at its end: "Vocational Education of Lao PDR" is "Vocational Education"."""
    of = re.search(r"\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w\-]*+(?:\s+[A-Z][\w\-]*+){0,2})\s*$", phrase)
    return phrase[: of.start()] if of and _is_country(of.group("c")) else phrase


def _initials(name):
    """The first letters of a name's words but for the small ones: "National Polytechnic Institute of Cambodia" is
    NPIC."""
    return "".join(
        w[0].upper() for w in re.split(r"[\s\-]+", name) if w and w.lower() not in {"of", "and", "the", "for"}
    )


def _may_name_alone(rest):
    """Whether the words after "of" in a phrase not on record may be an organisation's name on their own ("Training
    of Sihanoukville Welding Training Centre", "Principal of WIT"): two words or more, or an acronym. One word
    written in lower case after a capital ("Institute of Bandung", "Ministry of Labour") is a place or a field, not
    asked about (a long report names hundreds)."""
    return len(rest.split()) >= 2 or bool(re.fullmatch(r"[A-Z][A-Z0-9&\-]+", rest))


def normalise_text(text):
    """The text as spans are counted in: NFC, line breaks as \\n (a browser's form sends \\r\\n)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


class Reader:
    def __init__(self, text, *, name="", user=None):
        self.text = pipe_cells(self._the_message(normalise_text(text)))
        self.name = name
        # The programmes a proposal may name: those the user may see (accounts/scope.py); every one without a user
        # (the read_report command).
        self.programmes = Programme.objects.all() if user is None else Programme.objects.visible_to(user)
        self.masked = self._mask(self.text)
        self.layout = read_layout(self.text)
        self.organisations = []  # Entity
        self.people = []
        self._org_spans = []  # (start, end, entity)
        self._person_spans = []

    # -- text helpers -----------------------------------------------------------------------------------------
    @staticmethod
    def _the_message(text):
        """A pasted mail chain ("FW: …", "-----Original Message-----", replies above the notes) read as its message
        of most words, the notes: the other messages made blank, the same length, so that spans stay the text's."""
        messages = mail_messages(text)
        if not messages:
            return text
        start, end = max(messages, key=lambda m: len(text[m[0] : m[1]].split()))
        blank = re.compile(r"[^\n]")
        return blank.sub(" ", text[:start]) + text[start:end] + blank.sub(" ", text[end:])

    @staticmethod
    def _mask(text):
        """The text with the dots and commas of abbreviations ("Mr.", "Co., Ltd.") made underscores: the same length,
        so that sentence and clause boundaries can be found by punctuation."""
        chars = list(text)
        for match in _ABBREVIATIONS.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] in ".,":
                    chars[i] = "_"
        return "".join(chars)

    def paragraphs(self):
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                yield match.start(), match.end()

    def sentences(self):
        """(start, end) of each sentence, by the masked text."""
        for p_start, p_end in self.paragraphs():
            start = p_start
            for match in re.finditer(r"[.!?]+[”\"’]?(?=\s+[“\"A-Z0-9]|\s*$)", self.masked[p_start:p_end]):
                end = p_start + match.end()
                if self.text[start:end].strip():
                    yield self._strip_span(start, end)
                start = end
            if self.text[start:p_end].strip():
                yield self._strip_span(start, p_end)

    def _strip_span(self, start, end):
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def sentence_at(self, position):
        for start, end in self.sentences():
            if start <= position < end:
                return start, end
        return position, position

    # -- reading ----------------------------------------------------------------------------------------------
    def read(self):
        body_start = self._header()
        self._find_organisations()
        self._find_people()
        self._person_details()
        proposal = {
            "reader": READER,
            "source_name": self.name,
            "title": self.title,
            "other_title": self.other_title,
            "kind": (kind := self._kind()),
            "format": self._format(kind),
            "status": Workshop.Status.HELD.value,
            "date": self._date(),
            "platform": self._platform(),
            "venue": self._venue(),
            "programme": self._programme(
                r"(?P<name>(?:(?<![\w\-–/])[A-Z][\w\-–/]*+\s+){1,5}(?:Programme|Program))\b", "programme"
            )
            or self._programme_named(Programme.Kind.PROGRAMME, Programme.Kind.PROJECT),
            "initiative": self._programme(
                r"(?:[Uu]nder\s+the\s+)(?P<name>[A-Z][^,.;]{3,120}?)\s+[Ii]nitiative\b", "initiative"
            )
            or self._programme_named(Programme.Kind.INITIATIVE),
            "reported_attendance": self._count(),
            "summary": None,
            "minutes": None,
        }
        self.meeting_date = proposal["date"]
        self._roles(proposal)
        proposal["statements"] = self._statements()
        self._contributions(proposal["statements"])
        self._speakers_organisations(proposal["venue"])
        proposal["topics"] = self._topics()
        proposal["outcomes"], proposal["actions"] = self._outcomes()
        proposal["summary"], proposal["minutes"] = self._summary(body_start)
        proposal["organisations"] = [self._entity_dict(e) for e in self.organisations]
        proposal["people"] = [self._entity_dict(e) for e in self.people]
        proposal["named_count"] = len(self.people)
        return proposal

    def _header(self):
        """The short lines above the first paragraph: the issuer, then the headline. Returns where the body starts.

        The title is, in this order: a line saying it ("Minutes — …", "Minutes of the …", "Report on the …", an
        e-mail's subject "Report: …"), the meeting's own name in the body ("… convened the Workshop of … between …"),
        a heading naming a meeting; a news headline only when nothing better exists."""
        self.title = self.other_title = None
        header = []
        body_start = 0
        for start, end in self.paragraphs():
            if start < self.layout.mail_end:
                continue
            line = self.text[start:end].strip()
            if len(line) > 300 or re.search(r"[.!?]\s*$", line) and len(line.split()) > 12:
                body_start = start
                break
            header.append((start, end))
        else:
            body_start = len(self.text)
        self.body_start = body_start
        # A section's heading ("1. Opening") and what follows it, or a news item's dateline ("Kunming, 2 July 2025"),
        # is no headline.
        first_heading = min((s for s, _e, _k in self.layout.headings), default=len(self.text))
        header = [
            (s, e) for s, e in header if s < first_heading and not re.fullmatch(_DATELINE, self.text[s:e].strip())
        ]
        if header:
            start, end = self._strip_span(*header[-1])
            if not re.match(r"[A-Za-z -]{2,30}:", self.text[start:end]):
                self.other_title = _fact(_clean(self.text[start:end]), start, end)
        said = self._title_said()
        named = self._title_in_body(body_start)
        if said and named and named["value"].casefold().startswith(said["value"].casefold()):
            said = named  # "Study visit of … to Wuxi" (a subject) and "Study Visit of … to Wuxi Institute of …"
        heading = self._title_heading()
        self.title = said or named or heading
        if self.title is None and self.other_title:
            self.title, self.other_title = dict(self.other_title), None
        elif self.title and self.other_title and self.other_title["value"] == self.title["value"]:
            self.other_title = None
        return body_start

    _MEETING_WORDS = (
        r"(?:Workshop|Forum|Conference|Seminar|Symposium|Dialogue|Consultation|Meeting|Study Visit|Study Tour|"
        r"Visit|Training|Course|Exchange|Review)"
    )

    def _title_said(self):
        """A title written as one: "Minutes — X", "Minutes of the X", "Report on the X", an e-mail's subject."""
        lines = []
        if "subject" in self.layout.mail:
            lines.append(self.layout.mail["subject"])
        # The first lines, or all the short lines above the body (a letterhead of several lines before the title).
        above = [(s, e) for s, e in self.paragraphs() if self.layout.mail_end <= s < self.body_start][:12]
        lines += above if len(above) > 4 else [(s, e) for s, e in self.paragraphs() if s >= self.layout.mail_end][:4]
        # A meeting app's recap pasted in: "Meeting recap" (or "Meeting notes", "Meeting summary") on a line of its
        # own, the meeting's name on the next.
        recap = re.search(
            r"^[ \t]*(?:(?:Teams |Zoom |Webex )?Meeting (?:recap|summary|notes)|Recap)[ \t]*\n\s*"
            r"(?P<title>[A-Z][^\n.!?:]{10,200}?)[ \t]*$",
            self.text,
            re.MULTILINE,
        )
        if recap and len(recap.group("title").split()) >= 3:
            return _fact(_clean(recap.group("title")), *recap.span("title"))
        for start, end in lines:
            line = self.text[start:end]
            # The words before the title, then the title: the rest of the line. (A title matched by the same pattern
            # as "\s*$" after it, and the spaces before and after a dash each by their own "\s*", tried every way of
            # splitting a run of spaces: 54 s for a line of 20,000.)
            said = _TITLE_SAID.match(line)
            title = line[said.end() :].rstrip() if said else ""
            if len(title.split()) < 3 or not title[0].isupper():
                continue
            t_start = start + said.end()
            t_end = t_start + len(title)
            # "Study Visit of … (7-11 October 2024)": the dates beside the title are not part of it.
            if dated := re.search(r"\s*\([^()]*\b(?:19|20)\d\d\)$", self.text[t_start:t_end]):
                t_end = t_start + dated.start()
            value = _clean(self.text[t_start:t_end])
            if value.isupper() and len(value.split()) <= 40:
                value = self._from_capitals(value, start, end)
            return _fact(value, t_start, t_end)
        return None

    def _from_capitals(self, written, line_start, line_end):
        """A title written in capitals ("MINUTES OF THE JOINT MEETING BETWEEN … ON …") as a title is written: its
        words capitalised, the small words in lower case, a word the rest of the report writes in capitals too
        ("CIPC", "TVET") kept so."""
        capitals = {
            m.group()
            for text in (self.text[:line_start], self.text[line_end:])
            for m in re.finditer(r"(?<![\w-])[A-Z][A-Z0-9&]+(?![\w-])", text)
        }
        small = {"of", "and", "for", "the", "on", "in", "at", "to", "with", "between", "by", "a", "an", "from"}
        words = []
        for word in written.split(" "):
            if word.strip("(),.:;") in capitals:
                words.append(word)
            elif word.lower() in small and words:
                words.append(word.lower())
            else:
                words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
        return " ".join(words)

    def _title_in_body(self, body_start):
        """The meeting's own name in the body: "… convened on-line Workshop of Cooperation and Exchange between …"."""
        pattern = re.compile(
            r"(?:(?<=\s)|^)(?P<title>(?:(?<![\w\-])[A-Z][\w\-]*+\s+){0,4}(?:Workshop|Forum|Conference|Seminar|Symposium|Dialogue|"
            r"Consultation|Meeting|Study Visit|Training Course|Training Programme|Ceremony)\s+(?:of|on|for|between)\s+"
            r"[^\n]+?)"
            r"(?=\.\s|\.?\s*$|\.?\n|,\s+(?:held|which)\b|\s+(?:(?:was|were|took place|is|will|held)\b|on\s+\d|"
            r"on\s+[A-Z][a-z]+\s+\d|in\s+[A-Z][a-z]+\s+\d{4}|from\s+\d))"
        )
        match = pattern.search(self.masked, body_start)
        if not match:
            return None
        start, end = match.span("title")
        lead = re.match(r"(?:The|This|An?|Our)\s+", self.text[start:end])
        if lead:
            start += lead.end()
        return _fact(_clean(self.text[start:end]), start, end)

    def _title_heading(self):
        """The first lines' heading that names a meeting: "Training of Trainers on …", "Regional Meeting on …"."""
        lines = [(s, e) for s, e in self.paragraphs() if s >= self.layout.mail_end]
        # Below a letterhead and a document's kind ("KENYA … COLLEGE / P.O. Box … / MISSION REPORT / Study Visit to
        # …"): the lines above the body, to the first section heading.
        first_heading = min((s for s, _e, _k in self.layout.headings), default=len(self.text))
        above = [(s, e) for s, e in lines[:8] if s < min(self.body_start, first_heading)]
        for start, end in lines[:3] + above[3:]:
            line = self.text[start:end].strip()
            if ":" in line[:30] or re.search(r"[.!?]$", line) or len(line.split()) < 3:
                continue
            if re.match(rf"(?:(?<![\w\-])[A-Z][\w\-]*+\s+){{0,4}}{self._MEETING_WORDS}\b", line):
                start, end = self._strip_span(start, end)
                return _fact(_clean(self.text[start:end]), start, end)
        return None

    # -- organisations ----------------------------------------------------------------------------------------
    def _taken(self, start, end, spans):
        return any(s < end and start < e for s, e, _x in spans)

    def _org_candidates(self):
        """(start, end, text, may_be_new, acronym of) for every phrase that may name an organisation, most telling
        first: "Long Name (ACR)" pairs, lists after "representatives from", "… of <organisation>", runs of
        capitalised words with an organisation word, acronyms."""
        text, masked = self.text, self.masked
        found = []
        # A word starts after no letter of a word and is read whole (an offset inside a run of capitals, "AAAA…",
        # each tried to its end: quadratic).
        word = r"(?<![\w\-–'’/])[A-Z][\w\-–'’/]*+"
        # "Lanna EV Service Co., Ltd.", "Lumbini Hydro Pvt. Ltd.": "Co., Ltd." or "Pvt. Ltd." at a name's end.
        ltd = r"(?:(?:(?<=\bCo)\.?,?|(?<=\bPvt)\.?)[ ]+Ltd\b\.?)?"
        # "Sun Rise Garment (Cambodia) Co., Ltd.": a company's country in brackets before its "Co., Ltd.".
        country = r"(?:[ ]+\([A-Z][a-z]+(?: [A-Z][a-z]+)?\)[ ]+(?:Co|Pvt)(?=\.))?"
        run = rf"{word}(?:[ ]+(?:(?:of|and|&|for|the|de)[ ]+)?{word}){{0,9}}{country}{ltd}"  # "Vocational & …"
        # A name beside its acronym may have "of the" in it: "Office of the Vocational Education Commission (OVEC)".
        pair_run = rf"{word}(?:[ ]+(?:(?:of(?: the)?|and|&|for|the|de)[ ]+)?{word}){{0,9}}"
        # … and a company's legal form after it: "… Rail Transport S.C. (EDR)", "… Mining S.A. (MSA)"
        pair_run += r"(?:,?[ ]+(?:S\.[ACL]\.|S\.A\.S\.|Inc\.|PLC|LLC|JSC|GmbH|A\.G\.))?"
        # "TESDA Regional Training Center Davao (RTC Davao)": an acronym and the place word the name ends with.
        for match in re.finditer(
            rf"(?P<name>{pair_run})\s*\((?P<acr>[A-Z][A-Za-z0-9&\-]{{1,15}}(?: [A-Z][a-z]+)?)\)", text
        ):
            name, acronym = match.group("name"), match.group("acr")
            if _is_country(acronym):  # "Politeknik Negeri Semarang (Indonesia)": a country, not an acronym
                continue
            words = name.split()
            # The name starts at the word whose first letter is the acronym's first letter; with no such word it is
            # no name of the acronym ("Ms. Sokha Lim (PCCFPI)": a person and her organisation).
            for i, w in enumerate(words):
                if w[0] == acronym[0].upper():
                    words = words[i:]
                    break
            else:
                continue
            if words and words[0] in {"The", "the"}:
                words = words[1:]
            # "* Champasak Provincial Education and Sports Service (PESS): …": a place word the acronym leaves out,
            # at the start of a list line, is part of the name.
            all_words = name.split()
            lead = len(all_words) - len(words)
            line_start = text.rfind("\n", 0, match.start("name")) + 1
            if (
                lead == 1
                and re.fullmatch(r"[A-Z][a-z]+", all_words[0])
                and all_words[0].lower() not in _ORG_WORDS | TITLE_HEADS
                and not is_honorific(all_words[0])
                and re.fullmatch(r"\s*(?:[-•*–·▪◦]\s+|\d{1,2}[.)]\s+)?", text[line_start : match.start("name")])
                and len(acronym) == sum(1 for w in words if w[0].isupper())
            ):
                words = all_words
            place = acronym.split()[1:]
            if place and words[-1:] != place:
                continue
            before = name.split()[: len(name.split()) - len(words)]
            if place and before and before[-1].isupper() and len(before[-1]) > 1:
                words = [before[-1], *words]  # "TESDA Regional …": the agency's acronym before its centre's name
            if len(words) < 2:
                continue
            if not any(w.lower() in _ORG_WORDS for w in words) and not self._spells(acronym, words):
                continue  # "Mulugeta Assefa (MoLS)" in a list of attendees: a person and their organisation
            name = " ".join(words)
            n_start = match.start("name") + match.group("name").index(words[0])
            found.append((n_start, n_start + len(name), name, True, ("pair", match.start("acr"))))
            found.append((match.start("acr"), match.end("acr"), acronym, True, ("acronym", n_start)))
            body = not acronym.isupper() and any(w.lower() in _ORG_WORDS for w in words)  # "MoLS", not "MoU"
            if place or body:  # "RTC Davao", "MoLS" elsewhere: the body, by its short name
                for other in re.finditer(rf"\b{re.escape(acronym)}\b(?!\))", text):
                    if other.start() != match.start("acr"):
                        found.append((other.start(), other.end(), acronym, False, None))
        for match in re.finditer(
            rf"\b{_GROUP_WORDS}(?:\s+and\s+{_GROUP_WORDS})?\s+from\s+(?P<list>[^.;\n]+?)"
            r"(?=\s+(?:also\s+)?(?:attended|joined|took part|participated|were|made|visited)\b|[.;\n])",
            masked,
        ):
            offset = match.start("list")
            for item in re.finditer(r"[^,]+", match.group("list")):
                for p_start, part in _organisation_parts(
                    offset + item.start(), text[offset + item.start() : offset + item.end()]
                ):
                    # "Sihanoukville Special Economic Zone (SSES)": the pair is read already.
                    bare = re.sub(r"\s*\([^)]*\)\s*$", "", part)
                    found.append((p_start, p_start + len(bare), bare, True, None))
        # "Ministry of Education, Culture, Research and Technology": one name with commas in it.
        for match in re.finditer(
            r"\b(?:Ministry|Department|Office|Bureau) of [A-Z]\w+(?:, [A-Z]\w+)+,? and [A-Z]\w+", text
        ):
            found.append((match.start(), match.end(), match.group(), True, None))
        # "Office of the Vocational Education Commission (of Thailand)": "of the" after the head word of a body.
        for match in re.finditer(
            rf"\b(?:Office|Ministry|Department|Bureau|Directorate|Secretariat|Council) of the {word}"
            rf"(?:[ ]+(?:(?:of|and|for)[ ]+)?{word}){{0,8}}",
            text,
        ):
            found.append((match.start(), match.end(), match.group(), True, None))
        for match in _TITLE.finditer(text):
            after = masked[match.end() :]
            of = re.match(r"\s+of\s+(?:the\s+)?", after)
            if not of:
                continue
            start = match.end() + of.end()
            # (within 400 characters: a phrase is kept only up to 120; the rest of the text, searched after each
            # position, was quadratic)
            window = masked[start : start + 400]
            stop = re.search(
                rf",|;|\t|\(|\.\s|\.$|\n|\s+(?={_HONORIFIC_RE}\s)|\s+{_SPEECH}\b|\s+(?:and|to|in|under|on)\s+[a-z]",
                window,
            )
            end = start + (stop.start() if stop else len(window))
            phrase = text[start:end].strip()
            if phrase and phrase[0].isupper() and len(phrase) <= 120:
                found.append((start, start + len(phrase), phrase, True, None))
        for match in re.finditer(run, text):
            for p_start, part in _organisation_parts(match.start(), match.group()):
                words = [w.strip(",.").lower() for w in part.split()]
                ends_in_title = (t := _TITLE.search(part)) and t.end() == len(part)
                if len(words) >= 3 and part.isupper():
                    # "MINUTES OF THE MEETING BETWEEN A COLLEGE AND B COLLEGE": a heading in capitals, whose
                    # names are not told apart; an organisation only by its own name.
                    found.append((p_start, p_start + len(part), part, False, None))
                    continue
                if any(w in _ORG_WORDS for w in words) and len(words) >= 2 and not ends_in_title:
                    # "Yunnan Technician College Teacher Exchange": words after the name's last word, with no "of"
                    # to join them, are not part of it; the name before them counts only if it is on record.
                    last = max((i for i, w in enumerate(words) if w in _NAME_ENDS), default=len(words) - 1)
                    tail = words[last + 1 :]
                    # "Regional Training Center Davao": one word of a place after the name, kept when the whole is
                    # written more than once (a name is repeated as it is; words after it differ).
                    if len(tail) == 1 and tail[0][:1].isalpha() and part[-1:].isalpha() and text.count(part) > 1:
                        tail = []
                    if tail and not set(tail) & {"of", "for", "and", "the", "de", "co", "ltd"}:
                        cut = " ".join(part.split()[: last + 1])
                        if len(cut.split()) >= 2:
                            found.append((p_start, p_start + len(cut), cut, True, ("cut", None)))
                        continue
                    found.append((p_start, p_start + len(part), part, True, None))
        for match in re.finditer(r"\b[A-Z][A-Z0-9&]{1,11}\b", text):
            found.append((match.start(), match.end(), match.group(), False, None))
        return [self._without_lead(*candidate) for candidate in found]

    @staticmethod
    def _spells(acronym, words):
        """Whether an acronym's capitals are, mostly and in order, the first letters of a name's words."""
        initials = [w[0] for w in words]
        capitals = [c for c in acronym if c.isupper()]
        matched, at = 0, 0
        for c in capitals:
            if c in initials[at:]:
                at = initials.index(c, at) + 1
                matched += 1
        return matched * 2 > len(capitals)

    def _without_lead(self, start, end, phrase, may_be_new, link):
        """A candidate less a country's possessive ("Thailand's Rayong Technical College": the country is said beside
        it), a capitalised word of a heading before the name ("About Rayong Technical College"), the label of a
        line without its colon ("Host Rayong Technical College") or a position "of" it ("Director of …")."""
        value = self.layout.bare_labels.get(start)
        if value is not None and value < end:
            return value, end, phrase[value - start :], may_be_new, link
        # "Chief Executive Officer of Lumbini Hydro Pvt. Ltd.": a person's position is no part of the name after it.
        # So is a room or a group of people "of" it ("Seminar Hall of …", "Teachers of …").
        title = _TITLE.match(phrase) or re.match(
            rf"(?:(?:(?<![\w\-])[A-Z][\w\-]*+\s+){{0,3}}(?:Hall|Room|Auditorium|Laboratory|Library)|(?i:{_GROUP_WORDS}))\b",
            phrase,
        )
        of = title and re.match(r"\s+of\s+(?:the\s+)?(?=[A-Z])", phrase[title.end() :])
        if of and phrase[:1].isupper():
            cut = title.end() + of.end()
            return start + cut, end, phrase[cut:], may_be_new, link
        lead = re.match(
            r"(?:(?P<c>[A-Z][\w\-]*(?: [A-Z][\w\-]*)?)['’]s|(?:About|For|From|With|Under|By|At|On|In)(?:\s+the)?)"
            r"\s+(?=[A-Z])",
            phrase,
        )
        if lead and len(phrase[lead.end() :].split()) >= 2 and (not lead.group("c") or _is_country(lead.group("c"))):
            return start + lead.end(), end, phrase[lead.end() :], may_be_new, link
        return start, end, phrase, may_be_new, link

    def _find_organisations(self):
        by_record = {}
        by_key = {}
        acronym_links = {}
        quotes = self._quotes()
        countries_found = {}  # "Hanoi Vocational College of Technology of Vietnam": the college is in VN
        own_names = {}  # keys of names ending "of <country>" that their acronym says are whole
        found = list(self._org_candidates())
        # Every phrase's candidates in a few queries for the report, then those of the shorter phrases the loop
        # below asks about when a phrase is not found (the name without "of <country>", an acronym inside, the
        # words after "of"): each distinct phrase once, in batches (_prefetch_organisations).
        self._prefetch_organisations(_clean(phrase) for _start, _end, phrase, _new, _link in found)
        self._prefetch_organisations(self._shorter_phrases(found))
        for start, end, phrase, may_be_new, link in found:
            if self._taken(start, end, self._org_spans):
                continue
            phrase_clean = _clean(phrase)
            matches = self._match_organisation(phrase_clean)
            if not may_be_new and matches and not matches[0].is_exact:
                # A capitalised word met anywhere is an organisation only by its own name: "TVET" is one letter
                # from "DVET". Where the words around say it is one (a list, "(SSES)", "Principal of SCCFPI"),
                # a near name counts.
                matches = []
            country = re.search(r"\s+of\s+(?P<c>[A-Z]\w*(?:\s[A-Z]\w*)*)$", phrase_clean)
            if link and link[0] == "pair":
                # "National Polytechnic Institute of Cambodia (NPIC)": an acronym with the country's letter in it says
                # the country is part of the name (and the name is so written elsewhere too).
                acronym = re.match(r"[A-Za-z0-9&\-]+", self.text[link[1] :]).group()
                if _initials(phrase_clean) == acronym.upper():
                    if country and _is_country(country.group("c")):
                        countries_found[organisation_key(phrase_clean)] = _country_code(country.group("c"))
                    country, own_names[organisation_key(phrase_clean)] = None, True
            elif organisation_key(phrase_clean) in own_names:
                country = None
            if country and _is_country(country.group("c")) and not (matches and matches[0].is_exact):
                # "Wuxi Institute of Technician of China": the country is not part of the name.
                bare = phrase_clean[: country.start()]
                if self._match_organisation(bare) or not matches:
                    phrase_clean, matches = bare, self._match_organisation(bare)
                    countries_found[organisation_key(bare)] = _country_code(country.group("c"))
                    end = start + len(phrase[: phrase.rfind(" of ")].rstrip())
            if not matches and " " in phrase_clean or not matches and "-" in phrase_clean:
                # "ILO-China": the acronym inside names the organisation.
                for token in re.finditer(r"\b[A-Z]{2,}\b", phrase):
                    sub = self._match_organisation(token.group())
                    if sub and sub[0].is_exact:
                        start, end = start + token.start(), start + token.end()
                        phrase_clean, matches = token.group(), sub
                        break
            meeting = re.match(
                rf"(?:(?<![\w\-])[A-Z][\w\-]*+\s+){{0,4}}?{self._MEETING_WORDS}s?\s+of\s+(?:the\s+)?", phrase
            )
            if not matches and meeting and _has_org_word(phrase[meeting.end() :]):
                # "Coordination Meeting of A College and B Institute": a meeting of the organisation after "of".
                start, phrase_clean = start + meeting.end(), _clean(phrase[meeting.end() :])
                matches = self._match_organisation(phrase_clean)
            if not matches and " of " in phrase_clean:
                # "Training of Sihanoukville Welding Training Centre" after "Head of": the organisation named before.
                for of in re.finditer(r"\s+of\s+(?:the\s+)?", phrase):
                    rest = _clean(phrase[of.end() :])
                    if organisation_key(rest) in by_key or (
                        _may_name_alone(rest) and (self._match_organisation(rest) or [None])[0] is not None
                    ):
                        start, phrase_clean, matches = start + of.end(), rest, self._match_organisation(rest)
                        break
            if link and link[0] == "cut" and not (matches and matches[0].is_exact):
                continue
            if matches:
                record = matches[0].record
                entity = by_record.get(record.pk)
                if entity is None:
                    entity = by_record[record.pk] = self._new_entity("organisation")
                    entity.data = {"record": record}
            else:
                key = organisation_key(phrase_clean)
                entity = by_key.get(key)
                if entity is None and link and link[0] == "acronym":
                    entity = acronym_links.get(link[1])
                if entity is None:
                    if (
                        not may_be_new
                        or not self._looks_like_organisation(phrase_clean, link)
                        or any(q_start <= start < q_end for q_start, q_end, _i, _j in quotes)
                    ):
                        continue
                    entity = self._new_entity("organisation")
                    entity.data = {"record": None}
                by_key[key] = entity
                if link and link[0] == "pair":
                    acronym_links[start] = entity
                    entity.data.setdefault("name", phrase_clean)
                elif link and link[0] == "acronym":
                    entity.data["short_name"] = phrase_clean
                else:
                    entity.data.setdefault("name", phrase_clean)
            if link and link[0] == "pair":
                acronym_links[start] = entity
            mention = Mention(start, end, phrase_clean)
            mention.matches = matches
            entity.mentions.append(mention)
            self._org_spans.append((start, end, entity))
        for entity in self.organisations:
            if entity.data.get("record") is None:
                name = entity.data.get("name") or entity.mentions[0].text
                entity.data["country"] = countries_found.get(organisation_key(name), "") or self._country_beside(entity)
                entity.data["kind"] = _organisation_kind(name)
        self._org_spans.sort(key=lambda s: s[0])
        self.organisations.sort(key=lambda e: min(m.start for m in e.mentions))
        for i, entity in enumerate(self.organisations, start=1):
            entity.key = f"o{i}"
            entity.mentions.sort(key=lambda m: m.start)
            entity.match = self._organisation_match(entity)

    def _country_beside(self, entity):
        """The country written beside a new organisation: "… Co., Ltd. (China)", "… Centre of Cambodia",
        "… (OVEC) of Thailand", "… Centre (SRPTC), Cambodia" at a line's or cell's end, "Thailand's …" before it."""
        for mention in entity.mentions:
            possessive = re.search(
                r"(?P<c>[A-Z][\w\-]*(?: [A-Z][\w\-]*)?)['’]s\s+$", self.text[max(0, mention.start - 40) : mention.start]
            )
            if possessive and (code := _country_code(possessive.group("c"))):
                return code
            # (a place between the name and its country: "… College, Khon Kaen, Thailand")
            trailing = re.match(
                r"\s*(?:\([A-Z][A-Za-z0-9&\-]{1,15}\)\s*)?(?:,\s*[A-Z][\w'\-]*(?: [A-Z][\w'\-]*){0,2}(?=,))?"
                r",\s*(?P<c>[A-Z][\w'\-]*(?: [A-Z][\w'\-]*)?)\s*(?=[\t\n|);]|$)",
                self.text[mention.end : mention.end + 80],
            )
            if trailing and (code := _country_code(trailing.group("c"))):
                return code
            beside = re.match(
                r"\s*(?:\([A-Z][A-Za-z0-9&\-]{1,15}\)\s*)?(?:\((?P<a>[^()\n]{2,40})\)|,?\s+(?:of|in|from)\s+(?:the\s+)?"
                r"(?P<b>[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*)?))",
                self.text[mention.end : mention.end + 60],
            )
            if beside:
                code = _country_code(beside.group("a") or "") or _country_code(beside.group("b") or "")
                if not code and beside.group("b"):
                    code = _country_code(beside.group("b").split()[0])
                if code:
                    return code
        # A country at the head of the name: "Kenya Technical Trainers College", "Sri Lanka Institute of …",
        # "Bangladesh-Korea Technical Training Centre" (the first of two).
        words = re.split(r"[\s\-]+", entity.data.get("name") or entity.mentions[0].text)
        for size in (2, 1):
            if len(words) > size and (code := _country_code(" ".join(words[:size]))):
                return code
        return ""

    def _looks_like_organisation(self, phrase, link):
        words = [w.strip(",.").lower() for w in phrase.split()]
        if words[:1] == ["the"] and len(words) <= 2:  # "The Department": a name said before
            return False
        if link:
            return True
        return any(w in _ORG_WORDS for w in words) and phrase[:1].isupper()

    def _organisations(self):
        return self.__dict__.setdefault("_org_matcher", OrganisationMatcher())

    def _prefetch_organisations(self, phrases):
        """Read the candidates of every distinct phrase not read yet at once (the finder batches them), at most
        limits.MAX_ORGANISATION_PHRASES for a report: past it a phrase is taken for no organisation on record."""
        cache = self.__dict__.setdefault("_org_cache", {})
        asked = self.__dict__.setdefault("_org_asked", set())
        wanted = []
        for phrase in phrases:
            if phrase in cache or phrase in asked or not organisation_key(phrase):
                continue
            if len(asked) >= limits.MAX_ORGANISATION_PHRASES:
                break
            asked.add(phrase)
            wanted.append(phrase)
        if wanted:
            self._organisations().prefetch(wanted, limit=5)

    def _shorter_phrases(self, found):
        """The phrases _find_organisations() asks about when a phrase found is not an organisation on record (the
        same conditions, from the candidates read already): to read them all in one batch."""
        for _start, _end, phrase, _new, _link in found:
            phrase_clean = _clean(phrase)
            matches = self._match_organisation(phrase_clean)
            country = re.search(r"\s+of\s+(?P<c>[A-Z]\w*(?:\s[A-Z]\w*)*)$", phrase_clean)
            if country and _is_country(country.group("c")) and not (matches and matches[0].is_exact):
                yield phrase_clean[: country.start()]
            if not matches:
                for token in re.finditer(r"\b[A-Z]{2,}\b", phrase):
                    yield token.group()
                for of in re.finditer(r"\s+of\s+(?:the\s+)?", phrase):
                    if _may_name_alone(rest := _clean(phrase[of.end() :])):
                        yield rest

    def _match_organisation(self, phrase):
        cache = self.__dict__.setdefault("_org_cache", {})
        if phrase not in cache:
            asked = self.__dict__.get("_org_asked", set())
            if not organisation_key(phrase) or len(asked) >= limits.MAX_ORGANISATION_PHRASES and phrase not in asked:
                cache[phrase] = []
            else:
                asked.add(phrase)
                cache[phrase] = self._organisations().match(phrase, limit=5)
        return cache[phrase]

    def _new_entity(self, kind):
        entity = Entity(key="", kind=kind)
        (self.organisations if kind == "organisation" else self.people).append(entity)
        return entity

    @staticmethod
    def _status(matches, own_names):
        if not matches:
            return "new"
        best = matches[0]
        if len(matches) > 1 and matches[1].score == best.score and not best.is_exact:
            return "choice"
        if best.is_exact and organisation_key(best.matched_on) in {organisation_key(n) for n in own_names if n}:
            return "on_record"
        return "other_name"

    def _organisation_match(self, entity):
        record = entity.data.get("record")
        if record is None:
            return {"status": "new", "record_id": None, "matched_on": "", "candidates": []}
        statuses = []
        candidates = {}
        for mention in entity.mentions:
            status = self._status(mention.matches, [record.name, record.short_name])
            mention.match = {
                "status": status,
                "record_id": record.pk,
                "matched_on": mention.matches[0].matched_on,
                "candidates": [
                    {"id": m.record.pk, "label": str(m.record), "score": m.score, "matched_on": m.matched_on}
                    for m in mention.matches
                ],
            }
            statuses.append(status)
            for m in mention.matches:
                candidates.setdefault(m.record.pk, {"id": m.record.pk, "label": str(m.record)})
        order = ["on_record", "other_name", "choice"]
        status = min(statuses, key=order.index)
        matched_on = next(m.match["matched_on"] for m in entity.mentions if m.match["status"] == status)
        return {
            "status": status,
            "record_id": record.pk,
            "matched_on": matched_on,
            "candidates": list(candidates.values()),
        }

    def org_at(self, start, end):
        """The organisation named inside [start, end), the first one."""
        for s, e, entity in self._org_spans:
            if start <= s and e <= end:
                return entity
        return None

    # -- people -----------------------------------------------------------------------------------------------
    def _find_people(self):
        mentions = []
        # The words and names below asked about as organisations ("Mr. Yutong Liu ILO", "vice-principal Jianbin
        # Chen" is no organisation), read in one batch first.
        asked = []
        for match in _PERSON.finditer(self.text):
            asked += [w for w in match.group("name").split()[1:] if w.isupper() and len(w) > 1]
        for match in _TITLE.finditer(self.text):
            after = re.match(rf"[ ]+(?P<name>{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{1,2}})\b", self.text[match.end() :])
            words = after.group("name").split() if after else []
            if words and not any(w.lower() in _ORG_WORDS | TITLE_HEADS | {"of", "the"} for w in words):
                asked.append(after.group("name"))
        self._prefetch_organisations(asked)
        for match in _PERSON.finditer(self.text):
            words = match.group("name").split()
            # A name ends before a word of a position or an organisation ("Mr. Samath Bou The …" never happens, but
            # "Mr. Yutong Liu ILO" might).
            kept = []
            for w in words:
                if re.fullmatch(r"[A-Z]\.", w):
                    kept.append(w)
                    continue
                if w.lower() in TITLE_HEADS or w.lower() in _ORG_WORDS or w.lower() in {"the", "and"}:
                    break
                if w.isupper() and len(w) > 1 and kept and self._match_organisation(w):
                    break
                kept.append(w)
            while kept and re.fullmatch(r"[A-Z]\.", kept[-1]):
                kept.pop()
            end = match.start("name") + len(" ".join(kept))
            kept = [w for w in kept if not re.fullmatch(r"[A-Z]\.", w)]
            if len(kept) < 2 or self._taken(match.start("name"), match.start("name") + 1, self._org_spans):
                continue
            mentions.append((match.start(), match.start("name"), end, match.group("hon"), kept))
        # A name right after a position, with no honorific: "vice-principal Jianbin Chen".
        for match in _TITLE.finditer(self.text):
            after = re.match(rf"[ ]+(?P<name>{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{1,2}})\b", self.text[match.end() :])
            if not after:
                continue
            start = match.end() + after.start("name")
            words = after.group("name").split()
            if any(w.lower() in _ORG_WORDS | TITLE_HEADS | {"of", "the"} for w in words) or is_honorific(words[0]):
                continue
            if re.search(rf"\b{self._UNIT_WORDS}", after.group("name")):  # "Head of the Teacher Training Division"
                continue
            if any(s <= start < e for _s0, s, e, _h, _w in mentions) or self._taken(start, start + 1, self._org_spans):
                continue
            if self._match_organisation(after.group("name")):
                continue
            mentions.append((start, start, start + len(after.group("name")), "", words))
        mentions += self._bare_names_of_honorific_surnames(mentions)
        mentions = self._listed_names(mentions)
        mentions.sort()
        # "Mr. Rodrigo Vargas Céspedes" then "Mr. Vargas": a family name of two words, from the one used alone.
        alone = {m.group("name").casefold() for m in _SURNAME.finditer(self.text)}
        # … or after an abbreviated honorific the reader does not know ("Ing. Quispe", "Lic. Choque")
        alone |= {
            m.group(1).casefold() for m in re.finditer(rf"(?<![\w.])[A-Z][a-z]{{1,3}}\.[ ]+({_NAME_WORD_U})", self.text)
        }
        by_tokens = {}
        for hon_start, _start, end, honorific, words in mentions:
            parts = person_parts(f"{honorific} {' '.join(words)}", text=self.text)
            given, family = parts["given_name"], parts["family_name"]
            tokens = name_tokens(f"{given} {family}")
            entity = by_tokens.get(tokens)
            if entity is None:
                entity = by_tokens[tokens] = self._new_entity("person")
                entity.data = {**parts, "title": None, "organisation": None}
                inner = [i for i, w in enumerate(words[1:-1], start=1) if w.casefold() in alone]
                if len(words) >= 3 and inner and words[-1].casefold() not in alone:
                    entity.data["given_name"] = " ".join(words[: inner[0]])
                    entity.data["family_name"] = " ".join(words[inner[0] :])
                elif tuple(words) in self._given_first:  # an attendee list's display name: given name first
                    entity.data["given_name"], entity.data["family_name"] = " ".join(words[:-1]), words[-1]
            elif honorific and not entity.data["honorific"]:
                entity.data["honorific"] = self._honorific(honorific)
            entity.mentions.append(Mention(hon_start, end, self.text[hon_start:end]))
            self._person_spans.append((hon_start, end, entity))
        self._person_spans.sort(key=lambda s: s[0])
        self._surname_mentions()
        index = PeopleMatcher()
        # Every name's exact matches, then the near misses of those not found, in a few queries for the report.
        index.prefetch_unmatched([(f"{e.data['given_name']} {e.data['family_name']}", "") for e in self.people])
        for i, entity in enumerate(self.people, start=1):
            entity.key = f"p{i}"
            entity.match = self._person_match(index, entity)

    def _listed_names(self, mentions):
        """People listed without an honorific (or with one the reader does not know: "Ing.", "Lic."): the name cells
        of a participants table (a header row naming a name column and a title or organisation column), and the
        lines of a participants section written as an attendee list writes them, "Given Family (Organisation)" or
        "Family, Given (Organisation)", a role after them ("Organizer"); then the mentions of those names elsewhere,
        in one pass. The organisations and roles of the list lines are kept for _listed_people."""
        word = _NAME_WORD_U
        listed = []  # (mention start, name start, end, honorific, words)
        self._attendee_lines = []  # (name start, organisation start, end, role)
        self._given_first = set()
        columns = None
        for row in self.layout.rows:
            cells = [_clean(self.text[s:e]) for s, e in row.cells]
            named = {
                c for cell in cells for c, pattern in self._TABLE_COLUMNS.items() if re.fullmatch(pattern, cell, re.I)
            }
            if "name" in named and named & {"title", "organisation"}:
                columns = next(
                    i for i, cell in enumerate(cells) if re.fullmatch(self._TABLE_COLUMNS["name"], cell, re.I)
                )
                continue
            if columns is None or columns >= len(row.cells):
                continue
            c_start, c_end = row.cells[columns]
            cell = re.compile(rf"(?P<hon>(?:[A-Z][a-z]{{1,4}}\.[ ]+)*)(?P<name>{word}(?:[ ]+{word}){{1,4}})")
            found = cell.fullmatch(self.text, c_start, c_end)
            if found:
                hon = found.group("hon").split()
                honorific = hon[0] if hon and is_honorific(hon[0]) else ""
                listed.append((c_start, found.start("name"), c_end, honorific, found.group("name").split()))
        display = re.compile(
            rf"(?:(?P<family>{word}),[ ]+(?P<given>{word}(?:[ ]+{word})?)|(?P<name>{word}(?:[ ]+{word}){{1,3}}))"
            r"[ \t]*\((?P<org>[^()\n]{2,120})\)"
            r"(?:(?:[ \t]{2,}|\t|[ \t]*[-–—·,][ \t]*)(?P<role>[A-Za-z][A-Za-z -]{0,30}?))?"
            r"[ \t]*$"
        )
        for item in self.layout.sections.get("participants", []):
            found = display.match(self.text, item.text_start, item.end)
            if not found:
                continue
            words = (found.group("name") or f"{found.group('given')} {found.group('family')}").split()
            if any(w.lower() in _ORG_WORDS | TITLE_HEADS | {"the", "and", "of"} or is_honorific(w) for w in words):
                continue
            start = found.start("name") if found.group("name") else found.start("family")
            end = found.end("name") if found.group("name") else found.end("given")
            listed.append((start, start, end, "", words))
            self._given_first.add(tuple(words))
            self._attendee_lines.append((start, found.start("org"), found.end("org"), found.group("role") or ""))
        if not listed:
            return mentions
        # A listed name replaces a shorter mention at its place ("Mr. Rodrigo Vargas" of "Mr. Rodrigo Vargas
        # Céspedes": the name word with its accent).
        starts = {s for _h, s, *_rest in listed}
        mentions = [m for m in mentions if m[1] not in starts]
        spans = sorted((h, e) for h, _s, e, *_rest in mentions + listed)
        names = sorted({" ".join(words) for *_x, words in listed if len(words) >= 2}, key=len, reverse=True)
        pattern = re.compile(rf"(?<![\w.])(?:{'|'.join(re.escape(n) for n in names)})(?![\w])")
        added = []
        for match in pattern.finditer(self.text):
            at = bisect.bisect_right(spans, (match.start(), len(self.text))) - 1
            if at >= 0 and spans[at][0] <= match.start() < spans[at][1]:
                continue
            added.append((match.start(), match.start(), match.end(), "", match.group().split()))
        return mentions + listed + added

    def _bare_names_of_honorific_surnames(self, mentions):
        """ "The sessions were led by Kong Dejun, a senior trainer …" and later "Mr. Kong said": a person first
        named without an honorific, found by the one word the honorific is written with (its first mention, two
        capitalised words of which that word is the first or the last)."""
        known = {w.casefold() for *_x, words in mentions for w in words}
        added, asked = [], set()
        for match in _SURNAME.finditer(self.text):
            word = match.group("name")
            if word.casefold() in known or word in asked or word.lower() in _ORG_WORDS | TITLE_HEADS:
                continue
            asked.add(word)
            pair = re.compile(
                rf"(?<![\w.])(?:{re.escape(word)}[ ]+(?P<a>{_NAME_WORD})|(?P<b>{_NAME_WORD})[ ]+{re.escape(word)})\b"
                rf"(?![ ]+[A-Z])"
            )
            for found in pair.finditer(self.text, 0, match.start()):
                other = found.group("a") or found.group("b")
                before = self.text[max(0, found.start() - 12) : found.start()]
                if (
                    other.lower() in _ORG_WORDS | TITLE_HEADS | {"the", "and", "of"}
                    or is_honorific(other)
                    or re.search(rf"(?:{_HONORIFIC_RE})\s*$", before)
                    or self._taken(found.start(), found.end(), self._org_spans)
                ):
                    continue
                words = found.group().split()
                added.append((found.start(), found.start(), found.end(), match.group("hon"), words))
                known.update(w.casefold() for w in words)
                break
        return added

    def _surname_mentions(self):
        """ "Mr. Xiang said", "Principal Li said": a person named before, by honorific or position and family name
        (the latest one of that name); failing that, by a given name used alone ("Dr. Somchai said" of Dr. Somchai
        Kittisak, as Thai usage has it)."""
        matches = [*_SURNAME.finditer(self.text), *_TITLE_SURNAME.finditer(self.text)]
        first_words = {}  # the first word of a family name of two words or more -> its people
        for person in self.people:
            family = person.data["family_name"].casefold().split(" ")
            if len(family) > 1:
                first_words.setdefault(family[0], []).append(person)
        for match in sorted(matches, key=lambda m: m.start()):
            start, end = match.start(), match.end()
            if self._taken(start, end, self._person_spans):
                continue
            word = match.group("name").casefold()
            named = [p for p in self.people if p.data["family_name"].casefold() == word]
            if not named:  # "Mr. Vargas" of Mr. Rodrigo Vargas Céspedes
                named = first_words.get(word, [])
            if not named:
                named = [p for p in self.people if p.data["given_name"].casefold() == word]
            if not named:
                named = [
                    p
                    for p in self.people
                    if name_used_alone(p.data["given_name"], p.data["family_name"]).casefold() == word
                ]
            if not named:
                continue
            before = [p for s, _e, p in self._person_spans if s < start and p in named]
            entity = before[-1] if before else named[0]
            entity.mentions.append(Mention(start, end, self.text[start:end]))
            self._person_spans.append((start, end, entity))
        self._person_spans.sort(key=lambda s: s[0])

    @staticmethod
    def _honorific(written):
        if not written:
            return ""
        for honorific in HONORIFICS:
            if honorific_key(honorific) == honorific_key(written):
                return honorific
        return written

    def _person_match(self, index, entity):
        return person_match(index, entity.data)

    def _person_details(self):
        """Each person's position and organisation, from the words around a mention: "The Principal of PCCFPI
        Mr. Samath Bou", "Mr. Ting Shen, deputy director of …, said", "Mr. Yutong Liu, ILO-China Project Manager"."""
        masked = self.masked
        previous = None
        for start, end, entity in self._person_spans:
            data = entity.data
            found = []
            # Before: back to the clause's start.
            clause = max(masked.rfind(c, 0, start) for c in ",;\n")
            before_start = clause + 1
            segment = masked[before_start:start]
            if "." in segment.rstrip(" ."):
                cut = segment.rstrip(" .").rfind(".")
                before_start += cut + 1
            elif segment.strip() in {"", "."} and segment.strip() == ".":
                pass
            segment = self.text[before_start:start]
            if (
                not segment.strip()
                and masked[:start].rstrip().endswith(".")
                and "\n" not in masked[len(masked[:start].rstrip()) : start]  # not the paragraph before
            ):
                # "General manager of SSEZ. Mr. Jianjiang Cao": the stray full stop ends no clause.
                stop = len(masked[:start].rstrip()) - 1
                clause = max(masked.rfind(c, 0, stop) for c in ",;\n")
                before_start, segment = clause + 1, self.text[clause + 1 : stop]
            found.append(self._position(before_start, segment, at_end=True))
            # After: ", <position>," right after the name.
            # (to the clause's end, or the sentence's: "…, Director of X. On the Y side …")
            # (a degree after the name is skipped: "Dr. Ir. Hendra Wijaya, M.T., Director, …")
            # (a name in its own script or an acronym in brackets after it is skipped: "Ms. Shen Jiayi (沈佳怡), …")
            after = re.match(
                rf"(?:[ ]*\([^()\n,]{{1,40}}\))?"
                rf"(?:\s*,\s*(?:{_DEGREE_MASKED})(?=\s*,))*\s*,\s*(?P<app>[^,;\n]+?)\s*(?=[,;\n]|\.\s+[A-Z]|$)",
                masked[end : end + 400],
            )
            if (
                after
                and not re.match(r"(?:and|or|who|which|then)\b", after.group("app"))
                and not self._people_in(end + after.start("app"), end + after.end("app") + 1, starting=True)
            ):
                app_start = end + after.start("app")
                found.append(self._position(app_start, self.text[app_start : end + after.end("app")], at_end=False))
            if after and found[-1] is not None:
                found[-1] = self._with_organisation_after(end + after.end("app"), found[-1], after.group("app"))
            for result in found:
                if result and not data["title"]:
                    title, org, span = result
                    data["title"] = _fact(title, *span)
                    if org is not None and not data["organisation"]:
                        data["organisation"] = org
                elif result and result[1] is not None and not data["organisation"]:
                    data["organisation"] = result[1]
            # "… Mr. Zhenyun Li, and vice-principal Jianbin Chen": the same organisation as the one before.
            if previous and not data["organisation"] and data["title"]:
                between = self.text[previous[1] : start]
                if re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?[\w\s-]*", between) and previous[2].data["organisation"]:
                    data["organisation"] = previous[2].data["organisation"]
            previous = (start, end, entity)
        self._listed_people()
        self._signature_blocks()
        self._side_organisations()
        self._units_in_organisations()
        self._organisation_of_the_sentence()
        self._drop_units_in_titles()

    _UNIT_WORDS = r"(?:School|Faculty|Department|Division|Office|Section|Unit|Centre|Center)\b"

    def _with_organisation_after(self, position, result, written):
        """(title, organisation, span) of a position after a name, with the organisation in the words after it:
        "Mr. …, Lecturer, CIPC (online), …", "Ms. …, Dean of the School of Automotive Engineering, CIPC, …" (the
        title is the position and its unit, the organisation the name after them)."""
        title, org, span = result
        if org is not None and (
            org.data.get("record") is not None or not re.match(self._UNIT_WORDS, org.mentions[0].text)
        ):
            return result
        segment = re.match(r"\s*,\s*(?:the\s+)?(?P<s>[^,;\n]+?)\s*(?=[,;.\n]|$)", self.masked[position:])
        if not segment:
            return result
        s_start, s_end = position + segment.start("s"), position + segment.end("s")
        named = self.org_at(s_start, s_end + 1)
        first = next((s for s, _e, o in self._org_spans if o is named and s_start <= s), None)
        bare = re.sub(r"\([^()]*\)", "", self.text[s_start:s_end])
        if (
            named is None
            or first != s_start
            or any(w[:1].islower() and w not in {"of", "and", "the", "for"} for w in bare.split())
        ):
            return result
        if org is not None:  # "Dean of the School of …": the unit is part of the title
            t_start = span[0]
            return _clean(written), named, (t_start, t_start + len(written.rstrip()))
        return title, named, span

    _TABLE_COLUMNS = {
        "name": r"(?:full )?names?|participants?|person",
        "title": r"titles?|positions?|designations?|functions?",
        "organisation": r"organi[sz]ations?|institut(?:e|ion)s?|agency|employer|affiliation",
        "role": r"roles?|part",
    }
    _LISTED_ROLES = {
        "chair": r"(?:co-?)?chair(?:person|man|woman)?|presiding|moderator|"
        r"(?:co-?)?chaired the (?:call|meeting|session)",
        "speaker": r"speaker|trainer|presenter|resource person|facilitator|lecturer|panellist|panelist",
        "organiser": r"organi[sz]er|secretariat|rapporteur",
        "observer": r"observer",
        "participant": r"participant|trainee|delegate",
    }

    def _listed_role(self, written):
        written = _clean(written).casefold()
        for role, pattern in self._LISTED_ROLES.items():
            if re.fullmatch(pattern, written):
                return role
        return None

    def _listed_people(self):
        """Each person's title, organisation and role from a list or table line: "- Mr. Samath Bou, Principal,
        Preah Sihanouk …", "Chair: Mr. … , Principal of PCCFPI", "Ms. Yang Hong, Vice-President, … (chair)", a row
        of a participants table with name / title / organisation (/ role) columns."""
        columns = None
        for row in self.layout.rows:
            cells = [self.text[s:e] for s, e in row.cells]
            named = {}
            for i, cell in enumerate(cells):
                for column, pattern in self._TABLE_COLUMNS.items():
                    if column not in named and re.fullmatch(pattern, _clean(cell), re.IGNORECASE):
                        named[column] = i
            if "name" in named and len(named) >= 2:
                columns = named
                continue
            if not columns or len(row.cells) <= columns["name"]:
                continue
            n_start, n_end = row.cells[columns["name"]]
            people = self._people_in(n_start, n_end + 1, starting=True)
            if not people:
                continue
            person = people[0][2]
            if "title" in columns and columns["title"] < len(row.cells):
                t_start, t_end = row.cells[columns["title"]]
                if t_end > t_start:
                    person.data["title"] = _fact(_clean(self.text[t_start:t_end]), t_start, t_end)
            if "organisation" in columns and columns["organisation"] < len(row.cells):
                o_start, o_end = row.cells[columns["organisation"]]
                org = self.org_at(o_start, o_end + 1)
                if org is not None:
                    person.data["organisation"] = org
            if "role" in columns and columns["role"] < len(row.cells):
                r_start, r_end = row.cells[columns["role"]]
                person.data["listed_role"] = self._listed_role(self.text[r_start:r_end])
        for n_start, o_start, o_end, role in getattr(self, "_attendee_lines", []):
            people = self._people_in(n_start, n_start + 1, starting=True)
            if not people:
                continue
            person = people[0][2]
            org = self.org_at(o_start, o_end + 1)
            if org is not None:  # said on the list line: before what the sentences gave
                unit, title = person.data["organisation"], person.data["title"]
                if unit is not None and unit is not org and title and self._is_unit(unit.mentions[0].text):
                    # "Head of the Welding Department": the unit the sentence gave is part of the title
                    t_start, t_end = title["evidence"]
                    after = next((m for m in unit.mentions if 0 <= m.start - t_end <= 12), None)
                    if after and re.fullmatch(r"\s*(?:of|,)\s*(?:the\s+)?", self.text[t_end : after.start], re.I):
                        person.data["title"] = _fact(_clean(self.text[t_start : after.end]), t_start, after.end)
                person.data["organisation"] = org
            if role and self._listed_role(role):
                person.data["listed_role"] = self._listed_role(role)
        self._person_lines = []  # the lines read as "Name, Title, Organisation" (they list who took part)
        by_tokens = {}
        for person in self.people:
            by_tokens.setdefault(name_tokens(f"{person.data['given_name']} {person.data['family_name']}"), person)
        for start, end in self.paragraphs():
            line = self.masked[start:end]
            lead = re.match(
                r"\s*(?:[-•*–·▪◦]\s+|\d{1,2}[.)]\s+|\d{1,2}\.\d{1,2}\.?\s+)?(?:[A-Za-z][A-Za-z -]{1,30}:\s*)?", line
            )
            people = self._people_in(start + lead.end(), start + lead.end() + 1, starting=True)
            bare = re.match(rf"{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{1,3}}(?=\s*,)", line[lead.end() :])
            if not people and bare and lead.group().strip():
                # "- Sreyleak NGOUN, Deputy Director …": a list item naming, without an honorific, someone the report
                # names elsewhere (the words of their name in any order and case).
                named = by_tokens.get(name_tokens(bare.group()))
                if named is not None:
                    people = [(start + lead.end(), start + lead.end() + bare.end(), named)]
            if not people:
                # A label after other words of a programme's row: "09:00–10:15 Opening session Chair: Dr. …".
                lead = re.match(r"[^\n]{0,60}?\b(?P<label>[A-Z][A-Za-z -]{1,30}):\s+", line)
                if lead:
                    people = self._people_in(start + lead.end(), start + lead.end() + 1, starting=True)
                    role = self._listed_role(lead.group("label").split()[-1])  # "… Opening session Chair:"
                    if people and role:
                        people[0][2].data["listed_role"] = role
            if "\t" in line or not people:
                continue
            p_end, person = people[0][1], people[0][2]
            line_end = end
            other = [o for o in self._people_in(p_end, end) if re.match(_HONORIFIC_RE, self.text[o[0] : o[1]])]
            if other:
                # "Chairpersons: Mr. A, Director, KKTC, and Prof. B, Vice-President, LZVTC": A's part ends before B.
                cut = re.search(r"[\s,;]*(?:\band\s+)?$", self.masked[p_end : other[0][0]])
                line_end = p_end + cut.start()
            rest = self.masked[p_end:line_end]
            notes = re.search(r"(?:\s*\((?P<note>[^()]*)\))+\s*$", rest)
            note = notes.group("note") if notes else ""
            body_end = p_end + (notes.start() if notes else len(rest))
            if not re.match(r"\s*,", self.masked[p_end:body_end]):
                continue
            segments = []
            for seg in re.finditer(r"[^,]+", self.masked[p_end:body_end]):
                s0 = p_end + seg.start() + len(seg.group()) - len(seg.group().lstrip())
                s1 = p_end + seg.end() - (len(seg.group()) - len(seg.group().rstrip()))
                if s1 > s0:
                    segments.append((s0, s1))
            words = [w for s0, s1 in segments for w in self.text[s0:s1].split()]
            if not segments or any(
                w[:1].islower() and w not in {"of", "and", "the", "for", "in", "on", "at", "de", "du", "charge"}
                for w in words
            ):
                continue
            self._person_lines.append((start, end))
            org, org_index = None, None
            for i in range(len(segments) - 1, -1, -1):
                s0, s1 = segments[i]
                found = self.org_at(s0, s1 + 1)
                if found is not None and self.text[s0:s1].startswith(self._org_text(found, s0)):
                    org, org_index = found, i
                    break
                # A name with commas of its own ("Ministry of Education, Culture, Research and Technology,
                # Indonesia"): the organisation starting at the segment and running over the ones after it, to the
                # line's end or a country.
                spans = [(e_, o) for e_, o in self._org_starts().get(s0, ()) if s1 < e_ <= body_end]
                tail = [self.text[a:b] for a, b in segments[i + 1 :] if a >= max((e_ for e_, _o in spans), default=0)]
                if spans and all(_is_country(t) for t in tail):
                    org, org_index = max(spans, key=lambda span: span[0])[1], i
                    break
            title_segments = segments[:org_index] if org_index is not None else segments
            # "Dr. Ir. Agus Salim, M.T., Director, …": a degree after the name is no part of the title.
            while title_segments and re.fullmatch(_DEGREE, self.text[slice(*title_segments[0])]):
                title_segments = title_segments[1:]
            if org is None and person.data["title"] and person.data["organisation"] and title_segments:
                # "Approved by: Mr. …, Chair" below a list that gave his position and organisation: his part, which
                # replaces neither (an action's owner may be named by it: "Secretary").
                part = self.text[title_segments[0][0] : title_segments[-1][1]]
                person.data.setdefault("parts", []).append(_clean(part).casefold())
                if self._listed_role(part):
                    person.data["listed_role"] = self._listed_role(part)
                title_segments = []
            if title_segments:
                t_start, t_end = title_segments[0][0], title_segments[-1][1]
                position = self._position(t_start, self.text[t_start:t_end], at_end=False)
                if org is None and position and position[1] is not None:
                    person.data["title"] = _fact(position[0], *position[2])
                    person.data["organisation"] = position[1]
                    # "Deputy Director of SRPI in charge of Training": the charge is part of the position.
                    charge = re.search(r"\s(?P<c>in charge of\s.+)$", self.text[t_start:t_end])
                    if charge:
                        title = f"{position[0]} {_clean(charge.group('c'))}"
                        person.data["title"] = _fact(title, position[2][0], t_end)
                elif _TITLE.search(self.text[t_start:t_end]):
                    person.data["title"] = _fact(_clean(self.text[t_start:t_end]), t_start, t_end)
            if org is not None:
                person.data["organisation"] = org
            role = self._listed_role(note)
            if role:
                person.data["listed_role"] = role
        self._listed_by_organisation()

    def _listed_by_organisation(self):
        """A participants line of one organisation and its people: "Mekong College - Ms. Lan Pham, Dean, School of
        Tourism (chair); Mr. Bo Wei, Lecturer": each person's title is what follows the name's comma (the whole of
        it), the organisation the line's, a note in brackets the role."""
        current = None  # the organisation of a line of its own, above its people's list items
        for item in self.layout.sections.get("participants", []):
            line = self.masked[item.text_start : item.end]
            lead = re.match(r"(?P<org>[^\t:;]{3,150}?)(?:\s+[-–—:]|:)\s+(?=\S)", line)
            if not lead:
                current = self._people_under_organisation(item, current)
                continue
            org = self.org_at(item.text_start, item.text_start + lead.end("org") + 1)
            if org is not None and not self.text[item.text_start :].startswith(self._org_text(org, item.text_start)):
                continue
            if org is None and not re.fullmatch(r"[A-Z][\w&'’.()-]*(?: [\w&'’.()-]+){0,9}", lead.group("org")):
                continue
            position = item.text_start + lead.end()
            for piece in re.finditer(r"[^;]+", self.masked[position : item.end]):
                p_start, p_end = self._strip_span(position + piece.start(), position + piece.end())
                people = self._people_in(p_start, p_start + 1, starting=True)
                if not people:
                    continue
                n_end, person = people[0][1], people[0][2]
                rest = self.masked[n_end:p_end]
                notes = re.search(r"(?:\s*\((?P<note>[^()]*)\))+\s*$", rest)
                t_end = n_end + (notes.start() if notes else len(rest))
                title = re.match(r"\s*,\s*(?P<t>\S.*?)\s*$", self.text[n_end:t_end])
                if title:
                    t_start = n_end + title.start("t")
                    person.data["title"] = _fact(_clean(title.group("t")), t_start, t_start + len(title.group("t")))
                person.data["organisation"] = org or person.data["organisation"]
                role = self._listed_role(notes.group("note")) if notes else None
                if role:
                    person.data["listed_role"] = role

    def _people_under_organisation(self, item, current):
        """ "Wenzhou Polytechnic (WZP), China" on a line of its own, then "- Ms. Hu Yan, Deputy Director (chair)"
        items: each person's organisation is the line's, the title the first part after the name's comma, a note
        the role. Returns the organisation the next items are under."""
        people = self._people_in(item.text_start, item.text_start + 1, starting=True)
        if not item.bulleted and not people:
            org = self.org_at(item.text_start, item.end + 1)
            starts = org is not None and self.text[item.text_start :].startswith(self._org_text(org, item.text_start))
            return org if starts else None
        if current is None or not item.bulleted or not people:
            return current
        n_end, person = people[0][1], people[0][2]
        person.data["organisation"] = current
        part = re.match(r"\s*,\s*(?P<t>[^,\n]+)", self.masked[n_end : item.end])
        if part:
            t_start, t_end = n_end + part.start("t"), n_end + part.end("t")
            note = re.search(r"\s*\((?P<n>[^()]*)\)\s*$", self.text[t_start:t_end])
            said = note.group("n") if note else ""
            role = self._listed_role(said) or ("chair" if re.match(r"chair", said, re.I) else None)
            if note and role:
                person.data["listed_role"] = role
                t_end = t_start + note.start()
            person.data["title"] = _fact(_clean(self.text[t_start:t_end]), t_start, t_end)
        return current

    def _side_organisations(self):
        """ "On the NBPT side we were received by Prof. …, Vice-President, together with Ms. …, Director of the
        International Exchange Office": the people of the sentence belong to that organisation, and a unit named in
        their position is part of it (the position runs to the unit's end)."""
        for side in re.finditer(r"\b(?:On|From)\s+the\s+(?P<o>[^,.;\n]{2,60}?)\s+side\b", self.masked):
            org = self.org_at(side.start("o"), side.end("o") + 1)
            if org is None:
                continue
            stop = re.compile(r"[.!?](?=\s|$)|\n").search(self.masked, side.end())
            for _s, _e, person in self._people_in(side.end(), stop.start() if stop else len(self.masked)):
                own = person.data["organisation"]
                title = person.data["title"]
                if own is None:
                    person.data["organisation"] = org
                elif own.data.get("record") is None and self._is_unit(own.mentions[0].text) and title:
                    unit = next((m for m in own.mentions if 0 <= m.start - title["evidence"][1] <= 12), None)
                    if unit is not None and re.fullmatch(
                        r"\s+of\s+(?:the\s+)?", self.text[title["evidence"][1] : unit.start]
                    ):
                        t_start = title["evidence"][0]
                        person.data["title"] = _fact(_clean(self.text[t_start : unit.end]), t_start, unit.end)
                        person.data["organisation"] = org

    def _is_unit(self, name):
        """Whether a name is a unit's: "School of …", "International Exchange Office"."""
        return bool(
            re.match(self._UNIT_WORDS, name) or re.search(r"\b(?:Office|Department|Division|Section|Unit)$", name)
        )

    def _signature_blocks(self):
        """A name alone on its line with its position and organisation on the lines below (a letter's or a
        mail's signature, a "Signed:" block): "Ms. … / International Cooperation Officer / Pakse College", or
        "Ms. … / Principal, Pakse College"."""
        text = self.text
        for start, end, person in self._person_spans:
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            if text[line_start:start].strip() or text[end:line_end].strip(" ,"):
                continue
            lines, position = [], line_end + 1
            while len(lines) < 2 and position < len(text):
                stop = text.find("\n", position)
                stop = len(text) if stop < 0 else stop
                if not text[position:stop].strip():
                    break
                lines.append(self._strip_span(position, stop))
                position = stop + 1
            title = org = None
            for l_start, l_end in lines:
                found = next((o for e_, o in self._org_starts().get(l_start, ()) if e_ == l_end), None)
                line = text[l_start:l_end]
                comma = line.rfind(", ")
                if found is None and title is None and comma > 0:
                    # "Principal, Pakse College": the position, then the organisation after its comma.
                    o_start = l_start + comma + 2
                    found = next((o for e_, o in self._org_starts().get(o_start, ()) if e_ == l_end), None)
                    if found is not None and _TITLE.search(line[:comma]):
                        title = _fact(_clean(line[:comma]), l_start, l_start + comma)
                if found is not None:
                    org = found
                    break
                head = _TITLE.search(line)
                if title is not None or len(line.split()) > 8 or not head or head.end() != len(line):
                    break
                if any(w[:1].islower() and w not in {"of", "and", "for", "the", "in"} for w in line.split()):
                    break
                title = _fact(_clean(line), l_start, l_end)
            if title is not None and not person.data["title"]:
                person.data["title"] = title
            if org is not None and not person.data["organisation"]:
                person.data["organisation"] = org

    def _organisation_of_the_sentence(self):
        """A person given a position and no organisation, in a sentence naming one organisation before them: of that
        one ("We then visited Songhu Moulding Co., Ltd., where Mr. …, Human Resources Director, showed us …")."""
        ordered = sorted(self._org_spans, key=lambda span: span[0])
        starts = [s for s, _e, _o in ordered]
        for start, _end, person in self._person_spans:
            if person.data["organisation"] is not None or person.data["title"] is None:
                continue
            t_start = person.data["title"]["evidence"][0]
            if not start < t_start < start + 200:  # the position written after this mention
                continue
            sentence_start = max(self.text.rfind("\n", 0, start), self.masked.rfind(". ", 0, start)) + 1
            named = {
                id(o): o
                for _s, _e, o in ordered[bisect.bisect_left(starts, sentence_start) : bisect.bisect_left(starts, start)]
            }
            if len(named) == 1 and not self._people_in(sentence_start, start):
                person.data["organisation"] = next(iter(named.values()))

    def _units_in_organisations(self):
        """A person whose organisation is only a unit written after their position ("Director of the International
        Office of X", "Dean of the School of Tea, …", "Deputy Director of the Exchange Office") works for the
        organisation the unit is part of: the one its name ends with ("… Office of X"), else the nearest one named
        before it (the institute the paragraph is about). The unit is part of the position."""
        ordered = sorted(self._org_spans, key=lambda span: span[0])
        starts = [s for s, _e, _o in ordered]
        parents = {}
        for person in self.people:
            org, title = person.data["organisation"], person.data["title"]
            if org is None or title is None or org.data.get("record") is not None:
                continue
            t_start, t_end = title["evidence"]
            low = bisect.bisect_left(starts, t_end)
            unit = next(((s, e) for s, e, o in ordered[low : low + 3] if o is org and s - t_end <= 12), None)
            if unit is None or not re.fullmatch(
                r"\s*(?:of|,)\s*(?:the\s+)?", self.text[t_end : unit[0]], re.IGNORECASE
            ):
                continue
            unit_text, parent, title_end = self.text[unit[0] : unit[1]], None, unit[1]
            for of in re.finditer(r"\s+of\s+(?:the\s+)?", unit_text):
                if not re.search(self._UNIT_WORDS, unit_text[: of.start()]):
                    continue
                tail = unit_text[of.end() :].casefold()
                parent = next(
                    (
                        o
                        for o in self.organisations
                        if o is not org and any(m.text.casefold() == tail for m in o.mentions)
                    ),
                    None,
                )
                if parent is not None:
                    title_end = unit[0] + of.start()
                    break
            if not self._is_unit(unit_text) and parent is None:
                continue
            after = re.match(r"\s*,\s*(?:the\s+)?", self.text[unit[1] : unit[1] + 10])
            if parent is None and after:  # "Senior Lecturer, Department of …, KTTC": the organisation after the unit
                parent = next((o for _e, o in self._org_starts().get(unit[1] + after.end(), ())), None)
            # "…, Department of …" with no organisation after it, "the … Department of Laos": a body of its own.
            of_country = re.match(
                r"\s+(?:of|in)\s+(?:the\s+)?(?P<c>[A-Z][\w ]{2,30}?)(?=[,.;\n]|$)", self.text[unit[1] :]
            )
            if parent is None and (
                "," in self.text[t_end : unit[0]] or (of_country and _is_country(of_country.group("c")))
            ):
                continue
            if parent is None:
                for s, _e, o in reversed(ordered[max(0, bisect.bisect_left(starts, t_start) - 12) : low]):
                    if s < t_start - 1500 or s >= t_start:
                        continue
                    if o is not org and not self._is_unit(self._org_text(o, s)):
                        parent = o
                        break
            if parent is None:
                continue
            person.data["title"] = _fact(_clean(self.text[t_start:title_end]), t_start, title_end)
            person.data["organisation"] = parent
            parents[id(org)] = parent
        # Another person given the unit alone ("Prof. …, Vice-President, together with Ms. …, Director of the … Office")
        # is of the same organisation.
        for person in self.people:
            person.data["organisation"] = parents.get(id(person.data["organisation"]), person.data["organisation"])

    def _drop_units_in_titles(self):
        """A new "organisation" named only inside a person's title ("Head of Training Department, Hanoi …") is a
        unit of the organisation after it, not an organisation of the meeting."""
        titles = [p.data["title"]["evidence"] for p in self.people if p.data.get("title")]
        used = {id(p.data.get("organisation")) for p in self.people}
        dropped = [
            org
            for org in self.organisations
            if org.data.get("record") is None
            and id(org) not in used
            and all(any(s <= m.start and m.end <= e for s, e in titles) for m in org.mentions)
        ]
        if dropped:
            self.organisations = [o for o in self.organisations if o not in dropped]
            self._org_spans = [span for span in self._org_spans if span[2] not in dropped]

    def _org_text(self, entity, start):
        for s, e, found in self._org_spans:
            if found is entity and s >= start:
                return self.text[s:e]
        return ""

    def _org_starts(self):
        """{start: [(end, organisation)]} of the organisations' mentions, made once they are all found."""
        if getattr(self, "_org_start_index", None) is None or self._org_start_index[0] != len(self._org_spans):
            index = {}
            for s, e, o in self._org_spans:
                index.setdefault(s, []).append((e, o))
            self._org_start_index = (len(self._org_spans), index)
        return self._org_start_index[1]

    def _position(self, offset, segment, *, at_end):
        """(title, organisation entity or None, span) of a position written in `segment`, or None. Only the
        POSITION_CHARS next to the name are read (its end when at_end): a clause of 20,000 characters before each of
        a thousand names was read whole for each."""
        if len(segment) > POSITION_CHARS:
            if at_end:
                offset, segment = offset + len(segment) - POSITION_CHARS, segment[-POSITION_CHARS:]
            else:
                segment = segment[:POSITION_CHARS]
        body = segment
        lead = re.match(r"\s*(?:and\s+)?(?:the\s+)?", body, re.IGNORECASE)
        skip = lead.end()
        body = body[skip:].rstrip(" ,.")
        if not body:
            return None
        # "Mr. …, Chief Welding Trainer at WIT", "…, a welding instructor from PCCFPI": a position at an organisation
        # named at the end, the position as written.
        sentence = re.split(r"\.\s", body)[0]
        at = re.fullmatch(
            r"(?:an?\s+)?(?P<title>[A-Za-z][\w\- ]{2,60}?)\s+(?:at|from)\s+(?:the\s+)?(?P<org>[A-Z].*)", sentence
        )
        if at and not at_end and len(at.group("title").split()) <= 6 and _TITLE.search(at.group("title")):
            org_start = offset + skip + at.start("org")
            org = next(
                (o for e_, o in self._org_starts().get(org_start, ()) if e_ >= offset + skip + len(sentence)), None
            )
            if org is None:
                # "… Officer at the ILO Country Office": the organisation, then a unit of it.
                sentence_end = offset + skip + len(sentence)
                org = next(
                    (
                        o
                        for e_, o in self._org_starts().get(org_start, ())
                        if re.fullmatch(
                            rf"\s+(?:(?<![\w\-])[A-Z][\w\-]*+\s+){{0,3}}{self._UNIT_WORDS}", self.text[e_:sentence_end]
                        )
                    ),
                    None,
                )
            if org is not None:
                t_start = offset + skip + at.start("title")
                return _clean(at.group("title")), org, (t_start, t_start + len(at.group("title")))
        # "Head of Training of Sihanoukville Welding Training Centre": the title runs to the "of" before the name.
        for of in re.finditer(r"\s+of\s+(?:the\s+)?", body, re.IGNORECASE):
            title_text = body[: of.start()]
            t_match = _TITLE.match(title_text)
            t_end = next((m for m in _TITLE.finditer(title_text) if m.end() == len(title_text)), None)
            if len(title_text.split()) > 6 or not (t_match or t_end) or _TITLE.fullmatch(title_text.strip()):
                continue
            org_start = offset + skip + of.end()
            org = next((o for s_, _e, o in self._org_spans if s_ == org_start), None)
            if org is not None:
                t_start = offset + skip
                return _clean(title_text), org, (t_start, t_start + len(title_text))
        title_match = re.match(r"(?P<title>.+?)\s+of\s+(?:the\s+)?(?P<org>.+)$", body, re.IGNORECASE)
        if title_match and _TITLE.fullmatch(title_match.group("title").strip()):
            t_start = offset + skip + title_match.start("title")
            org_start = offset + skip + title_match.start("org")
            org = self.org_at(org_start, org_start + len(title_match.group("org")) + 1)
            title = _title_case(title_match.group("title"))
            return title, org, (t_start, t_start + len(title_match.group("title")))
        title_only = _TITLE.search(body)
        if not title_only or title_only.end() != len(body):
            return None
        prefix = body[: title_only.start()].strip(" ,")
        t_start = offset + skip + title_only.start()
        title = _title_case(title_only.group("title"))
        org = None
        if prefix:
            if _is_country(prefix):
                title = f"{title}, {_clean(prefix)}"
            else:
                p_start = offset + skip
                org = self.org_at(p_start, p_start + len(prefix) + 1)
                if org is None and not at_end and re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", prefix):
                    # "Training Manager", "Skills Specialist": a position of words of its own, the whole appositive.
                    if _has_org_word(prefix) or self._match_organisation(prefix):
                        return None
                    t_start = offset + skip
                    return _title_case(body), None, (t_start, t_start + len(body))
                if org is None:
                    return None
        return title, org, (t_start, t_start + len(title_only.group("title")))

    # -- workshop facts ---------------------------------------------------------------------------------------
    def _kind(self):
        """The kind of meeting, from its title first, then the lines above the body and label lines: a study visit,
        a training (ToT), a conference or annual meeting, a multilateral or regional meeting, a bilateral one
        (including a meeting "between" two institutes, or one whose title names two)."""
        rules = [
            (r"\bstudy (?:visit|tour)\b|\bexposure visit\b", Workshop.Kind.STUDY_VISIT),
            (r"\btraining of trainers\b|(?-i:\bToT\b)|\btraining (?:course|workshop|programme|program)\b|^training\b",
             Workshop.Kind.TRAINING),
            (r"\bannual (?:meeting|conference|forum)\b|\b(?:conference|forum|symposium|summit)\b",
             Workshop.Kind.CONFERENCE),
            # "Coordination Meeting of the … Working Group on Green Skills": a meeting of a group of institutes.
            (r"\bmultilateral\b|\bregional (?:workshop|meeting|dialogue|consultation)\b"
             r"|\bmeeting of the\b[^\n]*\b(?:working group|network|alliance)\b", Workshop.Kind.MULTILATERAL),
            (r"\bbilateral\b|\bpaired consultation\b", Workshop.Kind.BILATERAL),
        ]  # fmt: skip
        # What kind of meeting it was is said in its title and headline, not in what it decided to hold next.
        spans = [tuple(f["evidence"]) for f in (self.title, self.other_title) if f]
        for start, end in spans:
            for pattern, kind in rules:
                match = re.compile(pattern, re.IGNORECASE | re.MULTILINE).search(self.text, start, end)
                if match and kind == Workshop.Kind.TRAINING and self._subject_of_a_meeting(start, match.start()):
                    continue  # "Coordination Meeting between A and B on the Welding Training Programme"
                if match:
                    return _fact(kind.value, *match.span())
        # A workshop "between A and B", or a title naming two institutes, or the line under the title naming them
        # ("Follow-up Meeting on …" over "TVI (Tianjin) and Mekong College"): bilateral.
        spans = [tuple(f["evidence"]) for f in (self.title, self.other_title) if f]
        if self.title:
            under = re.match(r"[ \t]*\n[ \t]*(?P<line>[^\n]{3,200})", self.text[self.title["evidence"][1] :])
            if under and not re.search(r"[.:;!?]\s*$", under.group("line")) and " and " in under.group("line"):
                u_start = self.title["evidence"][1] + under.start("line")
                spans.append((u_start, u_start + len(under.group("line").rstrip())))
        for start, end in spans:
            between = re.search(r"\bbetween\b.+\band\b", self.text[start:end], re.IGNORECASE)
            named = {o.key for s, e, o in self._org_spans if start <= s and e <= end}
            if between or len(named) == 2:
                return _fact(Workshop.Kind.BILATERAL.value, start, end)
        return None

    def _subject_of_a_meeting(self, start, position):
        """Whether the words at `position` of a title are what a meeting named before them was about: "… Meeting
        … on the Welding Training Programme" is a meeting on a training, not a training."""
        return bool(
            re.search(
                r"\b(?:meeting|consultation|dialogue)\b.*\b(?:on|about|regarding|concerning)\s+(?:the\s+|a\s+)?[^,;]*$",
                self.text[start:position],
                re.IGNORECASE,
            )
        )

    def _format(self, kind=None):
        rules = [
            (
                r"\bhybrid\b|\bblended\b|\b(?:both )?(?:in[ -]person|on-?site|face[ -]to[ -]face) and "
                r"(?:online|on-line|virtual(?:ly)?)\b|\bonline and (?:in[ -]person|on-?site)\b|"
                r"\b(?:held|took place|convened)\b[^.\n]{0,120}\band (?:online|on-?line|virtually)\b",
                Workshop.Format.HYBRID,
            ),
            (r"\b(?:on-?line|virtual(?:ly)?|video ?conference|video ?calls?|webinar)\b", Workshop.Format.ONLINE),
            (r"\bin[ -]person\b|\bface[ -]to[ -]face\b|\b(?:was )?held at\b|\bon-?site\b", Workshop.Format.IN_PERSON),
        ]
        # A "Format:" line says it; else the first sentence that does, where "(online)" after a name is not one.
        spans = self.layout.labels.get("format", []) + [(self.layout.mail_end, len(self.text))]
        for i, (start, end) in enumerate(spans):
            if i == len(spans) - 1:
                # Else a "Venue:" line naming a place and a way online ("…, Sihanoukville; online via Microsoft
                # Teams"): both.
                for v_start, v_end in self.layout.labels.get("venue", [])[:1]:
                    place, online = self._venue_label(*self._strip_span(v_start, v_end))
                    if online and place[1] > place[0]:
                        return _fact(Workshop.Format.HYBRID.value, v_start, v_end)
            for pattern, value in rules:
                for match in re.compile(pattern, re.IGNORECASE).finditer(self.text, start, end):
                    if self.text[max(0, match.start() - 1) : match.start()] == "(" and value.value == "online":
                        continue
                    if value.value == "online" and i == len(spans) - 1 and self._online_elsewhere(match):
                        continue
                    return _fact(value.value, *match.span())
        # A venue and no word of a screen: they met in person; a "Platform:" line and no venue: online.
        venue = self._venue()
        if venue and not self._platform():
            return _fact(Workshop.Format.IN_PERSON.value, *venue["evidence"])
        # A study visit with no word of a screen: the visitors went there.
        if kind and kind["value"] == Workshop.Kind.STUDY_VISIT.value and not self._platform():
            return _fact(Workshop.Format.IN_PERSON.value, *kind["evidence"])
        for p_start, p_end in self.layout.labels.get("platform", [])[:1]:
            if not venue and self._platform():
                return _fact(Workshop.Format.ONLINE.value, p_start, p_end)
        # "Microsoft Teams meeting · Recording", "Zoom call" and no venue: online.
        names = "|".join(sorted((re.escape(k) for k in _PLATFORMS), key=len, reverse=True))
        held = re.search(rf"\b(?:{names})\s+(?:meeting|call|session|conference)\b", self.text, re.IGNORECASE)
        if held and not venue:
            return _fact(Workshop.Format.ONLINE.value, *held.span())
        return None

    def _online_elsewhere(self, match):
        """Whether "online" in a sentence says where something else is, not how the meeting was held: a thing online
        ("the alliance's online platform"), or what will be done later ("will meet online every quarter")."""
        after = self.text[match.end() : match.end() + 30]
        if re.match(r"\s+(?:platforms?|portals?|websites?|database|library|repository|resources|materials)\b", after):
            return True
        # Something else done online: "an online exchange between students", "online refresher modules".
        if re.match(r"\s+(?:(?:refresher|follow-up)\s+)?(?:modules?|clinics?|exchanges?|learning|lessons?)\b", after):
            return True
        window = max(0, match.start() - 300)  # a sentence's words before it, a bounded look back
        before = re.split(r"[.\n]", self.masked[window : match.start()])[-1]
        return bool(re.search(r"\b(?:will|would|shall|next|plans? to|every|to be)\b", before, re.IGNORECASE))

    def _date(self):
        import dateparser

        # A "Date:" line first; then the text, past an e-mail's headers and a news release's dateline ("Kunming,
        # 14 April 2022 –" is when it was written).
        spans = self.layout.labels.get("date", []) + [(self.layout.mail_end, len(self.text))]
        dateline = re.compile(rf"^{_DATELINE}\s*(?:[–—-]|$)", re.MULTILINE)
        # … unless the news is of that day: "TIANJIN, China, 18 March 2024 – … today signed …".
        skip = [
            m.span()
            for m in dateline.finditer(self.text)
            if not re.match(r"[^.\n]*\btoday\b", self.text[m.end() : m.end() + 300])
        ]
        for span_start, span_end in spans:
            for match in _DATE.finditer(self.text, span_start, span_end):
                if any(s <= match.start() < e for s, e in skip):
                    continue
                written = match.group()
                start = match.start()
                # "6–8 March 2024", "from 14 to 16 March 2023": the first day.
                ranged = re.search(
                    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:[–—-]|to)\s*$", self.text[max(0, start - 12) : start]
                )
                # "from 23 June to 1 July 2025": the first day, in the month written with it.
                months = re.search(
                    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS})\s*(?:[–—-]|to)\s*$",
                    self.text[max(0, start - 24) : start],
                )
                if months and re.match(r"\d", written):
                    start = max(0, start - 24) + months.start()
                    written = f"{months.group('d')} {months.group('m')} {written.split()[-1]}"
                elif ranged:
                    start = max(0, start - 12) + ranged.start()
                    written = re.sub(r"^\d{1,2}", ranged.group("d"), written)
                cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", written).replace(" of ", " ")
                parsed = dateparser.parse(
                    cleaned, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
                )
                if parsed is None:
                    continue
                has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", written.replace(str(parsed.year), "")))
                precision = Workshop.DatePrecision.DAY if has_day else Workshop.DatePrecision.MONTH
                value = parsed.date() if has_day else parsed.date().replace(day=1)
                return _fact(value.isoformat(), start, match.end(), precision=precision.value)
        return None

    def _platform(self):
        pattern = "|".join(sorted((re.escape(k) for k in _PLATFORMS), key=len, reverse=True))
        match = re.search(rf"\b(?:{pattern})\b", self.text, re.IGNORECASE)
        if match and not (match.group().lower() == "teams" and match.group() != "Teams"):
            return _fact(_PLATFORMS[match.group().lower()], *match.span())
        return None

    def _venue_label(self, start, end):
        """((start, end) of the place, (start, end) of the online part or None) of a "Venue:" line: "Meeting Room
        2, …, Sihanoukville; online via Microsoft Teams" is the room, and a meeting online too."""
        platforms = "|".join(sorted((re.escape(k) for k in _PLATFORMS), key=len, reverse=True))
        online = rf"(?:online|on-line|virtual(?:ly)?|video ?conference|{platforms})\b"
        for sep in re.finditer(r"\s*;\s*|\s+/\s+|,?\s+(?:and|or|\+)\s+|,\s+|\s*\(\s*", self.masked[start:end]):
            rest = self.text[start + sep.end() : end]
            if sep.start() and re.match(rf"(?:(?:and|also|or)\s+)?(?:via\s+|on\s+)?{online}", rest, re.IGNORECASE):
                return (start, start + sep.start()), (start + sep.end(), end)
        return (start, end), None

    def _venue(self):
        """The place, with its city: a "Venue:" line as written, or "held … at the Sofitel Hotel in Vientiane" as
        "Sofitel Hotel, Vientiane"."""
        for start, end in self.layout.labels.get("venue", []):
            start, end = self._strip_span(start, end)
            start, end = self._venue_label(start, end)[0]
            # "Lecture Hall 2, Xiasha Campus (下沙校区报告厅)": the name in another script beside it left out
            other = re.search(r"\s*\([^()\x00-\x7f][^()]*\)$", self.text[start:end])
            end = start + other.start() if other and other.start() else end
            return _fact(_clean(self.text[start:end]).rstrip("."), start, end)
        place = (
            r"(?:the\s+)?(?P<venue>[A-Z][^.;\n]*?)"
            r"(?=\s+(?:on|from|under|with|and)\s|,\s+(?:in person|online|on)\b|[.;\n])"
        )
        match = re.search(
            r"\b(?:held|took place|convened|hosted)\s+(?:[a-z\- ]+\s+)?"
            rf"(?:(?:on|from)\s+[^.;\n]{{3,30}}?\d{{4}},?\s+)?(?:at|in)\s+{place}",
            self.masked,
        ) or re.search(
            # "… held a two-day Workshop on … on 16–17 September 2024 at the Automotive Training Centre of …": the
            # place right after the dates, however the meeting was named before them.
            rf"\b(?:held|convened|organi[sz]ed)\s[^.;\n]{{0,200}}?\s(?:on|from)\s+[^.;\n]{{3,30}}?\d{{4}},?\s+at\s+{place}",
            self.masked,
        )
        if match:
            start, end = match.span("venue")
            venue = _clean(self.text[start:end])
            city = re.fullmatch(r"(?P<place>.+?)\s+in\s+(?P<city>[A-Z][\w\- ]+)", venue)
            if city:
                venue = f"{city.group('place')}, {city.group('city')}"
            # "the Seminar Hall of Butwal Technical Institute": the room, then whose it is, as a "Venue:" line has it.
            room = re.fullmatch(
                r"(?P<room>(?:(?<![\w\-])[A-Z][\w\-]*+\s+){0,4}(?:Hall|Room|Auditorium|Laboratory|Building|Library))\s+of\s+"
                r"(?:the\s+)?(?P<org>[A-Z].+)",
                venue,
            )
            if room and _has_org_word(room.group("org")):
                venue = f"{room.group('room')}, {room.group('org')}"
            return _fact(venue, start, end)
        # "… signed … at a ceremony in Haihe Hall on TVI's Beichen campus": the hall, the campus and whose it is.
        match = re.search(
            r"\bat an? (?:ceremony|meeting|event|reception|signing)\s+(?:in|at)\s+(?:the\s+)?"
            r"(?P<place>(?:(?<![\w\-])[A-Z][\w\-]*+\s+){1,4}(?:Hall|Room|Auditorium|Centre|Center|Building))"
            r"(?:\s+(?:on|at)\s+(?P<org>[A-Z][^.;\n]{0,60}?)['’]s\s+(?P<campus>(?<![\w\-])[A-Z][\w\-]*+\s+campus))?",
            self.masked,
        )
        if match:
            venue = _clean(self.text[match.start("place") : match.end("place")])
            end = match.end("place")
            owner = match.group("org") and next(
                (o for s, _e, o in self._org_spans if match.start("org") <= s < match.end("org")),
                self._person_named(match.group("org")),
            )
            if owner is not None and match.group("org"):
                record = owner.data.get("record")
                name = record.name if record else owner.data.get("name") or match.group("org")
                venue = f"{venue}, {match.group('campus')}, {name}"
                end = match.end()
            return _fact(venue, match.start("place"), end)
        return None

    def _programme(self, pattern, kind):
        for match in re.finditer(pattern, self.text):
            start, end = match.span("name")
            name = _clean(self.text[start:end])
            record = self._match_programme(name)
            return _fact(name, start, end, record_id=record.pk if record else None, record_name=str(record or ""))
        return None

    def _programme_named(self, *kinds):
        """A programme or initiative on record whose name (or other name) the report writes, the first one named."""
        folded = _normal_dashes(self.text).lower()
        best = None
        for programme in self._programme_records():
            if programme.kind not in kinds:
                continue
            names = [programme.name, *programme.other_names.split(";")]
            for name in (_normal_dashes(n.strip()).lower() for n in names if len(n.split()) >= 2):
                match = re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded)
                if match and (best is None or match.start() < best[0]):
                    best = (match.start(), match.end(), programme)
        if best is None:
            return None
        start, end, programme = best
        return _fact(self.text[start:end], start, end, record_id=programme.pk, record_name=str(programme))

    def _programme_records(self):
        if "_programmes" not in self.__dict__:
            self._programmes = list(self.programmes.order_by("id")[:500])
        return self._programmes

    def _match_programme(self, name):
        key = organisation_key(_normal_dashes(name))
        for programme in self.programmes.order_by("id"):
            names = [programme.name, programme.short_name, *programme.other_names.split(";")]
            if key in {organisation_key(_normal_dashes(n)) for n in names if n.strip()}:
                return programme
        return None

    def _count(self):
        """The reported attendance: a key figure ("Participants: 17 (11 in the room, 6 online)", "Delegates: 28"),
        else the count the text gives, a total or a group that attended before any other; never a year or an
        ordinal ("Year reviewed: 2022", "the 3rd meeting")."""
        figure = re.compile(
            r"^[ \t\u00a0\-•*]*(?:number of |total )?(?:participants|delegates|attendees|attendance|people|persons|"
            r"participants present|people present)(?:\s+(?:at|in|present|attending)\b[^:\n]*)?"
            r"[ ]*(?::|\t)\s*(?P<n>\d{1,5})\b(?!\s*(?:st|nd|rd|th)\b)",
            re.IGNORECASE | re.MULTILINE,
        )
        match = figure.search(self.text, self.layout.mail_end)
        # "Invited (14) · Attended (11)", "Attended: 11": a meeting app's attendance line
        match = match or re.search(r"\b(?i:attended)\s*(?:\((?P<n>\d{1,5})\)|:\s*(?P<m>\d{1,5})\b)", self.text)
        if match and match.group("n") is None:
            return _fact(int(match.group("m")), match.start("m"), match.end("m"))
        if match and not 1900 <= int(match.group("n")) <= 2100:
            return _fact(int(match.group("n")), match.start("n"), match.end("n"))
        numbers = "|".join(_NUMBER_WORDS)
        pattern = re.compile(
            r"\b(?P<lead>in total\s+|a total of\s+|total of\s+|some\s+|about\s+|around\s+|over\s+|more than\s+|"
            r"nearly\s+)?"
            rf"(?P<n>\d{{1,5}}|(?:{numbers})(?:[ -](?:{numbers}))?)[ ]+"
            rf"(?:[a-z]+[ ]+)?{_GROUP_WORDS}\b(?P<tail>[^.;\n]{{0,160}})",
            re.IGNORECASE,
        )
        best = None
        for match in pattern.finditer(self.text, self.layout.mail_end):
            written = match.group("n").lower()
            if written.isdigit() and 1900 <= int(written) <= 2100:
                continue
            value = int(written) if written.isdigit() else sum(_NUMBER_WORDS[w] for w in re.split(r"[\s-]", written))
            said = re.search(r"\b(?:attended|took part|joined|participated|were present)\b", match.group("tail"))
            rank = 2 if "total" in (match.group("lead") or "").lower() else 1 if said else 0
            if best is None or rank > best[0]:
                best = (rank, value, match.start(), match.start("tail"))
        # "Our nine-member delegation was led by …": the delegation, when no total or attendance is said before it.
        member = re.compile(
            rf"\b(?P<n>\d{{1,3}}|(?:{numbers})(?:-(?:{numbers}))?)[ -]member\s+(?:[A-Za-z]+\s+)?delegation\b",
            re.IGNORECASE,
        ).search(self.text, self.layout.mail_end)
        if member and (best is None or best[0] == 0 and member.start() < best[2]):
            written = member.group("n").lower()
            value = int(written) if written.isdigit() else sum(_NUMBER_WORDS[w] for w in written.split("-"))
            return _fact(value, member.start(), member.end())
        if best is None:
            return None
        return _fact(best[1], best[2], best[3])

    def _roles(self, proposal):
        """Hosts (the two sides of "between A and B", "hosted by"), the coordinator ("under the coordination of",
        "coordinated by") and the organisations represented (the list after "representatives from")."""
        roles = {}
        evidence = {}

        ordered = sorted(self._org_spans, key=lambda span: span[0])
        starts = [s for s, _e, _o in ordered]

        def give(span, role, evidence_span, *, first_only=False):
            # The spans starting inside `span`, found by bisection: a bounded look for each phrase that names a role.
            for s, e, org in ordered[bisect.bisect_left(starts, span[0]) : bisect.bisect_right(starts, span[1])]:
                if span[0] <= s and e <= span[1] and org.key not in roles:
                    roles[org.key] = role
                    evidence[org.key] = _span(*evidence_span)
                    if first_only:
                        return

        # A "Coordinated by:" line: each organisation it names.
        for start, end in self.layout.labels.get("coordinator", []):
            give((start, end), WorkshopOrganisation.Role.COORDINATOR.value, (start, end))
        for coordinator in re.finditer(
            r"(?:under the coordination of|coordinated by|facilitated by|organi[sz]ed by|convened by)\s+(?:the\s+)?"
            r"(?P<o>[^.;\n]+?)(?=[.;\n]|,\s+(?-i:[a-z])|\s+(?:and\s+)?(?:co-?hosted|hosted|under|in|on|with)\b)",
            self.masked,
            re.IGNORECASE,
        ):
            give(
                coordinator.span("o"), WorkshopOrganisation.Role.COORDINATOR.value, coordinator.span(), first_only=True
            )
        # "… with the ILO as coordinator", "The ILO coordinated the course".
        for coordinator in re.finditer(
            r"\bwith\s+(?:the\s+)?(?P<o>[A-Z][^.;,\n]{1,80}?)\s+as\s+(?:the\s+)?coordinator\b"
            # (an aside between: "The ILO, through its Country Office, coordinated the …")
            r"|(?:^|(?<=[.\n]\s)|(?<=\n))(?:The\s+)?(?P<p>[A-Z][^.;,\n]{1,80}?)(?:,[^.;,\n]{1,80},)?"
            r"\s+coordinated\s+the\b",
            self.masked,
        ):
            key = "o" if coordinator.group("o") else "p"
            give(
                coordinator.span(key), WorkshopOrganisation.Role.COORDINATOR.value, coordinator.span(), first_only=True
            )
        # A "Host:" line: each organisation it names.
        host_spans = list(self.layout.labels.get("host", []))
        for hosted in re.finditer(
            r"\b(?:co-?hosted|hosted|jointly organi[sz]ed)\s+by\s+(?P<o>[^.;\n]+?)"
            r"(?=[.;\n]|,\s+[a-z]|\s+(?:and\s+)?(?:coordinated|organi[sz]ed|supported|funded|attended|joined|under|in|on)\b)",
            self.masked,
        ):
            # "The third coordination meeting will be held in Siem Reap in May 2024, hosted by SRPTC": a later one.
            sentence = self.masked[max(0, hosted.start() - 200) : hosted.start()].split(".")[-1]
            if re.search(r"\b(?:will|next|shall)\b", sentence):
                continue
            host_spans.append(hosted.span("o"))
        # "… at a ceremony in Haihe Hall on TVI's Beichen campus": whose campus the venue is hosts, if none is said.
        venue = proposal.get("venue")
        if not host_spans and venue and re.search(r"\bcampus\b", venue["value"]):
            owner = venue["value"].rsplit(", ", 1)[-1].casefold()
            host_spans += [
                (m.start, m.end)
                for o in self.organisations
                if (o.data.get("record").name if o.data.get("record") else o.data.get("name") or "").casefold() == owner
                for m in o.mentions[:1]
            ][:1]
        title = proposal.get("title")
        kind = (proposal.get("kind") or {}).get("value")
        sides = None
        if title:
            t_start, t_end = title["evidence"]
            between = re.search(r"\bbetween\s+(?P<o>.+)$", self.text[t_start:t_end], re.IGNORECASE)
            if between and host_spans:
                # "… between A and B", "hosted by A": A hosts; B is the other side, there as a participant.
                sides = (t_start + between.start("o"), t_end)
            elif between:
                host_spans.append((t_start + between.start("o"), t_end))
            elif kind == Workshop.Kind.BILATERAL and not host_spans:
                host_spans.append((t_start, t_end))  # "Joint Review Meeting of A and B …": the two sides
            visit = re.search(r"\b(?:visit|tour)\s+of\s+(?P<x>.+?)\s+to\s+(?P<y>.+)$", self.text[t_start:t_end], re.I)
            # "Study Visit to Ningbo Polytechnic on …": the institute visited hosts.
            visited = re.search(r"\b(?:visit|tour)\s+to\s+(?:the\s+)?(?P<y>.+)$", self.text[t_start:t_end], re.I)
            if visited and not visit and kind == Workshop.Kind.STUDY_VISIT and not host_spans:
                host_spans.append((t_start + visited.start("y"), t_start + visited.end("y")))
            if visit and kind == Workshop.Kind.STUDY_VISIT:
                if not host_spans:
                    host_spans.append((t_start + visit.start("y"), t_start + visit.end("y")))
                x = (t_start + visit.start("x"), t_start + visit.end("x"))
                give(x, WorkshopOrganisation.Role.PARTICIPANT.value, x)
        for start, end in host_spans:
            give((start, end), WorkshopOrganisation.Role.HOST.value, (start, end))
        # No host said: a "Venue:" line naming an organisation ("Meeting Room 2, Lao-German Technical College,
        # Vientiane") names the host.
        for v_start, v_end in self.layout.labels.get("venue", [])[:1]:
            if WorkshopOrganisation.Role.HOST.value not in roles.values():
                give((v_start, v_end), WorkshopOrganisation.Role.HOST.value, (v_start, v_end), first_only=True)
        # … or the room it was held in, said in a sentence: "held in the Seminar Hall of Butwal Technical Institute".
        room = r"(?:(?<![\w\-])[A-Z][\w\-]*+\s+){0,4}(?:Hall|Room|Auditorium|Laboratory|Building|Library),\s"
        if venue and re.match(room, venue["value"]) and WorkshopOrganisation.Role.HOST.value not in roles.values():
            give(tuple(venue["evidence"]), WorkshopOrganisation.Role.HOST.value, venue["evidence"], first_only=True)
        if sides:
            hosts = {org.key for s, e, org in self._org_spans for h_start, h_end in host_spans if h_start <= s < h_end}
            for s, e, org in self._org_spans:
                if sides[0] <= s and e <= sides[1] and org.key not in roles and org.key not in hosts:
                    roles[org.key] = WorkshopOrganisation.Role.PARTICIPANT.value
                    evidence[org.key] = _span(*sides)
        # "24 trainees: ten from POLBAN, six from Politeknik Negeri Jakarta …", "with the trainers provided by WIT".
        numbers = "|".join(_NUMBER_WORDS)
        for came in re.finditer(
            rf"\b(?:\d{{1,3}}|{numbers})\s+(?:[a-z]+\s+)?from\s+(?:the\s+)?(?P<o>[A-Z][^.;,\n]{{1,100}}?)(?=\s+(?:and|in)\b|[.;,\n(])"
            r"|\b(?:trainers|experts|instructors|lecturers)\s+(?:were\s+)?provided\s+by\s+(?P<p>[A-Z][^.;,\n]{1,100}?)(?=[.;,\n(])",
            self.masked,
            re.IGNORECASE,
        ):
            key = "o" if came.group("o") else "p"
            give(came.span(key), WorkshopOrganisation.Role.PARTICIPANT.value, came.span())
        # "… attended in person, including staff of A and the Office of B": A and B took part.
        # "… was attended by 74 guests. They included A, officials of B and …": A and B took part.
        for including in re.finditer(
            r"\b(?:attended|joined|took part|participated)\b[^.;\n]{0,60}?,?\s+including\s+[^.;\n]+"
            r"|\b(?:attended|joined)\s+by\s+[^.;\n]{0,60}\.\s+(?:They|These|Among them,?)\s+(?:included|were)"
            r"\s+[^.;\n]+",
            self.masked,
        ):
            give(including.span(), WorkshopOrganisation.Role.PARTICIPANT.value, including.span())
        # "The participants came from six institutes: A and B; C; and, on the other side, D": the list after the colon.
        for listed in re.finditer(
            rf"\b{_GROUP_WORDS}(?:\s+(?:came|come|had come|were))?\s+from\s+[^.;:\n]{{0,40}}:[^.\n]+", self.masked
        ):
            give(listed.span(), WorkshopOrganisation.Role.PARTICIPANT.value, listed.span())
        for listed in re.finditer(
            rf"\b(?:{_GROUP_WORDS}(?:\s+and\s+{_GROUP_WORDS})?|delegation(?:\s+of\s+[^.;\n]{{0,40}}?)?)"
            r"(?:\s+(?:came|come|had come|were))?\s+from\s+[^.;\n]+?"
            # "… from A and B completed the course at C": C is where, not who ("… joined the meeting, including
            # officials of D": D came too).
            r"(?=\s+(?:also\s+)?(?:completed|finished|visited|toured)\b|[.;\n]|$)"
            r"|\bdelegation\s+of\s+(?:the\s+)?(?=[A-Z])[^.;\n]+",
            self.masked,
            re.IGNORECASE,
        ):
            give(listed.span(), WorkshopOrganisation.Role.PARTICIPANT.value, listed.span())
        # The organisation of a person listed as taking part, with no other role said: a participant ("Mr. …,
        # Instructor, Takeo Provincial Training Centre" in a participants table, a list or a numbered minutes' line).
        listed = self._listed_lines()
        for person in self.people:
            org = person.data["organisation"]
            if org is None or not any(self._within(m.start, listed) for m in person.mentions):
                continue
            if org.key not in roles:
                roles[org.key] = WorkshopOrganisation.Role.PARTICIPANT.value
                evidence[org.key] = _span(person.mentions[0].start, person.mentions[0].end)
        for org in self.organisations:
            org.data["role"] = roles.get(org.key)
            org.data["role_evidence"] = evidence.get(org.key)
        # Project staff without an organisation belong to the coordinating project.
        coordinator_org = next((o for o in self.organisations if o.data["role"] == "coordinator"), None)
        for person in self.people:
            title = (person.data["title"] or {}).get("value", "")
            if coordinator_org and not person.data["organisation"] and re.search(r"\bproject\b", title, re.I):
                person.data["organisation"] = coordinator_org

    def _listed_lines(self):
        """(start, end) of the lines that list who took part: table rows, the lines of a participants section, list
        items and numbered minutes' lines ("1.3 Mr. …, Deputy Director General, …"), label lines ("Chair: Mr. …");
        not the paragraphs of a narrative."""
        lines = [(row.start, row.end) for row in self.layout.rows]
        lines += [
            (i.start, i.end)
            for kind, items in self.layout.sections.items()
            if kind not in {"actions", "decisions", "agenda", "figures"}
            for i in items
            if i.bulleted or i.cells
        ]
        lines += [(i.start, i.end) for i in self.layout.sections.get("participants", [])]
        lines += [span for spans in self.layout.labels.values() for span in spans]
        lines += getattr(self, "_person_lines", [])
        merged = []  # the spans joined where they overlap, in order: one bisection finds the span of a position
        for start, end in sorted(lines):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged

    @staticmethod
    def _within(position, spans):
        """Whether position is inside one of spans (sorted, not overlapping)."""
        i = bisect.bisect_right(spans, (position, float("inf"))) - 1
        return i >= 0 and spans[i][0] <= position < spans[i][1]

    def _quotes(self):
        """(start, end, inner start, inner end) of each quotation; one never closed runs to its paragraph's end."""
        text = self.text
        quotes = []
        position = 0
        while True:
            match = re.compile(r"[“\"]").search(text, position)
            if not match:
                break
            start = match.start()
            closing = "”" if match.group() == "“" else '"'
            paragraph_end = text.find("\n", start)
            paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
            close = text.find(closing, start + 1, paragraph_end)
            end = paragraph_end if close < 0 else close + 1
            inner_start, inner_end = start + 1, end - 1 if close >= 0 else end
            inner_start, inner_end = self._strip_span(inner_start, inner_end)
            if len(text[inner_start:inner_end].split()) >= 4:
                quotes.append((start, end, inner_start, inner_end))
            position = end
        return quotes

    def _statements(self):
        statements = []
        previous = None
        for start, end, inner_start, inner_end in self._quotes():
            speaker = self._speaker(start, end)
            if speaker is None and previous and not self.text[previous[0] : start].count("\n"):
                # "“…,” Mr. Xiang said. “…”": the same speaker goes on.
                between = self.text[previous[0] : start]
                if not self._people_in(previous[0], start) or re.search(rf"{_SPEECH}\W*$", between.strip()):
                    speaker = previous[1]
            previous = (end, speaker)
            quote = self.text[inner_start:inner_end].rstrip(" ,")
            statements.append(
                {
                    "speaker": speaker.key if speaker else None,
                    "text": quote,
                    "is_verbatim": True,
                    "evidence": _span(start, end),
                }
            )
        # Reported speech, not quoted: "Mr. Ahmad Fauzi noted that POLBAN …" is what he said, not his words.
        quotes = self._quotes()
        for start, end in self.sentences():
            if any(q_start < end and start < q_end for q_start, q_end, _i, _j in quotes):
                continue
            reported = re.search(rf"\b{_SPEECH}\s+that\s+(?P<what>[^“”\"]+?)[.]?$", self.masked[start:end])
            people = self._people_in(start, start + (reported.start() if reported else 0))
            head = self.masked[start : people[0][0]] if people else ""
            head = self._subject_head(head)
            if reported and people and not head.strip(" ,"):
                w_start, w_end = start + reported.start("what"), start + reported.end("what")
                statements.append(
                    {
                        "speaker": people[0][2].key,
                        "text": _sentence_case(self.text[w_start:w_end]) + ".",
                        "is_verbatim": False,
                        "evidence": _span(start, end),
                    }
                )
        statements.sort(key=lambda statement: statement["evidence"][0])
        return statements

    @staticmethod
    def _subject_head(head):
        """The words before a sentence's subject without what may lead them: a minutes' item number and its subject
        ("2.3 Industry placements: Mr. …"), a bullet ("* Mr. Duan said …"), a participle ("Speaking for the
        trainees, Mr. … said", "In reply, Ms. … said")."""
        head = re.sub(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?:[A-Z][\w\- ]{2,60}:\s+)?", "", head)
        head = re.sub(r"^\s*[-•*–·▪◦]\s+", "", head)
        participle = r"(?:Speaking|Responding|Replying|Welcoming|Closing|Opening)\b[^,\n]{0,80}|In (?:reply|response)"
        return re.sub(rf"^\s*(?:{participle}),\s*", "", head)

    def _people_in(self, start, end, *, starting=False):
        """The people named inside [start, end); starting=True: whose mention starts there."""
        return [(s, e, p) for s, e, p in self._person_spans if start <= s < end and (starting or e <= end)]

    def _speaker(self, start, end):
        masked = self.masked
        paragraph_start = self.text.rfind("\n", 0, start) + 1
        sentence_start = max(paragraph_start, *(m.end() for m in re.finditer(r"[.!?]\s", masked[:start])), 0)
        before = masked[sentence_start:start]
        if re.search(rf"\b{_SPEECH}(?:\s+that)?\s*[,:]?\s*$", before):
            # "When Dr. Thang asked …, he answered: “…”": he is someone named before; an answer is not the asker's.
            pronoun = re.search(rf"\b(?:he|she)\s+(?:also\s+)?(?P<v>{_SPEECH})(?:\s+that)?\s*[,:]?\s*$", before, re.I)
            if pronoun and re.match(r"answered|replied|responded", pronoun.group("v")):
                askers = {id(p) for _s, _e, p in self._people_in(sentence_start, start)}
                earlier = [p for p in self._person_spans if p[1] <= sentence_start and id(p[2]) not in askers]
                return earlier[-1][2] if earlier else None
            people = self._people_in(sentence_start, start)
            if people:
                return people[0][2]
        # "She said: “…”", "He said that Pu'er had the same problem: “…”": the person the pronoun stands for.
        pronoun = re.match(rf"\s*(?P<p>he|she)\s+(?:also\s+)?{_SPEECH}\b", before, re.IGNORECASE)
        if pronoun and re.search(r"(?:[,:]|\bthat)\s*$", before):
            return self._antecedent(start, pronoun.group("p"))
        after_end = re.search(r"[.!?](?=\s)|\n", masked[end:])
        after_end = end + (after_end.start() if after_end else len(masked) - end)
        after = masked[end:after_end]
        pronoun = re.match(rf"\s*[,.]?\s*(?P<p>he|she|they)\s+(?:also\s+)?{_SPEECH}\b", after, re.IGNORECASE)
        if pronoun:
            return self._antecedent(start, pronoun.group("p"))
        verb = re.search(rf"\s{_SPEECH}\b", after)
        if verb:
            people = self._people_in(end, end + verb.start() + 1)
            if people:
                return people[-1][2]
            # "“…,” said Ms. Chan Sreymom, …": the person right after the verb.
            if re.fullmatch(r"\s*[,.]?\s*", after[: verb.start()]):
                people = self._people_in(end + verb.end(), end + verb.end() + 3, starting=True)
                if people:
                    return people[0][2]
        # "…” Then …": the sentence before the quotation, if it names a speaker and a verb of speech.
        people = self._people_in(sentence_start, start)
        return people[0][2] if people and re.search(rf"\b{_SPEECH}\b", before) else None

    def _antecedent(self, position, pronoun):
        """Whom "he" or "she" before `position` stands for: the subject of the paragraph (the person its first words
        name: "* Mr. Khamla opened the call and recalled the visit of Dr. Yang … “…,” he said"), else the person
        named last; one whose honorific says otherwise ("Ms." for "he") is passed over."""
        other = {"he": {"Ms.", "Mrs.", "Miss", "Madam", "Dame", "Lok Chumteav"}, "she": {"Mr.", "Sir"}}
        other = other.get(pronoun.casefold(), set())
        earlier = [p for s, e, p in self._person_spans if e <= position]
        paragraph_start = self.text.rfind("\n", 0, position) + 1
        lead = re.match(r"\s*(?:[-•*–·▪◦]\s+|\d{1,2}(?:\.\d{1,2})*[.)]?\s+)?", self.text[paragraph_start:position])
        subject = self._people_in(paragraph_start + lead.end(), paragraph_start + lead.end() + 1, starting=True)
        for person in [p for _s, _e, p in subject] + earlier[::-1]:
            if person.data["honorific"] not in other:
                return person
        return None

    _CONTRIBUTION = re.compile(
        r"(?:\s*\([^()]*\))?(?:(?:\s*,[^,]*){1,3},)?\s*(?:said,?\s+(?:he|she)\s+)?(?P<what>(?:also\s+)?(?:introduced|"
        r"presented|congratulated|summari[sz]ed|thanked|welcomed|expressed|shared|opened|closed|(?:co-)?chaired|"
        r"moderated|presided|briefed|proposed|reported|led|guided|explained|gave|delivered|demonstrated|outlined|"
        r"described|offered|recalled|announced|prepared|conducted|facilitated|said|asked|noted|stressed|suggested|informed|confirmed|emphasi[sz]ed)\b.*)$",
        re.DOTALL,
    )
    # When something was done, before who did it: "Monday 14 April: Prof. …", "In the afternoon, Mr. …".
    _WHEN_LEAD = (
        rf"^\s*(?:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b[^:,\n]{{0,25}}|(?:on\s+)?day\s+\d{{1,2}}|"
        rf"in the (?:morning|afternoon|evening)|"
        rf"at the [\w\- ]{{0,30}}?(?:session|meeting|ceremony|opening|closing)|"
        rf"(?:on\s+)?\d{{1,2}}\s+{_MONTHS}\b[^:,\n]{{0,10}})\s*[:,]?\s*"
    )
    # "The technical sessions were led by …", "The course was delivered by …".
    _LED_BY = (
        r"\b(?:sessions?|course|training|workshop|lectures?|classes|demonstrations?|exercises?|modules?)\s+"
        r"(?:was|were)\s+(?:led|delivered|conducted|facilitated|given|run|taught)\s+by\s+"
    )

    def _contribution_verb(self, tail):
        return self._CONTRIBUTION.match(tail)

    def _contributions(self, statements):
        """What each person did, where a sentence has them as its subject: "Mr. Jianjiang Cao, …, congratulated …"."""
        for person in self.people:
            person.data["contribution"] = None
            person.data["role"] = "participant"
        speakers = {s["speaker"] for s in statements if s["speaker"]}
        for start, end in self.sentences():
            people = self._people_in(start, end)
            if not people:
                continue
            # The verb after the people named (a list of subjects), else after the first one and the position
            # beside their name ("Mr. …, Head of …, prepared test pieces while Mr. Gu talked …").
            verb = None
            for tail_start, named in [(people[-1][1], [p for _s, _e, p in people]), (people[0][1], [people[0][2]])]:
                verb = self._contribution_verb(self.masked[tail_start:end])
                if verb:
                    subjects = named
                    break
            if not verb:
                continue
            head = self.masked[start : people[0][0]]
            # "2.3 Industry placements: Mr. …": a minutes' item number and its subject come before the person;
            # "Monday 14 April: Prof. …", "In the afternoon, Mr. …": when it was.
            head = self._subject_head(head)
            head = re.sub(self._WHEN_LEAD, "", head, flags=re.IGNORECASE)
            if (
                head.strip(" ,")
                and not re.fullmatch(r"\s*(?:then|also|finally|next)?,?\s*", head, re.IGNORECASE)
                # "The Principal of SCCFPI Mr. Samath Bou said, he also introduced …"
                and not re.fullmatch(rf"\s*(?:the\s+)?{_TITLE.pattern}(?:\s+of\s+[^,;]+)?\s*", head, re.IGNORECASE)
            ):
                continue
            what_start = tail_start + verb.start("what")
            what = re.sub(r"^also\s+", "", self.text[what_start:end].rstrip("."))
            what = _sentence_case(what)
            what = re.sub(r",?\s+and said(?: that)?\s*[“\"].*$", "", what, flags=re.DOTALL)
            for person in subjects:
                if not person.data["contribution"]:
                    person.data["contribution"] = _fact(what + ".", what_start, end)
                if re.match(r"summari[sz]ed", verb.group("what")):
                    person.data["role"] = "organiser"
                if re.match(r"(?:co-)?chaired|presided|moderated", verb.group("what")):
                    person.data["chaired"] = True
        # "The technical sessions were led by Mr. A, with Ms. B": who led them spoke.
        for led in re.finditer(self._LED_BY, self.masked, re.IGNORECASE):
            sentence_end = re.compile(r"[.!?](?=\s|$)|\n").search(self.masked, led.end())
            stop = sentence_end.start() if sentence_end else len(self.masked)
            for _s, _e, person in self._people_in(led.end(), stop):
                if not person.data["contribution"]:
                    person.data["contribution"] = _fact(
                        _sentence_case(self.text[led.start() : stop]) + ".", led.start(), stop
                    )
        for person in self.people:
            if person.key in speakers or person.data["contribution"] and person.data["role"] != "organiser":
                person.data["role"] = "speaker"
        # The chairs: "Chair: Mr. …", "chaired by Dr. …", "Ms. … (chair)", a table's role column, "Mr. … chaired".
        for start, end in self.layout.labels.get("chair", []):
            for _s, _e, person in self._people_in(start, end + 1, starting=True):
                person.data["chaired"] = True
        for match in re.finditer(r"\b(?:(?:co-)?chaired|presided over|moderated)\s+by\s+", self.masked, re.IGNORECASE):
            for _s, _e, person in self._people_in(match.end(), match.end() + 3, starting=True):
                person.data["chaired"] = True
        for person in self.people:
            listed = person.data.get("listed_role")
            if person.data.get("chaired") or listed == "chair":
                person.data["role"] = Attendance.Role.CHAIR.value
            elif listed and person.data["role"] == "participant":
                person.data["role"] = listed

    def _speakers_organisations(self, venue):
        """The organisation of a person who signed ("The memorandum was signed by A, President of X, and B, Director
        of Y"), or who spoke or chaired, with no role said: it took part. An authority whose official spoke is not
        taken for a party by that alone (a guest of honour's ministry or bureau), nor is the organisation whose
        premises are the venue (it receives the others)."""
        signed = []
        for match in re.finditer(r"\bsigned\s+by\s+", self.masked):
            stop = re.compile(r"[.!?](?=\s|$)|\n").search(self.masked, match.end())
            signed += [p for _s, _e, p in self._people_in(match.end(), stop.start() if stop else len(self.masked))]
        for person in [*signed, *self.people]:
            org = person.data["organisation"]
            if org is None or org.data.get("role") is not None:
                continue
            if venue and any(venue["evidence"][0] <= m.start < venue["evidence"][1] for m in org.mentions):
                continue
            record = org.data.get("record")
            kind = record.kind if record else org.data.get("kind")
            if person in signed or person.data["role"] in {"speaker", "chair"} and kind != "government":
                org.data["role"] = WorkshopOrganisation.Role.PARTICIPANT.value
                org.data["role_evidence"] = _span(person.mentions[0].start, person.mentions[0].end)

    def _topics(self):
        topics = []
        patterns = [
            r"\bdiscuss(?:ed|ing)?\s+(?:about\s+)?(?P<t>[^.;\n“”\"]+)",
            r"\bheld\s+(?:a\s+)?discussions?\s+(?:on|about)\s+(?P<t>[^.;\n“”\"]+)",
            r"\bintroduced\s+(?:about\s+)?(?P<t>[^.;\n“”\"]+)",
            r"\bincluding\s+(?:about\s+)?(?P<t>[^.;\n“”\"]+)",
            r"\b(?:cooperation|exchanges?|focus(?:ed)?)\s+on\s+(?P<t>[^.;\n“”\"]+)",
            r"\b(?i:topics?)\s+(?:was|were|included|covered)\s+(?P<t>[^.;\n“”\"]+)",
            r"\b(?:course|training|programme|program|workshop|sessions?|meeting|discussions?|talks)\s+(?:that\s+|which\s+)?"
            r"(?:covered|addressed)\s+(?P<t>[^.;\n“”\"]+)",
            r"\b(?i:topics?)(?:\s+(?:covered|discussed|included))?\s*:\s*(?P<t>[^.;\n“”\"]+)",
            r"\bsessions?\s+on\s+(?P<t>[^.;\n“”\"]+)",
        ]
        seen = set()
        formal = r"welcome|opening|closing|introductions?|any other business|aob|adoption of the agenda|lunch|break"
        # The items of an agenda, but for its formalities.
        for item in self.layout.sections.get("agenda", []):
            # "00:07  Standards alignment", "09:00–10:15 Opening": a chapter's or an item's time before it
            clock = re.match(r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\s+", item.text)
            if clock:
                item = Line(item.start, item.end, item.text[clock.end() :], item.text_start + clock.end())
            what = self.text[item.text_start : item.end].strip().rstrip(".")
            if item.cells or re.match(rf"(?:{formal})\b", what, re.IGNORECASE) or not 2 <= len(what.split()) <= 10:
                continue
            seen.add(what.casefold())
            topics.append(_fact(_sentence_case(what), item.text_start, item.text_start + len(what)))
        # An agenda written on its label's line: "Agenda: (1) course outline; (2) training facilities; (3) …".
        for line in re.finditer(r"^[ \t]*Agenda[ \t]*:[ \t]*(?=\(?1[.)])(?P<items>[^\n]+)$", self.text, re.M | re.I):
            for item in re.finditer(
                r"(?<!\S)\(?\d{1,2}[.)]\s*(?P<w>[^;(\n]+?)\s*(?=[;.]?\s+\(?\d{1,2}[.)]|[;.]?\s*$)", line["items"]
            ):
                what, w_start = item.group("w"), line.start("items") + item.start("w")
                if re.match(rf"(?:{formal})\b", what, re.I) or not 2 <= len(what.split()) <= 10:
                    continue
                if what.casefold() not in seen:
                    seen.add(what.casefold())
                    topics.append(_fact(_sentence_case(what), w_start, w_start + len(what)))
        # The subjects of a discussion's numbered items: "2.1 Equipment of the skills centre: the benches …".
        for item in self.layout.sections.get("proceedings", []):
            lead = re.match(r"(?P<t>[A-Z][\w\-’' ]{2,80}?):\s+\S", self.text[item.text_start : item.end])
            if not item.bulleted or not lead or self._people_in(item.text_start, item.text_start + lead.end("t")):
                continue
            what = lead.group("t")
            if not 2 <= len(what.split()) <= 8 or what.casefold() in seen:
                continue
            if self._names_an_organisation(item.text_start, what):
                continue
            seen.add(what.casefold())
            topics.append(_fact(_sentence_case(what), item.text_start, item.text_start + len(what)))
        # A course's days: "Day 1 introduced the principles of …", "Day 2 was devoted to X, and Day 3 to the Y",
        # "On Day 4 the trainees worked … on designing …", "Day 5 dealt with X and with the Y".
        subject = r"(?P<t>[^,.;:\n“”\"]+?)(?=\s+(?:and|for|using|with|in order)\b|[,.;:\n]|$)"
        for day in re.finditer(
            rf"\bDay\s+\d{{1,2}}\s+(?:introduced|covered|was devoted to|dealt with|focused on|turned to|to|"
            rf"[^.;\n]{{0,60}}?\bon)\s+(?:the\s+)?{subject}(?:\s+and\s+with\s+(?:the\s+)?(?P<u>[^,.;:\n]+?)(?=[,.;:\n]|$))?",
            self.masked,
        ):
            for key in ("t", "u"):
                if day.group(key) and 2 <= len(day.group(key).split()) <= 8 and day.group(key).casefold() not in seen:
                    seen.add(day.group(key).casefold())
                    topics.append(_fact(_clean(self.text[day.start(key) : day.end(key)]), *day.span(key)))
        topics += self._heading_topics(seen)
        # "The main points discussed in the workshop were:" and the items under it, one topic each.
        head = (
            r"^[^\n]*\b(?:points|issues|topics|subjects|matters|questions)\s+"
            r"(?:discussed|raised|covered|addressed)\b[^\n]*:[ \t]*$"
        )
        topics += self._listed_agenda(seen)
        topics += self._programme_table(seen)
        for lead in re.finditer(head, self.text, re.MULTILINE):
            position = lead.end() + 1
            while item := re.match(
                r"[ \t]*(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?P<w>[^\n]+)\n?", self.text[position:]
            ):
                what = re.sub(r"[;.,]?(?:\s+and)?\s*$", "", item.group("w"))
                w_start = position + item.start("w")
                position += item.end()
                if 1 <= len(what.split()) <= 12 and what.casefold() not in seen:
                    seen.add(what.casefold())
                    topics.append(_fact(what, w_start, w_start + len(what)))
        for pattern in patterns:
            for match in re.finditer(pattern, self.masked):
                start = match.start("t")
                # "we discussed three things: A, B and C": the things are the list after the colon.
                lead = re.match(self._LIST_LEAD, self.masked[start : match.end("t")], re.IGNORECASE)
                start += lead.end() if lead else 0
                # Split where the masked text has a comma: "Co., Ltd." is no list of two.
                masked_phrase = self.masked[start : match.end("t")]
                for masked_item in self._split_topics(masked_phrase):
                    i_start = start + masked_phrase.index(masked_item)
                    item = self.text[i_start : i_start + len(masked_item)]
                    name = self._topic_name(item)
                    if not name or name.casefold() in seen or self._names_an_organisation(i_start, item):
                        continue
                    # "representatives from …", "Mr. …": who was there, not what was discussed.
                    if re.match(rf"{_GROUP_WORDS}\b", name, re.IGNORECASE) or self._people_in(
                        i_start, i_start + len(item)
                    ):
                        continue
                    seen.add(name.casefold())
                    topics.append(_fact(name, i_start, i_start + len(item)))
        topics.sort(key=lambda t: t["evidence"][0])
        return topics

    def _programme_table(self, seen):
        """The sessions of a programme table, found by its header row ("Time | Session | Speaker", "Day | Topic |
        Presenter", in any order): each cell of its session column a topic, but for the formalities, without words
        in another script after it ("Opening ceremony 开幕式")."""
        formal = (
            r"welcome|opening|closing|introductions?|any other business|aob|adoption of the agenda|lunch|break|"
            r"round[- ]?table|registration|tea|coffee|photo"
        )
        facts, column, last_end = [], None, None
        for row in self.layout.rows:
            if column is not None and self.text[last_end : row.start].strip():
                column = None  # the table ended
            last_end = row.end
            heads = [self.text[s:e].strip().casefold() for s, e in row.cells]
            subject = [
                i for i, h in enumerate(heads) if re.fullmatch(r"sessions?|topics?|subjects?|themes?|agenda items?", h)
            ]
            if subject and any(
                re.fullmatch(r"times?|speakers?|presenters?|days?|dates?|moderators?|chairs?", h) for h in heads
            ):
                column = subject[0]
                continue
            if column is None or column >= len(row.cells):
                continue
            c_start, c_end = row.cells[column]
            what = re.match(r"[^\u2e80-\u9fff\uac00-\ud7af]*", self.text[c_start:c_end]).group().strip().rstrip(".")
            if not 2 <= len(what.split()) <= 10 or re.match(rf"(?:{formal})\b", what, re.I) or what.casefold() in seen:
                continue
            seen.add(what.casefold())
            facts.append(_fact(_sentence_case(what), c_start, c_start + len(what)))
        return facts

    def _listed_agenda(self, seen):
        """ "The agenda covered four items:", "The two days were organised in four sessions:" and the list under it,
        bulleted or numbered, or bare short lines (a .docx list loses its numbers): each item but the formalities a
        topic, up to a line of a sentence."""
        formal = r"welcome|opening|closing|introductions?|any other business|aob|adoption of the agenda|lunch|break"
        lead = (
            r"^[^\n]*\b(?:agenda|sessions|(?:agenda )?items|themes|topics)\b(?![^\n]*\b(?:discussed|raised|covered|"
            r"addressed)\b[^\n]*:[ \t]*$)[^\n]*:[ \t]*$"
        )
        facts = []
        headings = {h_start for h_start, _h_end, _kind in self.layout.headings}
        for head in re.finditer(lead, self.text, re.MULTILINE):
            position = head.end() + len(re.match(r"\n*", self.text[head.end() :]).group())
            bare = None
            while line := re.match(r"[ \t]*(?P<b>(?:[-•*–·▪◦]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+)?(?P<w>[^\n]+)\n*",
                                   self.text[position:]):  # fmt: skip
                if position in headings or bare is not None and bare != (line.group("b") is None):
                    break
                bare = line.group("b") is None
                what = line.group("w").strip().rstrip(";,.")
                w_start = position + line.start("w")
                if not 1 <= len(what.split()) <= 10 or re.search(r"[.!?:]\s|[.!?:]$", line.group("w").strip()[:-1]):
                    break
                if line.group("w").strip().endswith(":"):
                    break
                position += line.end()
                ended = not bare and line.group().count("\n") > 1  # a bulleted list ends at a blank line
                if not re.match(rf"(?:{formal})\b", what, re.IGNORECASE) and what.casefold() not in seen:
                    seen.add(what.casefold())
                    facts.append(_fact(_sentence_case(what), w_start, w_start + len(what)))
                if ended:
                    break
        return facts

    _LIST_LEAD = (
        r"(?:the\s+following|(?:the\s+)?(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
        r"(?:\s+main|\s+key)?)?\s*(?:things|points|issues|topics|matters|questions|areas|subjects|items)\s*:\s*"
    )

    def _heading_topics(self, seen):
        """The subjects of a minutes' numbered sections: "3. Solar PV installation curriculum" on a line of its own
        before the paragraphs under it, but for the formalities ("1. Opening", "6. Any other business", "2. Progress
        since the first meeting") and the headings a report of any kind has ("2. Who came", "4. Follow-up")."""
        formal = (
            r"welcome|opening|closing|introductions?|any other business|aob|adoption|lunch|break|progress|review|"
            r"follow[- ]?up|matters arising|background|participa|recommendations?|feedback|conclusions?|"
            r"(?:date|time|venue) (?:and \w+ )?of the next|next meeting|other matters|what|who|how|where|when|why"
        )
        topics = []
        previous = None
        for start, end in self.paragraphs():
            line = self.text[start:end]
            numbered = re.match(r"\s*(?:#+\s*)?\d{1,2}\.?\s+(?=[A-Z])", line)
            if numbered and previous is not None and not re.match(r"\s*(?:#+\s*)?\d{1,2}[.)]?\s", previous):
                what = line[numbered.end() :].strip()
                if (
                    2 <= len(what.split()) <= 8
                    and not re.search(r"[.!?,;:”\"]$", what)
                    and not re.match(rf"(?:{formal})\b", what, re.IGNORECASE)
                    and read_section_kind(what) is None
                    and what.casefold() not in seen
                ):
                    topics.append((start + numbered.end(), what))
            previous = line
        # A heading stands before a paragraph: the last numbered line of a list does not.
        facts = []
        for t_start, what in topics:
            nxt = re.match(r"\n+(?P<p>[^\n]+)", self.text[t_start + len(what) :])
            if nxt and not re.match(r"\s*(?:#+\s*)?\d{1,2}[.)]?\s", nxt.group("p")) and len(nxt.group("p").split()) > 8:
                seen.add(what.casefold())
                facts.append(_fact(_sentence_case(what), t_start, t_start + len(what)))
        return facts

    def _names_an_organisation(self, start, item):
        """Whether a listed item is an organisation's name, "of <country>" after it or not: "staff of Lanna EV
        Service Co., Ltd. of Thailand and the Office of …" lists who came, not what was discussed."""
        lead = re.match(r"(?:the\s+)?", item, re.IGNORECASE).end()
        for s, e, _entity in self._org_spans:
            if s == start + lead:
                rest = self.text[e : start + len(item)]
                beside = re.fullmatch(r"\s*(?:\((?P<a>[^()]+)\)|,?\s*(?:of|in)\s+(?:the\s+)?(?P<b>.+))?\s*", rest)
                return bool(beside) and (not rest.strip() or _is_country(beside.group("a") or beside.group("b") or ""))
        return False

    @staticmethod
    def _split_topics(phrase):
        phrase = re.sub(r"\s+etc_?\.?\s*$|\s+etc\.?\s*$", "", phrase)
        items = []
        parts = re.split(r",\s*|;\s*", phrase)
        for part in parts:
            part = re.sub(r"\s+(?:such as|e\.g\.)\s.*$", "", part)  # "… refrigerants such as ammonia and CO2"
            pieces = re.split(r"\s+and\s+", part)
            # "green skills, teacher mobility and regional skills standards"; "PLC programming and sensor
            # calibration": two topics, where each side is a phrase of its own; "cycles for cold rooms and reefer
            # containers" is one (the words after "and" are a second object of the preposition before).
            least = 2 if len(parts) > 1 and part is parts[-1] or len(parts) == 1 else 3
            objects = (
                len(pieces) == 2
                and re.search(r"\s(?:for|of|in|on|with)\s+(?:the\s+)?[a-z][^A-Z]*$", pieces[0])
                and len(pieces[1].split()) <= 3
                and not re.search(r"\b(?:for|of|in|on|with)\b", pieces[1])
            )
            if len(pieces) == 2 and len(pieces[0].split()) >= least and len(pieces[1].split()) >= 2 and not objects:
                items.extend(pieces)
            else:
                items.append(part)
        # "A, B, and C": the last item without its "and".
        return [re.sub(r"^(?:and|or)\s+", "", i.strip()) for i in items if i.strip()]

    @staticmethod
    def _topic_name(item):
        item = re.sub(
            r"^(?:including\s+)?(?:about|on|the|an?|in more details? of|the details of)\s+",
            "",
            item.strip(),
            flags=re.I,
        )
        if re.match(r"(?:will|would|shall|should|also|and)\b|details? of (?:the )?cooperation$", item, re.I):
            return None
        item = re.sub(r"\s+etc\.?$", "", item)
        words = item.split()
        if len(words) < 2 or len(words) > 10:
            return None
        if re.match(r"(?:the\s+)?(?:cooperation|details?|it|them|this|that)\b", item, re.I) and len(words) < 3:
            return None
        if re.match(r"(?:in more|the details|details of the)\b", item, re.I):
            return None
        if re.search(r"\b(?:at technical level|went well)\b", item):
            return None
        return _sentence_case(item)

    def _outcomes(self):
        """Decisions, consensus and actions: the items under a "Decisions" or "Action points" heading first, then
        the sentences of the text ("Participants agreed that …", "The meeting decided to …", "<Owner> will <do> by
        <date>"). An action is never made from a decision."""
        outcomes, actions = [], []
        quotes = self._quotes()
        for item in self.layout.sections.get("decisions", []):
            what = self.text[item.text_start : item.end].strip().rstrip(".")
            if not what or item.cells:
                continue
            lead = re.match(
                r"(?:it was |the meeting |the parties |participants |both sides )?(?:decided|resolved)\s+(?:that\s+)?",
                what,
                re.IGNORECASE,
            )
            kind = (
                "consensus" if re.search(r"\b(?:agreed|consensus)\b", what, re.IGNORECASE) and not lead else "decision"
            )
            outcomes.append(
                {"kind": kind, "text": _sentence_case(what) + ".", "evidence": _span(item.text_start, item.end)}
            )
        # "Decision: The working group adopted …" (a labelled line under any heading): a decision; "Agreed: …" one
        # agreed.
        labelled = []
        label = (
            r"^[ \t]*(?P<label>Decisions?|Decided|Resolved|Agreed|Agreement|Resolution)[ \t]*:[ \t]*(?P<w>\S[^\n]*)$"
        )
        for line in re.finditer(label, self.text, re.MULTILINE):
            if self.layout.in_section(line.start(), "decisions"):
                continue
            w_start, w_end = line.start("w"), line.end("w")
            what = self.text[w_start:w_end].strip()
            kind = "consensus" if line.group("label").startswith("Agree") else "decision"
            outcomes.append({"kind": kind, "text": _sentence_case(what), "evidence": _span(w_start, w_end)})
            labelled.append((line.start(), w_end))
        # "NBPT and our two colleges agreed that:" and a list: each item is what they agreed.
        agreed = (
            r"^[^\n]*\bagreed(?:\s+(?:that|on the following|as follows?|as following|to the following))?\s*:[ \t]*$"
            # "The following was agreed with DGPT at the closing session:"
            r"|^[^\n]*\bfollowing\s+(?:was|were|points were|items were)\s+agreed\b[^\n:]{0,80}:[ \t]*$"
        )
        for head in re.finditer(agreed, self.text, re.MULTILINE):
            position = head.end() + 1
            while item := re.match(
                r"[ \t]*(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+(?P<w>[^\n]+)\n?", self.text[position:]
            ):
                w_start = position + item.start("w")
                what = item.group("w").strip().rstrip(";.")
                outcomes.append({"kind": "consensus", "text": _sentence_case(what) + ".",
                                 "evidence": _span(w_start, w_start + len(what))})  # fmt: skip
                labelled.append((position, position + item.end()))
                position += item.end()
        # "… and took the following decisions:" and its lines, bulleted or bare (a PDF loses its bullets), up to
        # the next heading, blank line, line ending in a colon or line of no sentence: each line's first sentence
        # is a decision.
        decided = r"^[^\n]*\b(?:took|made|adopted|reached)\s+the\s+following\s+(?:decisions|resolutions)\s*:[ \t]*$"
        headings = {h_start for h_start, _h_end, _kind in self.layout.headings}
        for head in re.finditer(decided, self.text, re.MULTILINE):
            position = head.end() + 1
            while (line := re.match(r"[^\n]*", self.text[position:]).group()).strip():
                if position in headings or line.rstrip().endswith(":"):
                    break
                bullet = re.match(r"[ \t]*(?:(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]+)?", line).end()
                if not re.search(r"[.;]$|[.;]\s", line[bullet:].strip()):  # "4. Other business": a heading, no decision
                    break
                first = re.search(r"\.(?=\s+[A-Z])|$", self.masked[position + bullet : position + len(line)])
                what = line[bullet : bullet + first.start()].strip().rstrip(";.")
                w_start = position + bullet
                outcomes.append({"kind": "decision", "text": _sentence_case(what) + ".",
                                 "evidence": _span(w_start, w_start + len(what))})  # fmt: skip
                labelled.append((position, position + len(line)))
                position += len(line) + 1
        self._outcome_lists(outcomes, labelled)
        labelled.sort()
        listed_actions = set()
        table_rows = self._action_tables(actions)
        listed_actions.update(table_rows)
        columns = None
        previous = None
        for item in self.layout.sections.get("actions", []):
            if item.start in table_rows:
                continue
            if not item.bulleted and previous is not None and self._action_details(item, previous):
                listed_actions.add(item.start)
                continue
            previous = None
            if item.cells:
                # A table of actions: "No. | Action | Responsible | Deadline" and its rows.
                heads = [self.text[s:e].strip().casefold() for s, e in item.cells]
                if any(re.fullmatch(r"(?:actions?|tasks?|activit(?:y|ies)|what)", h) for h in heads):
                    columns = heads
                    continue
                action = self._action_row(item, columns)
                if action:
                    actions.append(action)
                    listed_actions.add(item.start)
                continue
            action = self._action_item(item)
            if action is None and item.bulleted and len(item.text.split()) >= 2 and item.text[:1].isupper():
                # "☐ Send the invitation letters" with its owner and date on the line below it
                nxt = re.match(r"\n[ \t]*(?P<l>[^\n]+)", self.text[item.end :])
                if nxt and re.match(self._DETAIL_LABELS, nxt.group("l"), re.IGNORECASE):
                    what = self.text[item.text_start : item.end].strip().rstrip(".")
                    action = {"title": _sentence_case(what), "owner": None, "due_date": None,
                              "evidence": _span(item.text_start, item.end)}  # fmt: skip
            if action:
                actions.append(action)
                listed_actions.update((item.start, item.text_start))
                previous = action if item.bulleted else None
        subject = (
            r"(?P<who>participants|the participants|the parties|parties|both sides|the two sides|all parties|"
            r"the three|the two institutes|delegates|the delegates|the meeting|the partners|members|the members|"
            r"the working group|the group|they|the (?:[\w-]+ ){0,2}(?:committee|board|council)|"
            r"(?:the|both|all) (?:two |three |participating |partner )?(?:colleges|institutions|institutes|"
            r"organisations|organizations|ministries|delegations|countries)|it)"
        )
        for start, end in self.sentences():
            sentence = self.masked[start:end]
            if any(q_start <= start < q_end for q_start, q_end, _i, _j in quotes):
                continue
            if self.layout.in_section(start, "decisions") or any(s <= start < s + 3 for s in listed_actions):
                continue
            at = bisect.bisect_right(labelled, (start, len(self.text))) - 1  # the labelled line starting before it
            if at >= 0 and start < labelled[at][1]:
                continue
            if re.search(r"\b(?:decided|resolved)\s+(?:to|that)\b", sentence, re.IGNORECASE):
                # "The meeting decided to set up …", "The meeting decided that CIPC will host …": a decision.
                outcomes.append(
                    {"kind": "decision", "text": _sentence_case(self.text[start:end]), "evidence": _span(start, end)}
                )
                continue
            agreed = re.search(
                rf"\b{subject}\s+(?:also\s+)?(?:agreed|reached (?:a )?consensus)\s+(?:in principle\s+)?"
                rf"(?:to|that|on)\s+(?P<what>.+?)"
                rf"(?=\s+and\s+(?:will|would|decided)\b|[.]?$)",
                sentence,
                re.IGNORECASE,
            )
            if agreed:
                c_start = start + agreed.start()
                c_end = start + agreed.end("what")
                outcomes.append(
                    {
                        "kind": "consensus",
                        "text": _sentence_case(self.text[c_start:c_end]) + ".",
                        "evidence": _span(c_start, c_end),
                    }
                )
                if re.match(r"to\b", sentence[agreed.end("who") :].split(" ", 2)[-1]) or " to " in agreed.group(0)[:60]:
                    w_start = start + agreed.start("what")
                    actions.append(self._action(self.text[w_start:c_end], w_start, c_end, None, sentence_end=end))
            decided = re.search(
                rf"(?:\b{subject}\s+|\band\s+)(?:will|would|decided to|resolved to)\s+(?P<what>(?:draft|sign|establish|"
                r"develop|set up|launch|organi[sz]e|hold|conclude|prepare|exchange|send|share|visit|jointly)\b.+?)"
                r"(?=\s+(?:by|before)\s+(?:the\s+end\s+of\s+)?[A-Z0-9]|[.]?$)",
                sentence,
                re.IGNORECASE,
            )
            if decided:
                who = decided.group("who") or (agreed.group("who") if agreed else "The parties")
                d_start = start + decided.start("what")
                d_end = start + decided.end("what")
                text = f"{_sentence_case(who)} will {self.text[d_start:d_end]}."
                outcomes.append({"kind": "decision", "text": text, "evidence": _span(start + decided.start(), d_end)})
                actions.append(self._action(self.text[d_start:d_end], d_start, d_end, None, sentence_end=end))
            # "<Organisation or person> will <do> by <date>": an action with its owner.
            for owned in re.finditer(
                r"(?P<who>(?:(?<![\w.\-])[A-Z][\w.\-]*+\s+){0,8}?(?<![\w.\-])[A-Z][\w\-]*+)\s+will\s+(?P<what>[a-z][^.;]+?)"
                r"(?=,?\s+(?:by|before|not later than|no later than)\s+(?:the\s+end\s+of\s+)?[A-Z0-9]|[.;]|$)",
                sentence,
            ):
                w_start, w_end = start + owned.start("who"), start + owned.end("who")
                owner = self.org_at(w_start, w_end + 1) or next(
                    (p for _s, _e, p in self._people_in(w_start, w_end + 1)), None
                )
                if owner is None and owned.group("who") == "I":
                    owner = self._sender()  # "I will send …" in an e-mail: its sender
                if owner is None or (decided and decided.start("what") <= owned.start("what") < decided.end("what")):
                    continue
                if agreed and agreed.start("what") <= owned.start() < agreed.end("what"):
                    continue  # "… agreed that TVI will train …": what they agreed, not an action
                a_start, a_end = start + owned.start("what"), start + owned.end("what")
                actions.append(self._action(self.text[a_start:a_end], a_start, a_end, owner, sentence_end=end))
            # "Each trainer will deliver a course at their institute by 31 March": an action of no one party, due.
            for each in re.finditer(
                r"(?:^|,\s+|\band\s+)(?:each|every|all(?: the)?)\s+[a-z]+\s+will\s+(?P<what>[a-z][^.;]+?)"
                r"(?=,?\s+(?:by|before|not later than|no later than)\s+(?:the\s+end\s+of\s+)?[A-Z0-9])",
                sentence,
                re.IGNORECASE,
            ):
                if agreed and agreed.start("what") <= each.start() < agreed.end("what"):
                    continue
                a_start, a_end = start + each.start("what"), start + each.end("what")
                actions.append(self._action(self.text[a_start:a_end], a_start, a_end, None, sentence_end=end))
        return outcomes, actions

    def _outcome_lists(self, outcomes, labelled):
        """ "At the end the two colleges reached consensus on three points:", "The meeting agreed:", "Decisions of
        the Steering Committee:" (a line's last sentence) and the sentences under it on lines of their own, without
        bullets (a .docx or web page's list loses them): each one agreed or decided, up to a line of no sentence."""
        lead = (
            r"(?:^|(?<=[.!?”\"] ))[^\n.!?:]{0,160}\b(?P<k>agreed|consensus|decisions?|resolutions?)\b"
            r"[^\n.!?:]{0,80}:[ \t]*$"
        )
        taken = {o["evidence"][0] for o in outcomes}
        for head in re.finditer(lead, self.text, re.MULTILINE | re.IGNORECASE):
            kind = "consensus" if head.group("k").lower() in ("agreed", "consensus") else "decision"
            position = head.end()
            while line := re.match(r"\n+(?P<w>[^\n]+)", self.text[position:]):
                what = line.group("w").strip()
                w_start = position + line.start("w") + len(line.group("w")) - len(line.group("w").lstrip())
                if _BULLET_START.match(line.group("w")) or len(what.split()) < 4 or not what.endswith("."):
                    break
                if re.search(r"\.\s+[A-Z]", self.masked[w_start : w_start + len(what)]):
                    break  # a paragraph of sentences, no list item
                position += line.end()
                if w_start in taken:
                    continue
                outcomes.append({"kind": kind, "text": _sentence_case(what.rstrip(".")) + ".",
                                 "evidence": _span(w_start, w_start + len(what) - 1)})  # fmt: skip
                labelled.append((w_start, w_start + len(what)))
                if (head.start(), head.end()) not in labelled:
                    labelled.append((head.start(), head.end()))  # the lead is no outcome of its own

    def _action_item(self, item):
        """An action from an "Action points" line: "Draft the syllabus — Ms. Chenda Keo — 31 August 2023", "Send
        the list – Politeknik Negeri Bandung, by 31 October 2023", "Circulate the minutes (owner: OVEC, due: 8
        December 2023)". A line of the form "<Owner> will <do> by <date>" is left to the sentences."""
        start, end = item.text_start, item.end
        masked = self.masked[start:end]
        parts = []
        note = re.search(r"\((?P<n>[^()]*\b(?:owner|due|responsible|by|deadline)\b[^()]*)\)\s*\.?\s*$", masked, re.I)
        head_end = note.start() if note else len(masked)
        position = 0
        for sep in re.finditer(r"\s+[—–]\s+|\s+-\s+|,\s+(?=(?:by|before|due)\b)", masked[:head_end]):
            parts.append((position, sep.start()))
            position = sep.end()
        parts.append((position, head_end))
        if note:
            for piece in re.finditer(r"[^,;]+", note.group("n")):
                parts.append((note.start("n") + piece.start(), note.start("n") + piece.end()))
        if len(parts) < 2:
            # "Next video call in mid-June, I will send a poll for the date.": the item the writer's to arrange.
            mine = re.match(r"(?P<what>[A-Z][^,;]{3,80}),\s+I\s+will\s+[a-z]", masked)
            if item.bulleted and mine and (writer := self._sender()):
                w_end = start + mine.end("what")
                return {"title": _sentence_case(self.text[start:w_end]), "owner": writer.key, "due_date": None,
                        "evidence": _span(start, w_end)}  # fmt: skip
            return None
        if len(parts) > 2 and re.match(r"\s*[a-z]", masked[parts[1][0] : parts[1][1]]):
            # "YAVTC (Ms. Zhou) - send the draft syllabus - by 23 May 2025", "Me - check with PESS - by …": the
            # owner first, then what they are to do, in lower case.
            o_start, o_end = start + parts[0][0], start + parts[0][1]
            if not _DATE.search(self.text[o_start:o_end]) and len(self.text[o_start:o_end].split()) <= 6:
                owner = self._owner_in(o_start, o_end)
                if owner is not None:
                    t_start, t_end = start + parts[1][0], start + parts[1][1]
                    due = next((self._due(d.group()) for p_s, p_e in parts[2:]
                                if (d := _DATE.search(self.text[start + p_s : start + p_e]))), None)  # fmt: skip
                    title = self.text[t_start:t_end].strip().rstrip(".")
                    return {"title": _sentence_case(title), "owner": owner.key, "due_date": due,
                            "evidence": _span(o_start, start + parts[-1][1])}  # fmt: skip
        t_start, t_end = start + parts[0][0], start + parts[0][1]
        title = self.text[t_start:t_end].strip().rstrip(".")
        # "Ms. Liu will arrange …, by 31 December 2024": an owner and what they will do, read as a sentence.
        will = re.match(r"(?P<who>.+?)\s+will\s+[a-z]", self.masked[t_start:t_end])
        if will and (
            self._people_in(t_start, t_start + will.end("who") + 1)
            or self.org_at(t_start, t_start + will.end("who") + 1)
        ):
            return None
        owner, due, evidence_end = None, None, t_end
        for p_start, p_end in parts[1:]:
            piece_start, piece_end = start + p_start, start + p_end
            piece = self.text[piece_start:piece_end]
            bare = re.sub(r"^\s*(?:owner|responsible|by|before|due(?: date)?|deadline)\s*:?\s*", "", piece, flags=re.I)
            date = _DATE.search(bare)
            if date and due is None:
                due = self._due(date.group())
            elif owner is None:
                owner = self._owner_in(piece_start + len(piece) - len(bare), piece_end)  # after "owner:"
            evidence_end = piece_end
        return {"title": _sentence_case(title), "owner": owner.key if owner else None, "due_date": due,
                "evidence": _span(t_start, evidence_end)}  # fmt: skip

    # The labels of an action's owner and date, written on a line of their own under it ("Assigned to: Kim Lee ·
    # Due: Fri, Jul 4", "Owner: YTC; Deadline: 30 May").
    _DETAIL_LABELS = (
        r"[ \t]*(?:assigned to|owners?|responsible(?: persons?)?|lead|focal point|due(?: date)?|deadline|by when)\s*:"
    )

    def _action_details(self, item, action):
        """Fills the owner and due date of the action above from a line of labelled details under it."""
        line = self.text[item.text_start : item.end]
        if not re.match(self._DETAIL_LABELS, line, re.IGNORECASE):
            return False
        for part in re.finditer(r"(?P<label>[A-Za-z][A-Za-z ]{1,25}?)\s*:\s*(?P<v>[^·|;\t]+?)\s*(?=[·|;\t]|$)", line):
            label, v_start, v_end = (
                part.group("label").casefold(),
                item.text_start + part.start("v"),
                item.text_start + part.end("v"),
            )
            if re.search(r"due|deadline|when", label):
                action["due_date"] = action["due_date"] or self._due_any(self.text[v_start:v_end])
            elif action["owner"] is None and (owner := self._owner_in(v_start, v_end)) is not None:
                action["owner"] = owner.key
        action["evidence"] = _span(action["evidence"][0], item.end)
        return True

    def _due_any(self, written):
        """The date a due date cell or part gives: with its year, or without it ("Jul 15", "Fri, 4 July"), the first
        such day after the meeting's date."""
        date = _DATE.search(written)
        if date:
            return self._due(date.group())
        day = re.search(
            rf"\b(?:{_MONTHS}\.?\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS})\b(?!\s*\d)", written
        )
        return self._due_in_meeting_year(day.group()) if day else None

    def _action_tables(self, actions):
        """The actions of every table whose header row names an action column and its owner or deadline ("No. |
        Action | Responsible | Due date | Status", in any order), under any heading: the starts of their rows."""
        rows = set()
        columns = None
        last_end = None
        for item in self.layout.rows:
            if columns is not None and (last_end is None or self.text[last_end : item.start].strip()):
                columns = None  # the table ended
            last_end = item.end
            heads = [self.text[s:e].strip().casefold() for s, e in item.cells]
            if any(re.fullmatch(self._ACTION_HEAD, h) for h in heads) and any(
                re.search(r"responsib|owner|lead|who|focal|assigned|deadline|due|by when|timeline", h) for h in heads
            ):
                columns = heads
                rows.add(item.start)
                continue
            if columns is None:
                continue
            rows.add(item.start)
            action = self._action_row(item, columns)
            if action:
                actions.append(action)
        return rows

    _ACTION_HEAD = (
        r"(?:(?:follow[- ]up |agreed )?actions?(?: (?:points?|items?|agreed|to be taken))?|tasks?|"
        r"activit(?:y|ies)|what)"
    )

    def _action_row(self, item, columns):
        """An action from a row of an actions table: its columns named by the header row (Action, Responsible,
        Deadline), or else the first cell of words the action, a date the deadline and another cell the owner. An
        owner "YTC (Ms. Duan)" is the person in brackets."""
        title = owner = due = None
        t_span = None
        for i, (c_start, c_end) in enumerate(item.cells):
            cell = self.text[c_start:c_end].strip()
            head = columns[i] if columns and i < len(columns) else ""
            if not cell or re.fullmatch(r"\d{1,3}\.?", cell):
                continue
            date = _DATE.search(cell)
            if re.search(r"deadline|due|date|by when|timeline", head) or not head and date and title:
                due = self._due_any(cell)
            elif re.search(r"responsib|owner|lead|who|focal", head) or not head and title and owner is None:
                owner = self._owner_in(c_start, c_end)
            elif title is None and (re.search(r"action|task|activit|what", head) or not head):
                title, t_span = cell.rstrip("."), (c_start, c_end)
        if title is None:
            return None
        return {"title": _sentence_case(title), "owner": owner.key if owner else None, "due_date": due,
                "evidence": _span(t_span[0], item.end)}  # fmt: skip

    def _owner_in(self, start, end):
        """The owner an action's owner cell or part names: a person of the report in it, the person in its brackets
        ("YTC (Ms. Duan)", "CTVC (Ms. Vanida)": by family or given name), an organisation, the writer ("Me"), or
        the one person whose title it is ("Secretary")."""
        cell = self.text[start:end].strip()
        people = self._people_in(start, end + 1)
        inner = re.search(r"\((?P<p>[^()]+)\)", cell)
        if not people and inner:
            people = [(0, 0, p) for p in [self._person_named(inner.group("p"))] if p is not None]
            if not people:
                word = re.sub(rf"^(?:{_HONORIFIC_RE})\s+", "", inner.group("p")).strip().casefold()
                for part in ("family_name", "given_name"):
                    named = [p for p in self.people if p.data[part].casefold() == word]
                    if named:
                        people = [(0, 0, named[0])] if len(named) == 1 else []
                        break
        if not people:
            # "Ing. Quispe (ITSU)", "F. Haque, ILO": the one person of that family name, before the brackets or comma
            lead = re.match(r"(?:[A-Z][a-z]{0,4}\.\s*)*(?P<w>[^\W\d_][\w'’-]+)\s*(?:[,(]|$)", cell)
            word = lead.group("w").casefold() if lead else ""
            named = [p for p in self.people if p.data["family_name"].casefold().split(" ")[0] == word]
            if len(named) == 1:
                return named[0]
        if people:
            return people[0][2]
        # "Office of the Principal, KTTC": the organisation, not its unit
        orgs = [o for s, e, o in self._org_spans if start <= s and e <= end + 1]
        org = next((o for o in orgs if not self._is_unit(o.mentions[0].text)), orgs[0] if orgs else None)
        owner = org or self._person_named(cell) or self._writer(cell)
        initials = re.fullmatch(rf"(?:(?:{_HONORIFIC_RE})\s+)?(?P<i>(?:[A-Z]\.\s*)+)(?P<f>{_NAME_WORD})\.?", cell)
        if owner is None and initials:  # "Mr. J. K. Langat": the one person of that family name and first initial
            named = [p for p in self.people if p.data["family_name"] == initials.group("f")
                     and p.data["given_name"][:1] == initials.group("i")[0]]  # fmt: skip
            owner = named[0] if len(named) == 1 else None
        if owner is None and re.fullmatch(r"(?:the\s+)?[A-Z][\w -]{2,40}", cell):
            said = re.sub(r"^the\s+", "", cell, flags=re.I).casefold()
            titled = [p for p in self.people if ((p.data.get("title") or {}).get("value") or "").casefold() == said
                      or said in p.data.get("parts", ())]  # fmt: skip
            owner = titled[0] if len(titled) == 1 else None
        return owner

    def _person_named(self, written):
        """The person or organisation of this report a bare name means ("Mr. Liu Bo" → the Liu Bo named before)."""
        tokens = name_tokens(re.sub(rf"^(?:{_HONORIFIC_RE})\s+", "", _clean(written).rstrip(".")))
        for person in self.people:
            if tokens and name_tokens(f"{person.data['given_name']} {person.data['family_name']}") == tokens:
                return person
        key = organisation_key(_clean(written).rstrip("."))
        for org in self.organisations:
            if key and any(organisation_key(m.text) == key for m in org.mentions):
                return org
        return None

    def _writer(self, written):
        """The writer of an e-mail, where an owner is written "myself" or "me": the person its From line names."""
        if not re.fullmatch(r"\s*(?:myself|me|I)\s*\.?", written, re.IGNORECASE) or "from" not in self.layout.mail:
            return None
        start, end = self.layout.mail["from"]
        return self._person_named(re.sub(r"<[^<>]*>|\([^()]*\)|\"", "", self.text[start:end]))

    @staticmethod
    def _due(written):
        import dateparser

        parsed = dateparser.parse(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", written), languages=["en"])
        return parsed.date().isoformat() if parsed else None

    def _month_end(self, written):
        """The last day of the month of "the end of May 2024"; of "the end of May", the month's next end on or after
        the meeting's date (its year, else the next one)."""
        import calendar

        import dateparser

        month = re.search(rf"{_MONTHS}\b(?:\s+(?P<y>\d{{4}}))?$", written)
        meeting = (self.__dict__.get("meeting_date") or {}).get("value")
        year = int(month.group("y")) if month.group("y") else int(meeting[:4]) if meeting else None
        if year is None:
            return None
        parsed = dateparser.parse(f"1 {month.group().split()[0]} {year}", languages=["en"])
        if parsed is None:
            return None
        if not month.group("y") and parsed.date().isoformat()[:7] < meeting[:7]:
            parsed = parsed.replace(year=year + 1)
        last = calendar.monthrange(parsed.year, parsed.month)[1]
        return parsed.date().replace(day=last).isoformat()

    def _sender(self):
        """The person of this report who sent its e-mail ("From: Cruz, Ramon T. <…>"), if one of its people."""
        if "from" not in self.layout.mail:
            return None
        written = set(re.findall(r"[^\W\d_]+", self.text[slice(*self.layout.mail["from"])].split("<")[0].casefold()))
        named = [p for p in self.people if p.data["family_name"].casefold() in written]
        return named[0] if len(named) == 1 else None

    def _due_in_meeting_year(self, written):
        """A due date written without its year ("by 15 March"): the first such day after the meeting's date."""
        import dateparser

        meeting = self._date()
        if not meeting:
            return None
        from datetime import date, datetime

        base = datetime.combine(date.fromisoformat(meeting["value"]), datetime.min.time())
        parsed = dateparser.parse(
            written, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
        )
        return parsed.date().isoformat() if parsed else None

    def _action(self, what, start, end, owner, *, sentence_end):
        import dateparser

        due = None
        tail = self.text[end:sentence_end]
        by = re.match(r",?\s+(?:by|before|not later than|no later than)\s+(?P<d>[^.;]+)", tail)
        month_end = by and re.match(rf"(?:the\s+)?end\s+of\s+{_MONTHS}\b(?:\s+\d{{4}})?", by.group("d"))
        if month_end and (due := self._month_end(month_end.group())):
            end = end + by.start("d") + month_end.end()
        elif by and (date := _DATE.search(by.group("d"))):
            parsed = dateparser.parse(re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", date.group()), languages=["en"])
            if parsed:
                due = parsed.date().isoformat()
                end = end + by.end()
        elif by and (day := re.match(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTHS})\b", by.group("d"))):
            due = self._due_in_meeting_year(day.group())
            end = end + by.end()
        return {
            "title": _sentence_case(what),
            "owner": owner.key if owner else None,
            "due_date": due,
            "evidence": _span(start, end),
        }

    def _summary(self, body_start):
        paragraphs = [(s, e) for s, e in self.paragraphs() if s >= body_start]
        if not paragraphs:
            return None, None
        s, e = paragraphs[0]
        summary = _fact(self.text[s:e].strip(), s, e)
        minutes = None
        if len(paragraphs) > 1:
            m_start, m_end = paragraphs[1][0], paragraphs[-1][1]
            minutes = _fact(self.text[m_start:m_end].strip(), m_start, m_end)
        return summary, minutes

    # -- output -----------------------------------------------------------------------------------------------
    def _entity_dict(self, entity):
        mentions = [
            {"text": m.text, "evidence": _span(m.start, m.end), **({"match": m.match} if hasattr(m, "match") else {})}
            for m in entity.mentions
        ]
        if entity.kind == "organisation":
            record = entity.data.get("record")
            name = record.name if record else entity.data.get("name") or entity.mentions[0].text
            short = record.short_name if record else entity.data.get("short_name", "")
            if not record and not entity.data.get("name"):
                name, short = short or name, short
            return {
                "key": entity.key,
                "name": name,
                "short_name": short,
                "written": entity.mentions[0].text,
                "kind": record.kind if record else entity.data.get("kind", "other"),
                "country": str(record.country or "") if record else entity.data.get("country", ""),
                "role": entity.data.get("role"),
                "role_evidence": entity.data.get("role_evidence"),
                "mentions": mentions,
                "match": entity.match,
            }
        data = entity.data
        org = data["organisation"]
        return {
            "key": entity.key,
            "honorific": data["honorific"],
            "given_name": data["given_name"],
            "family_name": data["family_name"],
            "name_order": data["name_order"],
            "name": (
                f"{data['family_name']} {data['given_name']}"
                if data["name_order"] == Person.NameOrder.FAMILY_FIRST
                else f"{data['given_name']} {data['family_name']}"
            ),
            "title": data["title"],
            "organisation": org.key if org else None,
            "role": data.get("role", "participant"),
            "contribution": data.get("contribution"),
            "mentions": mentions,
            "match": entity.match,
        }


def person_parts(written, *, text):
    """The parts of a person's name as the report writes it, by the one name rule, with the report's text as the
    evidence of the name's order ("Mr. Xiang said")."""
    parts = split_name(written, evidence=text)
    return {key: parts[key] for key in ("honorific", "given_name", "family_name", "name_order", "name_local", "sure")}


calls = 0  # readings by read_report in this process: a test counts them ("Accept" reads nothing again)


def person_match(index, data):
    """A proposed person's match among the records (the people finder's answer for their name, at most 5): on
    record, by another name, a choice between several, or new. The Chinese reader (zh.py) uses it too."""
    matches = index.match(f"{data['given_name']} {data['family_name']}", limit=5)
    if not matches:
        return {"status": "new", "record_id": None, "matched_on": "", "candidates": []}
    best = matches[0]
    exact = [m for m in matches if m.is_exact]
    if len(exact) > 1 or not exact and len(matches) > 1:
        status = "choice"
    elif best.is_exact and name_tokens(best.matched_on) == name_tokens(best.record.full_name):
        status = "on_record"
    else:
        status = "other_name"
    return {
        "status": status,
        "record_id": best.record.pk if status != "choice" else None,
        "matched_on": best.matched_on,
        "candidates": [
            {"id": m.record.pk, "label": m.record.full_name, "score": m.score, "matched_on": m.matched_on}
            for m in matches
        ],
    }


def read_report(text, *, name="", cut=0, user=None):
    """The proposed workshop record of a report's text: a JSON-ready dict (see reports.schema.PROPOSAL_SCHEMA).

    A report naming more than limits.MAX_PEOPLE people is read up to the line or sentence naming the next one;
    proposal["cut"] says what was left out: "characters", the length of the text before the form cut it to
    limits.MAX_CHARS (`cut`, 0 if it was not), and "people", how many the whole text names (0 if not cut).
    With a `user` (a page), the programme and initiative are matched among the user's programmes only."""
    global calls
    calls += 1
    from . import zh  # a report in Chinese is read by its own rules (reports/zh.py), into the same proposal

    text = normalise_text(text)
    chinese = zh.is_chinese(text)
    text, named = within_people_cap(text, zh.NAMED if chinese else _PERSON)
    proposal = zh.read_chinese(text, name=name) if chinese else Reader(text, name=name, user=user).read()
    proposal["cut"] = {"characters": cut, "people": named}
    return proposal


def within_people_cap(text, pattern):
    """(text, people named) where text is cut before the line or sentence naming the limits.MAX_PEOPLE + 1st person
    (by `pattern`'s last group, one pass over the text) and people named is how many it names in all; (text, 0)
    when it names no more than the cap. The names looked up, and the rows of the review page, stay bounded."""
    from .limits import MAX_PEOPLE

    seen = set()
    stop = None
    for match in pattern.finditer(text):
        seen.add(" ".join(match.group(match.lastgroup).split()))  # the name: the last group of the pattern
        if len(seen) > MAX_PEOPLE and stop is None:
            stop = max(text.rfind("\n", 0, match.start()), text.rfind(". ", 0, match.start()) + 1, 0)
    if stop is None:
        return text, 0
    return text[:stop].rstrip(), len(seen)
