"""The one finder for people: the type-ahead, the people list's ?q=, the API's filter, the site search, the look-alike
check before a new person is made, the attendance import and the report reader all ask here.

A person is found by any word or the start of any of their names: given and family name in either order, the name in
own script, other names; Chinese characters typed are read as pinyin too (李振云 finds Zhenyun Li); honorifics typed
are ignored. Near misses (a typo, two letters swapped, a space or hyphen missing) come last. Ranked: exact, prefix,
word, near miss (common.search.rank_name), then by name.
"""

import re
from functools import lru_cache

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, CharField, Func, Prefetch, Q, Value
from django.db.models.functions import Left, Upper
from django.db.models.lookups import Exact

from common.search import (
    EXACT,
    TIER_NAMES,
    any_field_contains,
    best_name,
    cut_query,
    filter_words,
    name_words,
    pk_among,
    ranked_first_among,
    search_words,
    union_all_rows,
)
from common.search_candidates import RANKED, near_parts, swaps
from institutes.matching import PARTIAL, Match

from . import search_index
from .keys import TOKEN_SIMILARITY, name_key, name_tokens, tokens_similarity
from .models import Person, PersonAlias
from .names import HONORIFIC_KEYS, honorific_key

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MIN_LENGTH = 2
FILTER_WORDS = 6  # words of a text that pick the people holding them, the longest (the ranking asks for every word)
NEAR_WORDS = 4  # near misses are looked for in a text of this many words at most
NEAR_WHEN_FEWER = 8  # ... and when fewer people than this hold what was typed (a list asks for 50: no need)
ALIASES_READ = "alias_records"  # where _candidates' Prefetch(to_attr=) puts a person's other names: no queryset
# per person for Django to build (~0.4 ms each of the 400 a search of "Yutong" ranks)
PICKED_READ_FIRST = 5000  # people the longer words found, read before a two-letter word is tested on them


def query_forms(text):
    """The forms of what was typed that a name is ranked against: the text without honorifics and, for Chinese
    characters, their pinyin, family name first."""
    words = [w for w in (text or "").split() if honorific_key(w) not in HONORIFIC_KEYS]
    plain = " ".join(words)
    forms = [plain] if name_words(plain) else []
    if _CJK.search(plain):
        # Read as pinyin once a given name follows the family name: one character alone ("李") is every Li.
        tokens = name_tokens(plain) if len(_CJK.findall(plain)) >= 2 else ()
        pinyin = [" ".join(tokens), " ".join(reversed(tokens))]
        forms += [form for form in pinyin if form and form not in forms]
    return forms


def person_names(person):
    """Every name a person is known by: the Latin name in both orders, the name in own script, other names."""
    latin = [p for p in (person.given_name, person.family_name) if p]
    names = [" ".join(latin), " ".join(reversed(latin)), person.name_local]
    aliases = getattr(person, ALIASES_READ, None)  # the finder's list (_candidates), else the records
    names += sorted(alias.name for alias in (aliases if aliases is not None else person.aliases.all()))
    return list(dict.fromkeys(n for n in names if n))


def _holding(words):
    """The ids of the people with every word in one of their names: a word of one or two letters at the start of a
    name's word ("Li", not the "li" of "Alice": a substring that short is in everyone's name, and no index finds it
    fast), a longer one anywhere (as Person.objects.search()). On SQLite the words the FTS5 index finds are asked of
    it in one question (search_index)."""
    ids = Person.objects.order_by()
    indexed, picked = [], False
    # Each word of three letters or more picks the people holding it (a UNION read from the indexes); a word of two
    # letters is then a condition on those few, where a UNION of its own collected its thousands ("li": 12,000 at
    # 100,000), unless no longer word was typed.
    for word in sorted(words, key=len, reverse=True):
        question = search_index.containing(word) if len(word) > 2 else search_index.starting_a_word(word)
        if question:
            indexed.append(question)
            continue
        if len(word) > 2:
            named = any_field_contains(word, Person.NAME_FIELDS)
            aliased = PersonAlias.objects.filter(name__icontains=word).order_by().values("person_id")
        else:
            named = _starts_a_word(word, Person.NAME_FIELDS)
            aliased = PersonAlias.objects.filter(_starts_a_word(word, ["name"])).order_by().values("person_id")
        if picked and len(word) <= 2:
            if connection.vendor == "postgresql":
                # The planner guesses a two-letter start of a word in half the names and tested it on every person
                # ("Yutong Lu": 72 ms at 100,000 people): the few the longer words found are read first, by id.
                few = list(ids.values_list("pk", flat=True)[: PICKED_READ_FIRST + 1])
                if len(few) <= PICKED_READ_FIRST:
                    ids = Person.objects.order_by().filter(pk__in=few)
            ids = ids.filter(named | Q(pk__in=aliased))
        else:
            ids = ids.filter(pk__in=Person.objects.filter(named).order_by().values("pk").union(aliased))
            picked = True
    if indexed:
        ids = ids.filter(search_index.people(indexed))
    return ids.values("pk")


def _starts_a_word(word, fields):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__istartswith": word}) | Q(**{f"{field}__icontains": f" {word}"})
    return condition


class NameKey(Func):
    """UPPER(a || ' ' || b), one name as the prefix indexes of participants/migrations/0003 hold it: on PostgreSQL in
    the "C" collation, so that LIKE 'PREFIX%' reads a range of the index and ORDER BY reads it in order."""

    output_field = CharField()

    def as_sql(self, compiler, connection):
        parts = [compiler.compile(expression) for expression in self.get_source_expressions()]
        sql = "UPPER({})".format(" || ' ' || ".join(part_sql for part_sql, _params in parts))
        if connection.vendor == "postgresql":
            sql = f'({sql} COLLATE "C")'
        return sql, tuple(param for _sql, params in parts for param in params)


class StartsWith(Func):
    """key LIKE 'PREFIX%': a NameKey that starts with the text typed (in capitals)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        key, prefix = self.get_source_expressions()
        key_sql, key_params = compiler.compile(key)
        if connection.vendor == "sqlite":
            # A range of the expression indexes of participants/search_index.py: SQLite reads a LIKE on an
            # expression by reading every row. Both sides are in SQLite's capitals (ASCII), as LIKE compared them.
            return f"{key_sql} >= UPPER(%s) AND {key_sql} < UPPER(%s) || char(1114111)", (
                *key_params,
                prefix.value,
                *key_params,
                prefix.value,
            )
        escaped = prefix.value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{key_sql} LIKE %s ESCAPE '\\'", (*key_params, escaped + "%")


def _starting(forms, queryset, size):
    """The ids of the people a name of whom starts with a form typed (given name first, family name first, the name in
    own script, another name), at most `size` of each, in name order: every one of them ranks as a prefix or exact
    match, and on PostgreSQL each kind is one range of a btree index, stopped at the LIMIT however many share the first
    letters (thousands hold "Yu")."""
    keys = [
        (queryset, NameKey("given_name", "family_name"), "pk"),
        (queryset, NameKey("family_name", "given_name"), "pk"),
        (queryset.exclude(name_local=""), NameKey("name_local"), "pk"),
        (PersonAlias.objects.all(), NameKey("name"), "person_id"),
    ]
    parts = [
        rows.filter(StartsWith(key, Value(prefix))).order_by(key).values_list(column, flat=True)[:size]
        for prefix in dict.fromkeys(" ".join(form.split()).upper() for form in forms)
        for rows, key, column in keys
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        return parts[0].union(*parts[1:], all=True)  # a subquery of the statement that reads the people
    return {pk for part in parts for pk in part}


def _candidates(forms, queryset, size, limit):
    """The people worth ranking, at most `size` of each kind: those a name of whom starts with what was typed; when
    fewer than `limit` do, those holding every word of a form; and, when still fewer than `limit` and none has exactly
    the name typed, near misses: those with every word typed, or a near miss of it, in their given or family name (or
    in one other name). Each kind is in name order: which few of the thousands holding "Yu" come is no matter, as each
    ranks the same; a near miss must be near in every word ("Yutong Lui": the Yutong Lius, not every Yutong Li)."""
    aliases = Prefetch("aliases", queryset=PersonAlias.objects.order_by("name"), to_attr=ALIASES_READ)
    by_name = queryset.order_by("family_name", "given_name", "id").prefetch_related(aliases)
    found = {person.pk: person for person in by_name.filter(pk__in=_starting(forms, queryset, 2 * limit))}
    if len(found) < limit:
        parts = [
            _holding(words)
            for words in dict.fromkeys(
                tuple(sorted(filter_words(search_words(form), longest=FILTER_WORDS))) for form in forms
            )
        ]
        # Several forms (Chinese characters and their pinyin): one UNION of their answers fetched by primary key
        # (pk_among), where an OR of them made PostgreSQL read every person in name order (171 -> 38 ms for 李振云).
        holding = pk_among(parts) if len(parts) > 1 else Q(pk__in=parts[0])
        more = by_name.filter(holding).exclude(pk__in=list(found))[:size]
        found.update((person.pk, person) for person in more)
    words = [w for form in forms for w in name_words(form)]
    # Near misses of a name in Chinese characters are looked for through its pinyin form only if at all; and four
    # letters are the least a near miss is told from noise by.
    worth_it = not _CJK.search(forms[0]) and len("".join(name_words(forms[0]))) >= 4
    worth_it = worth_it and len(name_words(forms[0])) <= NEAR_WORDS  # a longer text is no typo of a name
    # Someone has exactly the name typed: no near miss is looked for (as the import matcher does).
    if len(found) < min(limit, NEAR_WHEN_FEWER) and words and worth_it and not _has_exact(found.values(), forms):
        near = _near(name_words(forms[0]), best=size)
        # On SQLite the index gave the `size` closest people and the `size` closest by other names: all are ranked.
        more = by_name.filter(pk__in=near).exclude(pk__in=list(found))[: 2 * size if search_index.in_use() else size]
        found.update((person.pk, person) for person in more)
    return found.values()


def _has_exact(people, forms):
    return any((_best(tuple(forms), tuple(person_names(p))) or (0,))[0] == EXACT for p in people)


@lru_cache(maxsize=4096)
def _best(forms, names):
    """(tier, score, name) of the names for the forms typed, or None: once per name, however many people share it
    (hundreds of Zhenyun Lis) and however many keystrokes ask."""
    return max((found for form in forms if (found := best_name(form, names))), default=None)


def _near(words, *, best=None):
    """The ids of the people with every word typed, or a near miss of it (common.search_candidates), in their given or
    family name, or all in one other name; the last word may be the start of a name still being typed. One condition
    per word on the same row: on PostgreSQL a BitmapAnd of the trigram indexes, which reads only the rows near in
    every word, where a UNION of each word's near misses read every Yutong and every Liu."""
    named, aliased = _near_conditions(words, best=best)
    people = Person.objects.filter(named).order_by().values("pk")
    return people.union(PersonAlias.objects.filter(aliased).order_by().values("person_id"))


def _near_conditions(words, *, best=None):
    """(condition on Person, condition on PersonAlias) for _near(). On SQLite the words the FTS5 index finds are one
    question each for the people and for their other names, read the closest first and stopped at
    search_index.NEAR_CANDIDATES (a near miss of "Yutong" shares "ong" with thousands)."""
    named, aliased = Q(), Q()
    named_questions, aliased_questions = [], []
    words = list(dict.fromkeys(words))
    # A word of two letters among longer ones ("Yutong Li", still typed) is tested on the rows the longer ones find:
    # read from the index, "LI%" alone is 12,000 people, each then tested for a near miss of the others (118 ms).
    tested = any(len(word) > 2 for word in words)
    for position, word in enumerate(words):
        last = position == len(words) - 1
        if len(word) < 2 and not last:
            continue  # an initial is near no other word: rank_name decides
        texts = _near_texts(word, last=last)
        named_question = search_index.near(texts, search_index.LATIN_COLUMNS)
        aliased_question = search_index.near(texts, ["other_names"])
        if named_question and aliased_question:
            named_questions.append(named_question)
            aliased_questions.append(aliased_question)
            continue
        named &= _near_word(word, ["given_name", "family_name"], last=last, tested=tested)
        aliased &= _near_word(word, ["name"], last=last, tested=tested)
    if named_questions:
        best = best or search_index.NEAR_CANDIDATES
        named &= search_index.people(named_questions, best=best)
        aliased &= search_index.people(aliased_questions, column="person_id", best=best)
    return named, aliased


def _near_texts(word, *, last):
    """What a name holds when it may be a near miss of the word, for the FTS5 index: the word with two neighbouring
    letters swapped, its pieces of three letters (the trigrams PostgreSQL compares; among them the first and last
    three letters LIKE asked for), and for the last word, a word starting with it (the name is still being typed)."""
    if len(word) > 2:
        texts = (swaps(word) if len(word) <= 8 else []) + (search_index.trigrams(word) if len(word) > 3 else [])
        return texts + ([f" {word}"] if last else [])
    return [f" {variant}" for variant in swaps(word) + ([word] if last else [])]


def _near_word(word, fields, *, last, tested=False):
    """A Q that holds when one of the fields may be a near miss of the word (or, for the last word, starts with it). A
    word of two letters is looked for at the start of a field only, swapped or not: a substring that short is in
    everyone's name, and no index finds it fast. tested: the word's condition is one the indexes cannot read (the
    same test, LEFT(UPPER(field), 2) = UPPER(variant)), so that PostgreSQL tests it on the rows the others found."""
    if len(word) > 2:
        parts = near_parts([word], fields) + ([_starts_a_word(word, fields)] if last else [])
    else:
        variants = swaps(word) + ([word] if last else [])
        if tested and connection.vendor == "postgresql":
            parts = [
                Q(Exact(Left(Upper(field), len(variant)), Upper(Value(variant))))
                for variant in variants
                for field in fields
            ]
        else:
            parts = [Q(**{f"{field}__istartswith": variant}) for variant in variants for field in fields]
    condition = Q(pk__in=[])
    for part in parts:
        condition |= part
    return condition


def search_people(text, *, limit=8, queryset=None):
    """[Match] for the people the text typed may stand for, best first: score 100 for an exact name, less for a
    prefix, a word or a near miss; Match.kind says which."""
    text = cut_query(text)[0]
    forms = query_forms(text)
    if not forms or len("".join(text.split())) < 1:
        return []
    queryset = queryset if queryset is not None else Person.objects.all()
    ranked = []
    for person in _candidates(forms, queryset, max(limit * 8, 60), limit):
        best = _best(tuple(forms), tuple(person_names(person)))
        if best:
            tier, score, name = best
            ranked.append((-tier, -score, person.full_name.casefold(), person.pk, person, name, tier, score))
    ranked.sort(key=lambda row: row[:4])
    return [Match(row[4], row[7], row[5], TIER_NAMES[row[6]]) for row in ranked[:limit]]


def search_ids(text, *, limit=RANKED):
    """The ids of the people found, best first: what the people list and the site search filter and order by."""
    return [match.record.pk for match in search_people(text, limit=limit)]


def people_matching(text, queryset=None):
    """The people list's and the site search's answer: the people search_people() finds, best first, then any
    other person holding every word typed, by name."""
    queryset = queryset if queryset is not None else Person.objects.all()
    words = search_words(text)
    if not words:
        return queryset
    # By primary key from one UNION of the ranked and the holding (as the organisations' finder does), where an OR
    # of the two read every person (李 at 100,000 people: 2,547 holding it, 44 ms a query).
    holding = Person.objects.search(words).order_by().values("pk")
    return ranked_first_among(queryset, search_ids(text), holding)


# Who a written name stands for (an attendance import's row, a report's mention, the look-alike check): exact names
# and e-mails through the indexes of the stored keys, near misses from the search's own candidates. Never every
# person into Python: each name costs a bounded number of queries, and exact names of many rows cost one.

_BATCH = 500  # names or e-mails per query when many are asked at once


class PeopleMatcher:
    """Matches names to the people on record. prefetch() reads the exact names and e-mails of many rows at once (an
    import, a report) and prefetch_unmatched() the near misses of those not found, fifty names a query; match_ids()
    answers one name, with near misses (a typo, two letters swapped) from the search's own candidates when asked."""

    def __init__(self, queryset=None):
        self.queryset = queryset if queryset is not None else Person.objects.all()
        self._by_key = {}  # name key -> [(person id, name matched)]
        self._by_email = {}  # e-mail, upper case -> [person id]
        self.full_names = {}  # person id -> full name, the order among equal scores
        self._near = {}  # text -> {person id: [their names]} for who may be a near miss of it
        self.fast = True  # near misses read with each text's SQL built from that of its shape (_near_part_sql)

    def prefetch(self, names=(), emails=()):
        """Read the people with any of these names (by their stored keys) or e-mails, in a few queries."""
        keys = list(dict.fromkeys(k for k in map(name_key, names) if k and k not in self._by_key))
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start : start + _BATCH]
            for key in chunk:
                self._by_key[key] = []
            people = self.queryset.filter(Q(match_key__in=chunk) | Q(local_key__in=chunk))
            for person in people.only(
                "given_name", "family_name", "name_order", "name_local", "match_key", "local_key"
            ):
                self.full_names[person.pk] = person.full_name
                if person.match_key in self._by_key:
                    self._by_key[person.match_key].append((person.pk, person.full_name))
                if person.local_key in self._by_key and person.local_key != person.match_key:
                    self._by_key[person.local_key].append((person.pk, person.name_local))
            aliases = PersonAlias.objects.filter(match_key__in=chunk, person__in=self.queryset.values("pk"))
            for person_id, name, key in aliases.order_by("name").values_list("person_id", "name", "match_key"):
                self._by_key[key].append((person_id, name))
        wanted = list(dict.fromkeys(e.strip().upper() for e in emails if e and e.strip()))
        wanted = [e for e in wanted if e not in self._by_email]
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            for email in chunk:
                self._by_email[email] = []
            found = self.queryset.annotate(upper_email=Upper("email")).filter(upper_email__in=chunk)
            for person in found.only("given_name", "family_name", "name_order", "name_local", "email"):
                self.full_names[person.pk] = person.full_name
                self._by_email.setdefault(person.upper_email, []).append(person.pk)  # as the database wrote it

    def prefetch_unmatched(self, rows):
        """prefetch() for [(name, e-mail)], then prefetch_near() for the names neither found exactly."""
        rows = [(cut_query(name)[0], email) for name, email in rows]
        self.prefetch([name for name, _email in rows], [email for _name, email in rows])
        unmatched = [
            name
            for name, email in rows
            if not self._by_key.get(name_key(name)) and not (email and self._by_email.get(email.strip().upper()))
        ]
        self.prefetch_near(unmatched)

    def match(self, text, *, email="", limit=5, near_misses=True):
        """[Match] for the people who may be the person written, best first: an e-mail or an exact name (any order,
        own script, another name) scores 100, a near miss in every word less. near_misses=False leaves near misses
        out when someone has exactly the name written."""
        return self.resolve([self.match_ids(text, email, limit=limit, near_misses=near_misses)])[0]

    def match_ids(self, text, email="", *, limit=5, near_misses=True):
        """[(person id, score, name matched)], best first; resolve() turns them into Matches."""
        text = cut_query(text)[0]
        self.prefetch([text], [email])
        best = {}
        for pk in self._by_email.get((email or "").strip().upper(), []) if email else []:
            best[pk] = (EXACT_SCORE, email.strip())
        for pk, name in self._by_key.get(name_key(text), ()):
            best.setdefault(pk, (EXACT_SCORE, name))
        query = name_tokens(text)
        if query and (near_misses or not best):
            self.prefetch_near([text])
            for pk, names in self._near[text].items():
                for name in names:
                    score = tokens_similarity(query, name_tokens(name))
                    if score >= TOKEN_SIMILARITY and score > best.get(pk, (0,))[0]:
                        best[pk] = (score, name)
                        self.full_names.setdefault(pk, name)
        return self._best_first(best)[:limit]

    def prefetch_near(self, texts):
        """Read the people who may be a near miss of each text (common.search_candidates, as the search finds them)
        with their names, in one query for NEAR_BATCH texts, at most NEAR_CANDIDATES people each on PostgreSQL."""
        wanted = {}
        for text in texts:
            if text in self._near:
                continue
            self._near[text] = {}
            forms = query_forms(text)
            words = name_words(forms[-1] if forms and _CJK.search(forms[0]) else (forms or [""])[0])
            if len("".join(words)) >= 2:
                wanted[text] = words
        items = list(wanted.items())
        query = self.queryset.query
        fast = self.fast and self.queryset.model is Person and not query.where and not query.annotations
        for start in range(0, len(items), NEAR_BATCH):
            parts = []
            for position, (_text, words) in enumerate(items[start : start + NEAR_BATCH]):
                built = fast and _near_part_sql(words, position)
                if built is None or built is False:
                    built = [_sql_of(part) for part in _near_parts(self.queryset, words, position)]
                parts += [part for part in built if part is not None]
            if not parts:
                continue
            rows = union_all_rows(parts)
            for pk, position, given, family, local, other in rows:
                names = [" ".join(p for p in (given, family) if p), local, other]
                found = self._near[items[start + position][0]].setdefault(pk, [])
                found += [name for name in names if name and name not in found]

    def sharing_a_name(self, text, *, limit=5):
        """People who have the one name written ("Mr. Chen") as their given or family name. Never a match on its own
        (there are two Mr. Chens), but the people to offer when a report gives only a family name."""
        return self.resolve([self.sharing_ids(text, limit=limit)])[0]

    def sharing_ids(self, text, *, limit=5):
        query = name_tokens(cut_query(text)[0])
        if len(query) != 1:
            return []
        people = self.queryset.filter(Q(family_name__iexact=query[0]) | Q(given_name__iexact=query[0]))
        found = {}
        for person in people.order_by("family_name", "given_name", "id")[:limit]:
            self.full_names[person.pk] = person.full_name
            found[person.pk] = (PARTIAL, person.full_name)
        return self._best_first(found)[:limit]

    def resolve(self, results):
        """[[(person id, score, matched on)]] -> [[Match]], with one query for every person named."""
        pks = {pk for found in results for pk, _score, _name in found}
        people = Person.objects.in_bulk(pks) if pks else {}
        return [[Match(people[pk], score, name) for pk, score, name in found if pk in people] for found in results]

    def _best_first(self, found):
        ordered = sorted(found.items(), key=lambda item: (-item[1][0], self.full_names.get(item[0], ""), item[0]))
        return [(pk, score, name) for pk, (score, name) in ordered]


def _near_parts(queryset, words, position):
    """The two values_list() parts of prefetch_near() for one text's words: its people and its other names."""
    blank = Value("", output_field=CharField())
    named, aliased = _near_conditions(words)
    row = Value(position)
    people = queryset.filter(named).annotate(row=row, other=blank).order_by("pk")
    aliases = PersonAlias.objects.filter(aliased, person__in=queryset.values("pk"))
    aliases = aliases.annotate(row=row, given=blank, family=blank, local=blank).order_by("person_id")
    parts = [
        people.values_list("pk", "row", "given_name", "family_name", "name_local", "other"),
        aliases.values_list("person_id", "row", "given", "family", "local", "name"),
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        return [part[:NEAR_CANDIDATES] for part in parts]
    return [part.order_by() for part in parts]


def _sql_of(part):
    """(sql, params) of a part, or None for one that can hold no row (as a UNION leaves it out)."""
    try:
        return part.query.sql_with_params()
    except EmptyResultSet:
        return None


_LATIN = re.compile(r"[a-z]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROW = -31337  # a text's position while its shape's SQL is compiled
_QUOTED = re.compile(r'"[^"]*"')
_near_compiled = {}  # (vendor, shape) -> [(sql, params)] of the shape's own words


def _near_part_sql(words, position):
    """_near_parts()' (sql, params) for every person (PeopleMatcher's queryset unfiltered), built from the SQL Django
    compiled once for the words' shape: the same words with each distinct letter replaced by a, b, c, … in the order
    they come (so "anna li" is "abba cd": the same lengths, the same letters repeated, the same swaps and trigrams),
    then the words' letters put back in the parameters (in an FTS5 query, inside its quoted texts only). For Latin
    words of letters only; None for any other (built by Django). tests/participants/test_matching.py compares both."""
    if not words or not all(_LATIN.fullmatch(word) for word in words):
        return None
    letters = {}
    for letter in "".join(words):
        if letter not in letters:
            letters[letter] = _LETTERS[len(letters)]
    shape = tuple("".join(letters[letter] for letter in word) for word in words)
    key = (connection.vendor, search_index.in_use(), shape)
    if key not in _near_compiled:
        if len(_near_compiled) >= NEAR_SHAPES:
            _near_compiled.clear()  # a bounded memory, whatever names a long-running process is asked about
        compiled = [_sql_of(part) for part in _near_parts(Person.objects.all(), list(shape), _ROW)]
        _near_compiled[key] = [part for part in compiled if part is not None]
    compiled = _near_compiled[key]
    back = str.maketrans("".join(letters.values()), "".join(letters))
    return [(sql, [_put_back(param, back, position) for param in params]) for sql, params in compiled]


def _put_back(param, back, position):
    if param == _ROW and isinstance(param, int):
        return position
    if not isinstance(param, str):
        return param
    if '"' in param:  # an FTS5 query: its column names and operators stay
        return _QUOTED.sub(lambda quoted: quoted.group(0).translate(back), param)
    return param.translate(back)


EXACT_SCORE = 100
NEAR_CANDIDATES = 60  # people ranked for a name's near misses, at most (on PostgreSQL)
NEAR_BATCH = 50  # names whose near misses are read in one query (two parts each: SQLite allows 500 in a UNION)
NEAR_SHAPES = 2000  # shapes of names (_near_part_sql) whose compiled SQL is kept, at most


def match_people(text, *, email="", queryset=None, limit=5):
    """Existing people who may be the person written, best first. An e-mail that matches is an exact match."""
    if not name_tokens(cut_query(text)[0]) and not (email or "").strip():
        return []
    return PeopleMatcher(queryset).match(text, email=email, limit=limit)
