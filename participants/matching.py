"""Find existing people and organisations for a name someone typed, before a duplicate is created.

A name is reduced to comparable tokens: accents and honorifics dropped, Chinese characters turned into pinyin
(family name first, as Chinese names are written), hyphens inside given names joined ("Zhen-yun" = "Zhenyun").
Two names match when their tokens pair up one to one, in any order, each pair at least TOKEN_SIMILARITY alike.
Requiring *every* token to pair up is what keeps "Jianbin Chen" and "Jiangang Chen" apart: sharing a family name
is not enough.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import permutations

from django.db.models import Prefetch
from pypinyin import lazy_pinyin
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
PARTIAL = 50  # one name in common, offered but never taken as a match

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


class PeopleIndex:
    """Every person's comparable names, read once, so that many names (an attendance import) can be matched without
    a query or a scan of everyone per name. Only names sharing the first two letters of a token are compared."""

    def __init__(self, queryset=None):
        queryset = queryset if queryset is not None else Person.objects.all()
        self._by_email = defaultdict(list)
        self._by_key = defaultdict(list)
        self._names = []  # (person, name, tokens), each person's names in person_names order
        for person in queryset.prefetch_related("aliases"):
            if person.email:
                self._by_email[person.email.strip().lower()].append(person)
            for name in person_names(person):
                tokens = name_tokens(name)
                if tokens:
                    entry = len(self._names)
                    self._names.append((person, name, tokens))
                    for key in {token[:2] for token in tokens}:
                        self._by_key[key].append(entry)

    def match(self, text, *, email="", limit=5):
        """Existing people who may be the person typed, best first. An email that matches is an exact match."""
        query = name_tokens(text)
        email = (email or "").strip().lower()
        best = {}
        for person in self._by_email.get(email, []) if email else []:
            best[person.pk] = Match(person, EXACT, person.email)
        by_email = set(best)
        candidates = set()
        for key in {token[:2] for token in query}:
            candidates.update(self._by_key.get(key, ()))
        for entry in sorted(candidates):
            person, name, tokens = self._names[entry]
            if person.pk in by_email:
                continue
            score = tokens_similarity(query, tokens)
            current = best.get(person.pk)
            if score >= TOKEN_SIMILARITY and (current is None or score > current.score):
                best[person.pk] = Match(person, score, name)
        return _best_first(best.values())[:limit]

    def sharing_a_name(self, text, *, limit=5):
        """People who have the one name typed ("Mr. Chen") among their names. Never a match on its own (there are two
        Mr. Chens), but the people to offer when a report gives only a family name."""
        query = name_tokens(text)
        if len(query) != 1:
            return []
        found = {}
        for entry in self._by_key.get(query[0][:2], ()):
            person, name, tokens = self._names[entry]
            if query[0] in tokens:
                found.setdefault(person.pk, Match(person, PARTIAL, name))
        return _best_first(found.values())[:limit]


def _best_first(matches):
    return sorted(matches, key=lambda m: (-m.score, m.record.full_name, m.record.pk))


def match_people(text, *, email="", queryset=None, limit=5):
    """Existing people who may be the person typed, best first. An email that matches is an exact match."""
    if not name_tokens(text) and not (email or "").strip():
        return []
    return PeopleIndex(queryset).match(text, email=email, limit=limit)


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
