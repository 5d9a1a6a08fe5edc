"""Find existing people for a name someone typed, before a duplicate is created.

A name is reduced to comparable tokens: accents and honorifics dropped, Chinese characters turned into pinyin
(family name first, as Chinese names are written), hyphens inside given names joined ("Zhen-yun" = "Zhenyun").
Two names match when their tokens pair up one to one, in any order, each pair at least TOKEN_SIMILARITY alike.
Requiring *every* token to pair up is what keeps "Jianbin Chen" and "Jiangang Chen" apart: sharing a family name
is not enough.
"""

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from itertools import permutations

from django.db import connection
from django.db.models import Count, Max
from rapidfuzz import fuzz, process

from common.search import word_similarity
from institutes.matching import EXACT, PARTIAL, Match, strip_accents

from .models import Person, PersonAlias
from .names import CHINESE_HONORIFICS, HONORIFIC_KEYS

TOKEN_SIMILARITY = 85

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=100_000)
def name_tokens(text):
    """The comparable tokens of a person's name, as a sorted tuple."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if not text:
        return ()
    for honorific in CHINESE_HONORIFICS:
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
    text = strip_accents(text).lower()
    text = re.sub(r"(?<=\w)[-‐'’](?=\w)", "", text)
    words = [w for w in re.split(r"[^\w]+", text) if w]
    return tuple(sorted(w for w in words if w not in HONORIFIC_KEYS))


def tokens_similarity(left, right):
    """0–100: how well two token tuples pair up one to one; the weakest pair decides (common.search.word_similarity:
    two letters swapped are a typo, "Li" and "Liu" two names)."""
    if not left or not right or len(left) != len(right):
        return 0
    if left == right:
        return EXACT
    best = 0
    for ordering in permutations(right):
        weakest = min(word_similarity(a, b) for a, b in zip(left, ordering, strict=True))
        best = max(best, weakest)
    return int(best)


class PeopleIndex:
    """Every person's comparable names, read once, so that a name can be matched without reading everyone again
    (the type-ahead, on every keystroke) and many names at once (an attendance import, thousands of rows).

    Exact names are found through a dictionary of token tuples. For near misses only the names that share the first
    two letters of a token are compared, first in bulk by rapidfuzz (a cheap bound), then pair by pair."""

    PREFILTER = 60

    def __init__(self, queryset=None):
        queryset = queryset if queryset is not None else Person.objects.all()
        rows = queryset.values_list("pk", "given_name", "family_name", "name_order", "name_local", "email")
        aliases = defaultdict(list)
        for person_id, name in PersonAlias.objects.filter(person__in=queryset.values("pk")).values_list(
            "person_id", "name"
        ):
            aliases[person_id].append(name)
        self.full_names = {}
        self._by_email = defaultdict(list)
        self._exact = defaultdict(list)
        self._names = []  # (person id, name, tokens): full name, family-first, own script, other names
        buckets = defaultdict(list)
        for pk, given, family, order, local, email in rows:
            latin = [family, given] if order == Person.NameOrder.FAMILY_FIRST else [given, family]
            self.full_names[pk] = " ".join(p for p in latin if p) or local
            if email:
                self._by_email[email.strip().lower()].append(pk)
            # The family-first order has the same tokens as the full name: tokens are compared sorted.
            names = [self.full_names[pk], local, *sorted(aliases.get(pk, ()))]
            for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
                tokens = name_tokens(name)
                if tokens:
                    entry = len(self._names)
                    self._names.append((pk, name, tokens))
                    self._exact[tokens].append(entry)
                    for key in {token[:2] for token in tokens}:
                        buckets[key].append(entry)
        self._buckets = {
            key: (entries, [" ".join(self._names[e][2]) for e in entries]) for key, entries in buckets.items()
        }

    @classmethod
    def current(cls):
        """The index of everyone, kept between requests and built again when people or their names change."""
        version = (
            tuple(Person.objects.aggregate(n=Count("id"), changed=Max("updated_at")).values()),
            tuple(PersonAlias.objects.aggregate(n=Count("id"), last=Max("id")).values()),
        )
        cached = _INDEXES.get(connection.alias)
        if cached is None or cached[0] != version:
            cached = _INDEXES[connection.alias] = (version, cls())
        return cached[1]

    def match(self, text, *, email="", limit=5, near_misses=True):
        """Existing people who may be the person typed, best first. An email that matches is an exact match.
        near_misses=False leaves out near misses when someone has exactly the name typed."""
        return self.resolve([self.match_ids(text, email, limit=limit, near_misses=near_misses)])[0]

    def sharing_a_name(self, text, *, limit=5):
        """People who have the one name typed ("Mr. Chen") among their names. Never a match on its own (there are two
        Mr. Chens), but the people to offer when a report gives only a family name."""
        return self.resolve([self.sharing_ids(text, limit=limit)])[0]

    def resolve(self, results):
        """[[(person id, score, matched on)]] -> [[Match]], with one query for every person named."""
        pks = {pk for found in results for pk, _score, _name in found}
        people = Person.objects.in_bulk(pks) if pks else {}
        return [[Match(people[pk], score, name) for pk, score, name in found if pk in people] for found in results]

    def match_ids(self, text, email="", *, limit=5, near_misses=True):
        """[(person id, score, matched on)], best first; resolve() turns them into Matches."""
        query = name_tokens(text)
        email = (email or "").strip().lower()
        best = {}
        for pk in self._by_email.get(email, []) if email else []:
            best[pk] = (EXACT, email)
        for entry in self._exact.get(query, ()) if query else ():
            pk, name, _tokens = self._names[entry]
            best.setdefault(pk, (EXACT, name))
        if near_misses or not best:
            by_email_or_exact = set(best)
            for entry in self._near(query):
                pk, name, tokens = self._names[entry]
                if pk in by_email_or_exact:
                    continue
                score = tokens_similarity(query, tokens)
                current = best.get(pk)
                if score >= TOKEN_SIMILARITY and (current is None or score > current[0]):
                    best[pk] = (score, name)
        return self._best_first(best)[:limit]

    def _near(self, query):
        """Entries whose tokens may each be close to the query's, in index order."""
        if not query:
            return []
        joined = " ".join(query)
        found = set()
        for key in {token[:2] for token in query}:
            entries, strings = self._buckets.get(key, ((), ()))
            for _string, _score, position in process.extract(
                joined, strings, scorer=fuzz.token_sort_ratio, score_cutoff=self.PREFILTER, limit=None
            ):
                entry = entries[position]
                if len(self._names[entry][2]) == len(query):
                    found.add(entry)
        return sorted(found)

    def sharing_ids(self, text, *, limit=5):
        query = name_tokens(text)
        if len(query) != 1:
            return []
        found = {}
        entries, _strings = self._buckets.get(query[0][:2], ((), ()))
        for entry in entries:
            pk, name, tokens = self._names[entry]
            if query[0] in tokens:
                found.setdefault(pk, (PARTIAL, name))
        return self._best_first(found)[:limit]

    def _best_first(self, found):
        ordered = sorted(found.items(), key=lambda item: (-item[1][0], self.full_names[item[0]], item[0]))
        return [(pk, score, name) for pk, (score, name) in ordered]


_INDEXES = {}  # database alias -> (version, PeopleIndex), for PeopleIndex.current()


def match_people(text, *, email="", queryset=None, limit=5):
    """Existing people who may be the person typed, best first. An email that matches is an exact match."""
    if not name_tokens(text) and not (email or "").strip():
        return []
    index = PeopleIndex(queryset) if queryset is not None else PeopleIndex.current()
    return index.match(text, email=email, limit=limit)
