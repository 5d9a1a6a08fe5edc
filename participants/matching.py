"""Find existing people and organisations for a name someone typed, before a duplicate is created.

A name is reduced to comparable tokens: accents and honorifics dropped, Chinese characters turned into pinyin
(family name first, as Chinese names are written), hyphens inside given names joined ("Zhen-yun" = "Zhenyun").
Two names match when their tokens pair up one to one, in any order, each pair at least TOKEN_SIMILARITY alike.
Requiring *every* token to pair up is what keeps "Jianbin Chen" and "Jiangang Chen" apart: sharing a family name
is not enough.
"""

import re
import unicodedata
from dataclasses import dataclass
from itertools import permutations

from django.db.models import Prefetch
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from institutes.models import Organisation

from .models import Person

HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "he",
    "sir",
    "madam",
    "dame",
    "eng",
    "ir",
    "lok",
    "lok chumteav",
    "oknha",
    "先生",
    "女士",
    "博士",
    "教授",
}
TOKEN_SIMILARITY = 85
ORGANISATION_NAME_SIMILARITY = 90
EXACT = 100

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LEGAL_FORMS = re.compile(r"\b(co|ltd|limited|inc|llc|company|the|of|and)\b")


@dataclass(frozen=True)
class Match:
    record: object
    score: int
    matched_on: str

    @property
    def is_exact(self):
        return self.score == EXACT


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_tokens(text):
    """The comparable tokens of a person's name, as a sorted tuple."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return ()
    for honorific in ("先生", "女士", "博士", "教授"):
        text = text.replace(honorific, " ")
    if _CJK.search(text):
        chars = [ch for ch in text if _CJK.match(ch)]
        if chars:
            # Imported here, on the first Chinese name: pypinyin's dictionaries take ~90 MB of every process that
            # imports it, and most requests never need them.
            from pypinyin import lazy_pinyin

            syllables = lazy_pinyin("".join(chars))
            # Chinese names are written family name first: one character, the rest is the given name.
            return tuple(sorted(t for t in (syllables[0], "".join(syllables[1:])) if t))
    text = _strip_accents(text).lower()
    text = re.sub(r"(?<=\w)[-‐'’](?=\w)", "", text)
    words = [w for w in re.split(r"[^\w]+", text) if w]
    return tuple(sorted(w for w in words if w not in HONORIFICS))


def tokens_similarity(left, right):
    """0–100: how well two token tuples pair up one to one; the weakest pair decides."""
    if not left or not right or len(left) != len(right):
        return 0
    if left == right:
        return EXACT
    best = 0
    for ordering in permutations(right):
        weakest = min(fuzz.ratio(a, b) for a, b in zip(left, ordering, strict=True))
        best = max(best, weakest)
    return int(best)


def person_names(person):
    """Every name a person is known by: both Latin orders, own script, other names."""
    names = [person.full_name, f"{person.family_name} {person.given_name}", person.name_local]
    names += sorted(alias.name for alias in person.aliases.all())
    # In a fixed order, so that of two equally good names the same one is reported each time.
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))


def match_people(text, *, email="", queryset=None, limit=5):
    """Existing people who may be the person typed, best first. An email that matches is an exact match."""
    query = name_tokens(text)
    email = (email or "").strip().lower()
    if not query and not email:
        return []
    queryset = queryset if queryset is not None else Person.objects.all()
    matches = []
    for person in queryset.prefetch_related("aliases"):
        if email and person.email and person.email.lower() == email:
            matches.append(Match(person, EXACT, person.email))
            continue
        best = None
        for name in person_names(person):
            score = tokens_similarity(query, name_tokens(name))
            if score >= TOKEN_SIMILARITY and (best is None or score > best.score):
                best = Match(person, score, name)
        if best:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.record.full_name, m.record.pk))
    return matches[:limit]


def organisation_key(text):
    text = _strip_accents(unicodedata.normalize("NFKC", text or "")).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())


def _is_acronym(text):
    return " " not in text.strip() and len(text.strip()) <= 12


def organisation_similarity(typed, known):
    """0–100 for a typed organisation name against one known name, short name or alias."""
    a, b = organisation_key(typed), organisation_key(known)
    if not a or not b:
        return 0
    if a == b:
        return EXACT
    if _is_acronym(a) and _is_acronym(b):
        # One wrong letter in an acronym of four or more ("SCCFPI" for PCCFPI, "SSES" for SSEZ).
        if min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) == 1:
            return 90
        return 0
    if _is_acronym(a) != _is_acronym(b):
        return 0
    return int(fuzz.token_sort_ratio(a, b))


def organisation_names(organisation):
    names = [organisation.name, organisation.short_name, organisation.name_local]
    names += sorted(alias.name for alias in organisation.aliases.all())
    return list(dict.fromkeys(n for n in names if n))


def match_organisations(text, *, queryset=None, limit=5):
    if not organisation_key(text):
        return []
    queryset = queryset if queryset is not None else Organisation.objects.all()
    matches = []
    for organisation in queryset.prefetch_related(Prefetch("aliases")):
        best = None
        for name in organisation_names(organisation):
            score = organisation_similarity(text, name)
            if score >= ORGANISATION_NAME_SIMILARITY and (best is None or score > best.score):
                best = Match(organisation, score, name)
        if best:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.record.name, m.record.pk))
    return matches[:limit]
