"""How an organisation's name written somewhere is compared with the names on record, for a match (the organisation
finder, institutes/search.py, decides which records are compared: match_organisations there).

A name is compared without accents, case, punctuation or legal forms ("Co., Ltd."); an acronym may have one wrong
letter ("SCCFPI" for PCCFPI); a longer name may have its words in another order or be slightly misspelt.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

ORGANISATION_NAME_SIMILARITY = 90
EXACT = 100
PARTIAL = 50  # one name in common, offered but never taken as a match

_LEGAL_FORMS = re.compile(r"\b(co|ltd|limited|inc|llc|company|the|of|and)\b")


@dataclass(frozen=True)
class Match:
    record: object
    score: int
    matched_on: str
    kind: str = ""  # for a search: "exact", "prefix", "word" or "near" (common.search.TIER_NAMES)

    @property
    def is_exact(self):
        return self.score == EXACT


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=100_000)
def organisation_key(text):
    """A name as organisations' names are compared: without accents, case, punctuation or legal forms. Kept per text,
    as common.search.fold: a search keys the names of every candidate it ranks ten times over (~2,000 calls for one
    search of "Wuxi" at 10,000 organisations)."""
    text = strip_accents(unicodedata.normalize("NFKC", text or "")).lower()
    text = re.sub(r"[^\w\s]", " ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())


def is_acronym(text):
    return " " not in text.strip() and len(text.strip()) <= 12


def organisation_similarity(typed, known):
    """0–100 for a typed organisation name against one known name, short name or alias."""
    a, b = organisation_key(typed), organisation_key(known)
    if not a or not b:
        return 0
    if a == b:
        return EXACT
    if is_acronym(a) and is_acronym(b):
        # One wrong letter in an acronym of four or more ("SCCFPI" for PCCFPI, "SSES" for SSEZ).
        if min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) == 1:
            return 90
        return 0
    if is_acronym(a) != is_acronym(b):
        return 0
    return int(fuzz.token_sort_ratio(a, b))


def organisation_names(organisation):
    """An organisation's names, each once: name, short name, name in its own script, then its aliases A–Z."""
    names = [organisation.name, organisation.short_name, organisation.name_local]
    names += sorted(alias_names(organisation))
    return list(dict.fromkeys(n for n in names if n))


ALIASES_READ = "alias_records"  # where a finder's Prefetch(to_attr=) puts an organisation's other names


def alias_names(organisation):
    """An organisation's other names: from the finder's prefetched list when it has one (a Prefetch to a list costs
    Django no queryset per record: ~0.4 ms each of the 200 a search of "Wuxi" ranks), else from the records."""
    aliases = getattr(organisation, ALIASES_READ, None)
    return [alias.name for alias in (aliases if aliases is not None else organisation.aliases.all())]
