"""The one finder for organisations: the type-ahead, the organisations list's ?q=, the API's filter, the site search,
the look-alike check before a new organisation is made, the attendance import and the report reader all ask here.

An organisation is found by any word or the start of any of its names: name, short name, name in its own script,
other names and former names; legal forms typed or not ("Co., Ltd.") make no difference; an acronym typed finds the
organisation whose words it abbreviates, or whose short name it misses by one letter when four or more long ("SSES"
for SSEZ; "WHO" is not "WIT"). Near misses (a typo, two letters swapped, a space or hyphen missing) come last. Ranked:
exact, prefix, word, near miss (common.search.rank_name), then by name.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Prefetch, Q, Value
from rapidfuzz.distance import Levenshtein

from common.cjk import is_cjk, is_short_cjk
from common.search import (
    NEAR,
    TIER_NAMES,
    WORD,
    best_name,
    cut_query,
    filter_words,
    fold,
    name_words,
    pk_among,
    ranked_first_among,
    search_words,
    union_all_rows,
)
from common.search_candidates import CANDIDATES, RANKED, near_ids

from .matching import (
    ALIASES_READ,
    ORGANISATION_NAME_SIMILARITY,
    Match,
    organisation_key,
    organisation_names,
    organisation_similarity,
)
from .models import Organisation, OrganisationAlias, countries_named

ACRONYM_SCORE = 85
COUNTRY_SCORE = 62  # every word typed is in a name or names the country
WITHIN_SCORE = 58  # the short name is one of the words typed, among others
BATCH = 100  # candidate queries read in one UNION (texts × kinds; SQLite allows 500 parts)
FILTER_WORDS = 6  # words of a text that pick its candidates, the longest
NEAR_WHEN_FEWER = 8  # near misses are looked for when fewer organisations than this hold what was typed
NEAR_WORDS = 4  # near misses are looked for in a text of this many words at most: a longer one is no typo of a name


def initials(name):
    """The acronym of a name's words, without legal forms and small words: "Wuxi Institute of Technician" -> "wit"."""
    return "".join(word[0] for word in name_words(organisation_key(name)))


def rank(text, organisation):
    """(tier, score, name matched) of an organisation for the text typed, or None."""
    names = organisation_names(organisation)
    found = [best_name(text, names)]
    typed = name_words(text)
    if found[0] is None and typed:
        # Words found in its names or naming its country ("Lao Ministry"); or its short name written among other
        # words ("Department of International Exchange and Cooperation MOHRSS": a unit of MOHRSS).
        known = "".join(name_words(" ".join(names)))
        if organisation.country and all(t in known or organisation.country.code in countries_named(t) for t in typed):
            found.append((WORD, COUNTRY_SCORE, organisation.name))
        short = name_words(organisation.short_name)
        if len(typed) > 1 and len(short) == 1 and len(short[0]) >= 3 and short[0] in typed:
            found.append((WORD, WITHIN_SCORE, organisation.short_name))
    key = organisation_key(text)
    if key and key != text:
        keyed = best_name(key, [organisation_key(n) for n in names])
        if keyed:
            found.append((*keyed[:2], names[[organisation_key(n) for n in names].index(keyed[2])]))
    if len(typed) == 1 and len(typed[0]) >= 2:
        acronyms = [n for n in names if len(name_words(n)) == 1]
        if initials(organisation.name) == typed[0]:
            found.append((WORD, ACRONYM_SCORE, organisation.name))
        for acronym in acronyms:
            known = name_words(acronym)[0]
            if min(len(known), len(typed[0])) >= 4 and Levenshtein.distance(known, typed[0]) == 1:
                found.append((NEAR, 90, acronym))
    return max((f for f in found if f), default=None)


def _candidates(text, queryset, limit):
    """The organisations worth ranking for one text: _candidate_sets() for it."""
    return _candidate_sets([text], queryset, limit)[text]


def _candidate_sets(texts, queryset, limit):
    """_candidate_sets_of() with each part's SQL built from the compiled SQL of its words (_WordSQL) when the
    queryset is every organisation (the reader's, an import's): the same queries, built without Django's per-filter
    work (~15 ms a text, most of the cost of a long report)."""
    fast = queryset.model is Organisation and not queryset.query.where and not queryset.query.annotations
    return _candidate_sets_of(texts, queryset, limit, _WordSQL() if fast else None)


def _candidate_sets_of(texts, queryset, limit, sql):
    """{text: [Organisation]}: the organisations worth ranking for each text, at most CANDIDATES of each kind: those
    holding every word typed (or naming their country); those whose short name is a word typed; and, when fewer
    than limit (or NEAR_WHEN_FEWER) and the text is short, near misses (common.search_candidates) and, for one word,
    the names starting with its first letter (an acronym). Read for BATCH texts in one query per kind (a report's or
    an import's names at once), then the organisations with their other names in two."""
    texts = list(dict.fromkeys(texts))
    ids = {text: {} for text in texts}  # text -> {organisation id: None}, in the order found
    parts = []
    for position, text in enumerate(texts):
        row = Value(position)
        words = filter_words(search_words(text), longest=FILTER_WORDS)  # the longest: the rarest
        fast = sql and words and sql.search(words, position)
        if fast:
            parts.append(fast)
        elif words:
            parts.append(queryset.search(words).annotate(row=row).order_by("name", "id").values_list("pk", "row"))
        folded = name_words(text)
        fast = sql and len(folded) > 1 and sql.short_names(folded, position)
        if fast is not None and fast is not False:
            if fast:
                parts.append(fast)
        elif len(folded) > 1:
            short_names = Q(pk__in=[])
            for word in dict.fromkeys(word for word in folded if len(word) >= 3):
                short_names |= Q(short_name__iexact=word)  # each read from the short name's trigram index
            parts.append(queryset.filter(short_names).annotate(row=row).order_by("name", "id").values_list("pk", "row"))
    _read_tagged(parts, texts, ids)
    parts = []
    for position, text in enumerate(texts):
        folded = name_words(text)
        if len(ids[text]) >= min(limit, NEAR_WHEN_FEWER) or not folded or len(folded) > NEAR_WORDS:
            continue
        fast = sql and sql.near(folded, position)
        if fast:
            parts.append(fast)
            continue
        near = [
            part
            for part in (
                near_ids(Organisation, folded, Organisation.NAME_FIELDS, broad=True),
                near_ids(OrganisationAlias, folded, ["name"], column="organisation_id", broad=True),
            )
            if part is not None
        ]
        if len(folded) == 1 and len(folded[0]) <= 8:
            near.append(_acronym_candidates(folded[0]))
        if near:
            # One UNION of the parts, each read from an index: an OR of two subqueries read every organisation.
            more = queryset.filter(pk_among(near)).annotate(row=Value(position)).order_by("name", "id")
            parts.append(more.values_list("pk", "row"))
    _read_tagged(parts, texts, ids)
    aliases = Prefetch("aliases", queryset=OrganisationAlias.objects.order_by("name"), to_attr=ALIASES_READ)
    wanted = {pk for found in ids.values() for pk in found}
    records = queryset.filter(pk__in=wanted).prefetch_related(aliases).in_bulk() if wanted else {}
    return {text: [records[pk] for pk in found if pk in records] for text, found in ids.items()}


def _read_tagged(parts, texts, ids):
    """Read the (id, text's position) parts, BATCH at a time in one UNION ALL, into ids; at most CANDIDATES of each
    part (on PostgreSQL in the query; on SQLite, which takes no LIMIT inside a UNION, as they are read)."""
    for start in range(0, len(parts), BATCH):
        chunk = [_part_sql(part) for part in parts[start : start + BATCH]]
        chunk = [part for part in chunk if part is not None]
        if not chunk:
            continue
        rows = union_all_rows(chunk)
        counts = {}
        for pk, position in rows:
            found = ids[texts[position]]
            if pk not in found and counts.get(position, 0) < CANDIDATES:
                found[pk] = None
                counts[position] = counts.get(position, 0) + 1


def _part_sql(part):
    """(sql, params) of a candidate part, a values_list() queryset or the (sql, params) _WordSQL built, as it reads
    in the UNION: at most CANDIDATES rows on PostgreSQL, unordered on SQLite (which takes no LIMIT there). None for a
    part that can hold no row."""
    if isinstance(part, tuple):
        return part
    limited = connection.features.supports_slicing_ordering_in_compound
    part = part[:CANDIDATES] if limited else part.order_by()
    try:
        return part.query.sql_with_params()
    except EmptyResultSet:
        return None


_SENTINEL = "abcdefghijklmnopqrstuvwxyz"  # a word's stand-in while its SQL is compiled: one letter a position
# The stand-in of a Chinese word: the conditions of a word of Chinese characters differ from a Latin word's (a word of
# two is read from the index of characters and pairs on PostgreSQL; near misses look in the names in own script too).
_CJK_SENTINEL = "".join(chr(0x4E00 + i) for i in range(len(_SENTINEL)))
_ROW, _MARK = -31337, -27182  # the stand-ins of a text's position and of the condition in the outer query
# (database vendor, kind, length, Chinese stand-in) -> (sql, params) of the stand-in word, or None: not to be built so
_compiled = {}


class _WordSQL:
    """The SQL of _candidate_sets()' parts, built from each word's condition compiled once per length of word with a
    stand-in word (the letters a, b, c, …: each position of the word its own letter), then the word's letters put in
    the parameters in place of the stand-in's. Exactly the conditions Django builds for the word (the tests compare
    both), for the words where that holds: a word of 1 to 26 characters with none of LIKE's own characters (% _ \\)
    and, where it is compared folded, Latin or Chinese (compiled with a stand-in of Chinese characters, _CJK_SENTINEL);
    any other word gives None, and the part is built by Django. A Chinese report's names were all built by Django:
    ~2,800 filter() calls, 4 s for 20,000 characters."""

    def __init__(self):
        self.vendor = connection.vendor

    def search(self, words, position):
        """The part of Organisation.objects.search(words) (every word in a name, or naming the country)."""
        conditions = []
        for word in filter_words(search_words(words)):  # as search() reads them
            # A word of Chinese characters has a condition of its own on PostgreSQL (organisations_holding).
            condition = self._word("search", word, lambda w: Organisation.objects.search([w]), cjk=is_short_cjk(word))
            if condition is None:
                return None
            codes = tuple(countries_named(word))
            if codes:  # "Lao": or an organisation in Laos
                key = (self.vendor, "country", codes)
                if key not in _compiled:
                    in_country = Organisation.objects.filter(country__in=codes)
                    _compiled[key] = self._compile(lambda _w, qs=in_country: qs, "", False)
                if _compiled[key] is None:
                    return None
                (sql, params), (country_sql, country_params) = condition, _compiled[key]
                condition = f"({sql}) OR ({country_sql})", [*params, *country_params]
            conditions.append(condition)
        return self._outer(conditions, " AND ", position) if conditions else None

    def short_names(self, folded, position):
        """The part of the organisations whose short name is one of the words (of three letters or more); () when
        no word is that long (Django's Q(pk__in=[]) alone: no row)."""
        conditions = []
        for word in dict.fromkeys(word for word in folded if len(word) >= 3):
            condition = self._word("short", word, lambda w: Organisation.objects.filter(short_name__iexact=w))
            if condition is None:
                return None
            conditions.append(condition)
        return self._outer(conditions, " OR ", position) if conditions else ()

    def near(self, folded, position):
        """The part of the near misses of the words: their names' and other names' (common.search_candidates), and
        for one word of at most 8 letters the names it may be the acronym of (_acronym_candidates)."""
        subqueries = []
        for word in dict.fromkeys(fold(w) for w in folded):
            cjk = is_cjk(word)
            if not word.isascii() and not cjk:
                return None
            for kind, build in (
                ("near", lambda w: near_ids(Organisation, [w], Organisation.NAME_FIELDS, broad=True)),
                (
                    "near_alias",
                    lambda w: near_ids(OrganisationAlias, [w], ["name"], column="organisation_id", broad=True),
                ),
            ):
                if len(word) < 2:  # near_parts() skips it
                    continue
                subquery = self._word(kind, word, build, whole=True, cjk=cjk)
                if subquery is None:
                    return None
                subqueries.append(subquery)
        if len(folded) == 1 and len(folded[0]) <= 8:
            starts = self._word("starts", folded[0], _acronym_candidates, whole=True, cjk=is_cjk(folded[0]))
            if starts is None:
                return None
            subqueries.append(starts)
        if not subqueries:
            return None
        params = [param for _sql, part_params in subqueries for param in part_params]
        if self.vendor == "postgresql":
            union = " UNION ".join(f"({sql})" for sql, _params in subqueries)
            condition = f'"institutes_organisation"."id" = ANY(ARRAY({union}))'
        else:
            union = " UNION ".join(f"SELECT * FROM ({sql})" for sql, _params in subqueries)
            condition = f'"institutes_organisation"."id" IN ({union})'
        return self._outer([(condition, params)], "", position)

    def _word(self, kind, word, build, *, whole=False, cjk=False):
        """(sql, params) of the word's condition (whole: of its values() queryset), or None. cjk: compiled with the
        stand-in of Chinese characters."""
        if not 1 <= len(word) <= len(_SENTINEL) or any(c in word for c in "%_\\"):
            return None
        sentinel = (_CJK_SENTINEL if cjk else _SENTINEL)[: len(word)]
        key = (self.vendor, kind, len(word), cjk)
        if key not in _compiled:
            _compiled[key] = self._compile(build, sentinel, whole)
        template = _compiled[key]
        if template is None:
            return None
        sql, params = template
        letters = str.maketrans(sentinel, word)
        return sql, [param.translate(letters) if isinstance(param, str) else param for param in params]

    @staticmethod
    def _compile(build, sentinel, whole):
        if sentinel and countries_named(sentinel):
            return None
        queryset = build(sentinel)
        if queryset is None:
            return None
        try:
            if whole:
                sql, params = queryset.query.sql_with_params()
            else:
                compiler = queryset.query.get_compiler(connection=connection)
                sql, params = queryset.query.where.as_sql(compiler, connection)
        except EmptyResultSet:
            return None
        if sentinel and any(isinstance(p, str) and set(p) - set(sentinel) - {"%"} for p in params):
            return None  # a parameter with something else than the word in it: not the word's alone
        return sql, list(params)

    def _outer(self, conditions, joiner, position):
        """(sql, params) of the part: the organisations holding the conditions, as _read_tagged() reads them."""
        key = (self.vendor, "outer")
        if key not in _compiled:
            _compiled[key] = self._compile_outer()
        outer = _compiled[key]
        if outer is None:
            return None
        before, after = outer
        where = joiner.join(f"({sql})" for sql, _params in conditions)
        return f"{before}({where}){after}", [position] + [param for _sql, params in conditions for param in params]

    @staticmethod
    def _compile_outer():
        part = Organisation.objects.filter(pk=_MARK).annotate(row=Value(_ROW)).order_by("name", "id")
        sql, params = _part_sql(part.values_list("pk", "row"))
        compiler = part.query.get_compiler(connection=connection)
        marker, marker_params = part.query.where.as_sql(compiler, connection)
        if list(params) != [_ROW, _MARK] or list(marker_params) != [_MARK] or sql.count(marker) != 1:
            return None
        before, after = sql.split(marker)
        return before, after


def _acronym_candidates(word):
    """An acronym typed may be the initials of a name (rank(): initials()): the organisations whose name starts with
    its first letter (an index serves it) and holds its other letters in that order."""
    return Organisation.objects.filter(name__istartswith=word[0], name__letters_in_order=word).order_by().values("pk")


def _near_names(word):
    return near_ids(Organisation, [word], Organisation.NAME_FIELDS, broad=True)


def _near_aliases(word):
    return near_ids(OrganisationAlias, [word], ["name"], column="organisation_id", broad=True)


def search_organisations(text, *, limit=8, queryset=None):
    """[Match] for the organisations the text typed may stand for, best first: score 100 for an exact name, less
    for a prefix, a word, an acronym or a near miss; Match.kind says which."""
    text = cut_query(text)[0]
    if not name_words(text):
        return []
    queryset = queryset if queryset is not None else Organisation.objects.all()
    ranked = []
    for organisation in _candidates(text, queryset, limit):
        found = rank(text, organisation)
        if found:
            tier, score, name = found
            ranked.append(
                (-tier, -score, organisation.name.casefold(), organisation.pk, organisation, name, tier, score)
            )
    ranked.sort(key=lambda row: row[:4])
    return [Match(row[4], row[7], row[5], TIER_NAMES[row[6]]) for row in ranked[:limit]]


def search_ids(text, *, limit=RANKED):
    return [match.record.pk for match in search_organisations(text, limit=limit)]


def organisations_matching(text, queryset=None):
    """The organisations list's and the site search's answer: the organisations search_organisations() finds, best
    first, then any other holding every word typed, by name."""
    queryset = queryset if queryset is not None else Organisation.objects.all()
    words = search_words(text)
    if not words:
        return queryset
    holding = Organisation.objects.search(words).order_by().values("pk")
    return ranked_first_among(queryset, search_ids(text), holding)


def match_organisations(text, *, queryset=None, limit=5):
    """[Match] for the organisations on record that may be the one written (before a new one is made, an import's
    row, a report's mention), best first: the finder's candidates whose name, short name, own-script or other name is
    the same (100) or alike (institutes.matching.organisation_similarity, ORGANISATION_NAME_SIMILARITY or more)."""
    return OrganisationMatcher(queryset).match(text, limit=limit)


class OrganisationMatcher:
    """match_organisations() for the names of a report or an import: prefetch() reads the candidates of every name
    at once (_candidate_sets), match() ranks one name's."""

    def __init__(self, queryset=None):
        self.queryset = queryset if queryset is not None else Organisation.objects.all()
        self._candidates = {}  # text -> [Organisation]

    def prefetch(self, texts, *, limit=5):
        texts = [t for t in dict.fromkeys(cut_query(text)[0] for text in texts) if t not in self._candidates]
        texts = [t for t in texts if organisation_key(t)]
        if texts:
            self._candidates.update(_candidate_sets(texts, self.queryset, limit))

    def match(self, text, *, limit=5):
        """[Match] for the organisations on record that may be the one written, best first."""
        text = cut_query(text)[0]
        if not organisation_key(text):
            return []
        self.prefetch([text], limit=limit)
        return _matches(text, self._candidates[text], limit)

    def candidates(self, text, *, limit=5):
        """The organisations read as worth ranking for the text (their aliases prefetched): a reader with a rule of
        its own (reports.zh: a Chinese abbreviation of a name) ranks them itself."""
        text = cut_query(text)[0]
        if not organisation_key(text):
            return []
        self.prefetch([text], limit=limit)
        return self._candidates[text]


def _matches(text, candidates, limit):
    """match_organisations() among the candidates read for the text."""
    matches = []
    for organisation in candidates:
        best = None
        for name in organisation_names(organisation):
            score = organisation_similarity(text, name)
            if score >= ORGANISATION_NAME_SIMILARITY and (best is None or score > best.score):
                best = Match(organisation, score, name)
        if best:
            matches.append(best)
    matches.sort(key=lambda m: (-m.score, m.record.name, m.record.pk))
    return matches[:limit]
