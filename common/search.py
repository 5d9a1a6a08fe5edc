"""The one meaning of a search box: the text is split into words, and every word must appear, ignoring case, in at
least one of a record's name fields. Each model's QuerySet has a search() built on these, which the list pages, the
site search and the type-aheads all call.

`field__icontains` is what Django writes as UPPER("field"::text) LIKE UPPER(...) on PostgreSQL, the expression the
trigram indexes of overview/migrations/0002 are built on: keep to it, or the planner reads the whole table. An OR of
such conditions on several fields (or with a subquery) makes it read the whole table too: pk_among() asks for the
UNION of one query per field, each read from its own index.
"""

import functools
import json
import re
import unicodedata

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, IntegerField, Lookup, Q
from rapidfuzz import fuzz

# What one search reads of the text typed, at most: the rest is left out and the page says so (cut_query). Every
# finder's work grows with the words read (never with their pairings), so these bound a search's cost.
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_WORDS = 12


_WORD_PIECE = re.compile(r"[^\W_]+")


def cut_query(text):
    """(text, cut): what was typed with NUL characters dropped (PostgreSQL refuses them in any string), at most
    MAX_SEARCH_WORDS words of it (punctuation between letters splits words, as name_words() reads them) and
    MAX_SEARCH_LENGTH characters; cut is True when something was left out."""
    text = " ".join(str(text or "").replace("\x00", "").split())
    kept, words = [], 0
    for word in text.split(" "):
        pieces = list(_WORD_PIECE.finditer(word))
        if words + max(len(pieces), 1) > MAX_SEARCH_WORDS:
            room = MAX_SEARCH_WORDS - words
            if room > 0 and pieces:
                kept.append(word[: pieces[room - 1].end()])  # "a-b-c-…": its first pieces
            break
        words += max(len(pieces), 1)
        kept.append(word)
    short = " ".join(kept)[:MAX_SEARCH_LENGTH]
    return short, short != text


def search_words(text):
    """The distinct words of what was typed (a string, or words already split), cut as cut_query() cuts it: a
    longer text would only make a longer query."""
    if not isinstance(text, str):
        text = " ".join(text)
    # Punctuation alone ("!!!", "--") is in no name worth finding, and no index finds it fast.
    return [w for w in dict.fromkeys(cut_query(text)[0].split()) if _WORD_PIECE.search(w)]


def filter_words(words, *, longest=None):
    """The words typed that a database filter asks for: a word of one letter only when no longer word was typed (a
    letter is in nearly every name: the ranking asks for it); with longest, at most that many, the longest first
    (the rarest: they pick the candidates, the ranking asks for every word)."""
    words = list(words)
    longer = [w for w in words if len(fold(w)) > 1]
    words = longer or words[:1]
    if longest is not None:
        words = sorted(words, key=lambda w: -len(w))[:longest]
    return words


def any_field_contains(word, fields, *, lookup="icontains"):
    """A Q that holds when the word appears in at least one of the fields (or, with lookup="istartswith", starts
    one)."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__{lookup}": word})
    return condition


def every_word_in_any_field(words, fields):
    """A Q that holds when each word appears in at least one of the fields."""
    condition = Q()
    for word in words:
        condition &= any_field_contains(word, fields)
    return condition


@CharField.register_lookup
class LettersInOrder(Lookup):
    """name__letters_in_order="wit": the letters of the word appear in the name in that order, ignoring case
    (LIKE 'W%I%T%'). The organisations whose initials may be an acronym typed ("Wuxi Institute of Technician" for
    "WIT") hold its letters in order; a filter after the index on the first letter, so that a word read as a
    possible acronym ("Yutong") makes a few candidates to rank, not every name starting with its first letter."""

    lookup_name = "letters_in_order"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pattern = "%".join(connection.ops.prep_for_like_query(letter) for letter in str(self.rhs)) + "%"
        return f"UPPER({lhs}) LIKE UPPER(%s) ESCAPE '\\'", [*lhs_params, pattern]


class EqualsAny(Func):
    """column = ANY(array), for a filter (Django writes "column IN (...)" for __in, and puts parentheses around the
    right-hand side of an "=")."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        column, array = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        array_sql, array_params = compiler.compile(array)
        return f"{column_sql} = ANY({array_sql})", (*column_params, *array_params)


def pk_among(parts, column="pk"):
    """A filter holding for the rows whose column is in one of the values() querysets parts: their UNION. On
    PostgreSQL "id = ANY(ARRAY(...))", so that the planner fetches the few matches by primary key where with
    "id IN (...)" it may join them with every row."""
    union = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    if connection.vendor == "postgresql":
        from django.contrib.postgres.expressions import ArraySubquery

        return EqualsAny(F(column), ArraySubquery(union))
    return Q(**{f"{column}__in": union})


def estimated_rows(queryset):
    """The planner's estimate of the rows of a query (EXPLAIN, nothing run; PostgreSQL): a millisecond, where counting
    the matches of a common word reads them all."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a condition that holds for no row: a user who may see no programme
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"]


# Ranking of a name against what was typed, shared by the people and organisation searches (participants/search.py,
# institutes/search.py): the candidates come from the database, these decide which are found and in what order.

EXACT, PREFIX, WORD, NEAR = 4, 3, 2, 1  # tiers, best first
TIER_NAMES = {EXACT: "exact", PREFIX: "prefix", WORD: "word", NEAR: "near"}
NEAR_SIMILARITY = 85  # 0–100: how alike two words must be to be a near miss ("Zhenyn" for "Zhenyun")
TRANSPOSITION = 95  # the score of two words that differ by two neighbouring letters swapped ("Lui" for "Liu")
SHORT_WORD = 3  # words this short ("Li", "Liu") are near only by a swap: one letter more is another name


@functools.lru_cache(maxsize=100_000)
def fold(text):
    """Text as names are compared: compatibility forms unified, accents dropped, case folded. Kept per text: a search
    folds the names of every candidate it ranks, the same few hundred names again and again (~5,000 calls for one
    search of "Wuxi" at 10,000 organisations)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text or ""))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_NOT_WORD = re.compile(r"[^\w]+")


def name_words(text):
    """The folded words of a name; a hyphen or apostrophe inside a word splits it ("Cambodia-China")."""
    return list(_name_words(text))


@functools.lru_cache(maxsize=100_000)
def _name_words(text):
    """name_words() kept per text, as fold() is (a tuple: the caller gets a list of its own)."""
    return tuple(word for word in _NOT_WORD.split(fold(text)) if word)


def squashed(text):
    """A name without spaces or punctuation: "Kim Roeun" = "Kimroeun", "Zhen-yun" = "Zhenyun"."""
    return "".join(name_words(text))


def is_transposition(a, b):
    """True when b is a with two neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def word_similarity(typed, known):
    """0–100 for one word typed against one word of a name: a swap of two letters is a typo at any length; other
    differences count only between words longer than SHORT_WORD ("Li" and "Liu" are two family names)."""
    if typed == known:
        return 100
    if is_transposition(typed, known):
        return TRANSPOSITION
    if min(len(typed), len(known)) <= SHORT_WORD:
        return 0
    return int(fuzz.ratio(typed, known))


def pair_up(typed, known, *, last_is_prefix=False, at_least=0):
    """The weakest score when every typed word is paired with a different known word; 0 when there are more typed
    words than known ones. With last_is_prefix the last word typed may be the start of a known word (it is still
    being typed).

    Linear in the words, never in their pairings: each typed word's scores are read once; a typed word with no known
    word scoring at_least ends it (0); then the typed words, surest first, each take the best known word still free.
    Where one typed word could take either of two known words this may miss the best pairing by a few points, which
    names of a handful of words hardly ever meet."""
    if not typed or len(typed) > len(known):
        return 0
    scores = []
    for position, word in enumerate(typed):
        row = [word_similarity(word, k) for k in known]
        if last_is_prefix and position == len(typed) - 1:
            row = [100 if k.startswith(word) else s for k, s in zip(known, row, strict=True)]
        if max(row) < max(at_least, 1):
            return 0
        scores.append(row)
    free = set(range(len(known)))
    weakest = 100
    for row in sorted(scores, key=max, reverse=True):
        column = max(free, key=lambda c: (row[c], -c))
        weakest = min(weakest, row[column])
        free.discard(column)
    return weakest


def rank_name(query, name):
    """(tier, score) of one name for the text typed, or None when the name does not answer it.

    exact: the same words, in any order, or the same letters once spaces and hyphens are dropped;
    prefix: the name (or its letters without spaces) starts with what was typed;
    word: every word typed starts a word of the name, or sits inside the name (own-script names have no spaces);
    near: every word typed is close to a different word of the name (a typo, a swap), or the letters without spaces
    are close."""
    typed_words, known_words = name_words(query)[:MAX_SEARCH_WORDS], name_words(name)
    if not typed_words or not known_words:
        return None
    typed_squashed, known_squashed = "".join(typed_words), "".join(known_words)
    if sorted(typed_words) == sorted(known_words) or typed_squashed == known_squashed:
        return EXACT, 100
    folded = " ".join(typed_words)
    if " ".join(known_words).startswith(folded) or known_squashed.startswith(typed_squashed):
        # Closer to the whole name scores higher; a prefix that ends inside a word ("Li" of "Liu") a little lower.
        joined = " ".join(known_words)
        inside_a_word = joined.startswith(folded) and len(joined) > len(folded) and joined[len(folded)] != " "
        return PREFIX, max(100 - min(len(known_squashed) - len(typed_squashed), 40) - 10 * inside_a_word, 50)
    if all(any(k.startswith(t) for k in known_words) for t in typed_words):
        return WORD, 90
    if all(t in known_squashed for t in typed_words):
        return WORD, 70
    near = pair_up(typed_words, known_words, last_is_prefix=True, at_least=NEAR_SIMILARITY)
    if len(typed_words) != len(known_words) and len(typed_squashed) > SHORT_WORD:
        # A space missing or one too many ("Kimroeun" for "Kim Roeun"): the letters decide.
        near = max(near, int(fuzz.ratio(typed_squashed, known_squashed)))
    if near >= NEAR_SIMILARITY:
        return NEAR, min(near, 99)
    return None


def best_name(query, names):
    """(tier, score, name) of the name that answers the text typed best, or None. Words typed found in different
    names of the record ("无锡 bureau": the own-script name and the English one) are a word match too, below those
    found in one name."""
    best = None
    for name in names:
        ranked = rank_name(query, name)
        if ranked and (best is None or ranked > best[:2]):
            best = (*ranked, name)
    if best is None and names:
        typed = name_words(query)[:MAX_SEARCH_WORDS]
        known = [name_words(name) for name in names]
        if typed and all(any(t in "".join(words) for words in known) for t in typed):
            best = (WORD, 60, names[0])
    return best


def ranked_first_among(queryset, ranked_ids, found):
    """The records of queryset whose pk is among a values() queryset found or among ranked_ids: those first, in that
    order, then the others by the queryset's ordering. The lists and the site search show a search's ranking this
    way while still reaching every record holding the words. One UNION of found and the ranked ids (pk_among), which
    the planner reads by primary key, where an OR of the two read the whole table. The queryset returned carries
    `ranked_ids` and the queryset it was given as `ranked_among` (not its clones): a page showing no more than the
    ranked reads them by key (first_ranked)."""
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    if not ranked_ids:
        answer = queryset.filter(pk_among([found])).order_by(*ordering)
    else:
        ranked = queryset.model._default_manager.filter(pk__in=ranked_ids).order_by().values("pk")
        answer = queryset.filter(pk_among([found, ranked])).order_by(_ranking(ranked_ids), *ordering)
    answer.ranked_ids, answer.ranked_among = list(ranked_ids), queryset
    return answer


def first_ranked(answer, limit):
    """The first `limit` records of ranked_first_among()'s answer when they are all among its ranked ids, read by
    primary key; None otherwise. The answer itself orders every record holding the words to give them (2,503 people
    named Yutong at a million workshops: 23 ms)."""
    wanted = getattr(answer, "ranked_ids", [])[:limit]
    if len(wanted) < limit:
        return None
    position = {pk: index for index, pk in enumerate(wanted)}
    records = sorted(answer.ranked_among.filter(pk__in=wanted).order_by(), key=lambda record: position[record.pk])
    return records if len(records) == limit else None


def _ranking(ranked_ids):
    """The position of a record among ranked_ids, len(ranked_ids) for the others."""
    return _Position(ranked_ids)


class _Position(Func):
    """A record's position among a list of primary keys (the list's length for the others), written as one
    expression: array_position() on PostgreSQL, a CASE on the key elsewhere. Built as SQL text, where a Case of a When
    per key cost Django ~7 ms to resolve and compile for the 50 keys the lists and the site search rank."""

    output_field = IntegerField()

    def __init__(self, ids):
        super().__init__(F("pk"))
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.get_source_expressions()[0])
        if connection.vendor == "postgresql":
            return f"COALESCE(array_position(%s::bigint[], {column}) - 1, %s)", (self.ids, *params, len(self.ids))
        whens = " ".join("WHEN %s THEN %s" for _pk in self.ids)
        positions = [value for position, pk in enumerate(self.ids) for value in (pk, position)]
        return f"CASE {column} {whens} ELSE %s END", (*params, *positions, len(self.ids))


def union_all_rows(parts):
    """The rows of (sql, params) parts read in one query, UNION ALL: each part in parentheses where the database
    lets a part keep its own ORDER BY and LIMIT (PostgreSQL), bare where it does not (SQLite)."""
    braces = "({})" if connection.features.supports_slicing_ordering_in_compound else "{}"
    query = " UNION ALL ".join(braces.format(sql) for sql, _params in parts)
    with connection.cursor() as cursor:
        cursor.execute(query, [param for _sql, params in parts for param in params])
        return cursor.fetchall()
