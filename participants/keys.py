"""A person's name as the people finder compares it (participants/search.py): comparable tokens, and the key stored
on each person and other name (Person.match_key, Person.local_key, PersonAlias.match_key) so that an exact name is
found through an index, for one name typed or for every name of an import at once.

A name is reduced to tokens: accents and honorifics dropped, Chinese characters turned into pinyin (family name
first, as Chinese names are written), hyphens inside given names joined ("Zhen-yun" = "Zhenyun"), sorted. Two names
match when their tokens pair up one to one, in any order, each pair at least TOKEN_SIMILARITY alike. Requiring *every*
token to pair up is what keeps "Jianbin Chen" and "Jiangang Chen" apart: sharing a family name is not enough.
"""

import re
import unicodedata
from functools import lru_cache

from common.search import MAX_SEARCH_WORDS, pair_up

from .names import CHINESE_HONORIFICS, HONORIFIC_KEYS

TOKEN_SIMILARITY = 85
KEY_LENGTH = 200  # the stored key's length; a longer name's key is cut (it is still found by its words)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def name_tokens(text):
    """The comparable tokens of a person's name, as a sorted tuple (at most MAX_SEARCH_WORDS of them)."""
    text = unicodedata.normalize("NFKC", text or "").strip()[:KEY_LENGTH]
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
    return tuple(sorted(w for w in words if w not in HONORIFIC_KEYS)[:MAX_SEARCH_WORDS])


def name_key(text):
    """The stored form of a name's tokens: "li zhenyun" for "Mr. Zhenyun Li", "Li Zhenyun" and 李振云."""
    return " ".join(name_tokens(text))[:KEY_LENGTH]


def tokens_similarity(left, right):
    """0–100: how well two token tuples pair up one to one; the weakest pair decides (common.search.word_similarity:
    two letters swapped are a typo, "Li" and "Liu" two names)."""
    if not left or not right or len(left) != len(right):
        return 0
    if left == right:
        return 100
    return int(pair_up(list(left), list(right)))
