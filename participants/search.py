"""The one search for people: the type-ahead, the people list's ?q=, the site search and the look-alike check before a
new person is made all ask here.

A person is found by any word or the start of any of their names: given and family name in either order, the name in
own script, other names; Chinese characters typed are read as pinyin too (李振云 finds Zhenyun Li); honorifics typed
are ignored. Near misses (a typo, two letters swapped, a space or hyphen missing) come last. Ranked: exact, prefix,
word, near miss (common.search.rank_name), then by name.
"""

import re
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, CharField, Func, Prefetch, Q, Value

from common.search import EXACT, TIER_NAMES, any_field_contains, best_name, name_words, ranked_first, search_words
from common.search_candidates import RANKED, near_parts, swaps
from institutes.matching import Match

from .models import Person, PersonAlias
from .names import HONORIFIC_KEYS, honorific_key

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MIN_LENGTH = 2


def query_forms(text):
    """The forms of what was typed that a name is ranked against: the text without honorifics and, for Chinese
    characters, their pinyin, family name first."""
    words = [w for w in (text or "").split() if honorific_key(w) not in HONORIFIC_KEYS]
    plain = " ".join(words)
    forms = [plain] if name_words(plain) else []
    if _CJK.search(plain):
        from .matching import name_tokens  # pypinyin loads only for a Chinese name typed

        # Read as pinyin once a given name follows the family name: one character alone ("李") is every Li.
        tokens = name_tokens(plain) if len(_CJK.findall(plain)) >= 2 else ()
        pinyin = [" ".join(tokens), " ".join(reversed(tokens))]
        forms += [form for form in pinyin if form and form not in forms]
    return forms


def person_names(person):
    """Every name a person is known by: the Latin name in both orders, the name in own script, other names."""
    latin = [p for p in (person.given_name, person.family_name) if p]
    names = [" ".join(latin), " ".join(reversed(latin)), person.name_local]
    names += sorted(alias.name for alias in person.aliases.all())
    return list(dict.fromkeys(n for n in names if n))


def _holding(words):
    """The ids of the people with every word in one of their names: a word of one or two letters at the start of a
    name's word ("Li", not the "li" of "Alice": a substring that short is in everyone's name, and no index finds it
    fast), a longer one anywhere (as Person.objects.search())."""
    ids = Person.objects.order_by()
    for word in words:
        if len(word) > 2:
            named = Person.objects.filter(any_field_contains(word, Person.NAME_FIELDS)).order_by().values("pk")
            aliased = PersonAlias.objects.filter(name__icontains=word).order_by().values("person_id")
        else:
            named = Person.objects.filter(_starts_a_word(word, Person.NAME_FIELDS)).order_by().values("pk")
            aliased = PersonAlias.objects.filter(_starts_a_word(word, ["name"])).order_by().values("person_id")
        ids = ids.filter(pk__in=named.union(aliased))
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
    aliases = Prefetch("aliases", queryset=PersonAlias.objects.order_by("name"))
    by_name = queryset.order_by("family_name", "given_name", "id").prefetch_related(aliases)
    found = {person.pk: person for person in by_name.filter(pk__in=_starting(forms, queryset, 2 * limit))}
    if len(found) < limit:
        holding = Q()
        for words in dict.fromkeys(tuple(sorted(search_words(form))) for form in forms):
            holding |= Q(pk__in=_holding(words))
        more = by_name.filter(holding).exclude(pk__in=list(found))[:size]
        found.update((person.pk, person) for person in more)
    words = [w for form in forms for w in name_words(form)]
    # Near misses of a name in Chinese characters are looked for through its pinyin form only if at all; and four
    # letters are the least a near miss is told from noise by.
    worth_it = not _CJK.search(forms[0]) and len("".join(name_words(forms[0]))) >= 4
    # Someone has exactly the name typed: no near miss is looked for (as the import matcher does).
    if len(found) < limit and words and worth_it and not _has_exact(found.values(), forms):
        near = _near(name_words(forms[0]))
        more = by_name.filter(pk__in=near).exclude(pk__in=list(found))[:size]
        found.update((person.pk, person) for person in more)
    return found.values()


def _has_exact(people, forms):
    return any((_best(tuple(forms), tuple(person_names(p))) or (0,))[0] == EXACT for p in people)


@lru_cache(maxsize=4096)
def _best(forms, names):
    """(tier, score, name) of the names for the forms typed, or None: once per name, however many people share it
    (hundreds of Zhenyun Lis) and however many keystrokes ask."""
    return max((found for form in forms if (found := best_name(form, names))), default=None)


def _near(words):
    """The ids of the people with every word typed, or a near miss of it (common.search_candidates), in their given or
    family name, or all in one other name; the last word may be the start of a name still being typed. One condition
    per word on the same row: on PostgreSQL a BitmapAnd of the trigram indexes, which reads only the rows near in
    every word, where a UNION of each word's near misses read every Yutong and every Liu."""
    named, aliased = Q(), Q()
    words = list(dict.fromkeys(words))
    for position, word in enumerate(words):
        last = position == len(words) - 1
        if len(word) < 2 and not last:
            continue  # an initial is near no other word: rank_name decides
        named &= _near_word(word, ["given_name", "family_name"], last=last)
        aliased &= _near_word(word, ["name"], last=last)
    people = Person.objects.filter(named).order_by().values("pk")
    return people.union(PersonAlias.objects.filter(aliased).order_by().values("person_id"))


def _near_word(word, fields, *, last):
    """A Q that holds when one of the fields may be a near miss of the word (or, for the last word, starts with it). A
    word of two letters is looked for at the start of a field only, swapped or not: a substring that short is in
    everyone's name, and no index finds it fast."""
    if len(word) > 2:
        parts = near_parts([word], fields) + ([_starts_a_word(word, fields)] if last else [])
    else:
        variants = swaps(word) + ([word] if last else [])
        parts = [Q(**{f"{field}__istartswith": variant}) for variant in variants for field in fields]
    condition = Q(pk__in=[])
    for part in parts:
        condition |= part
    return condition


def search_people(text, *, limit=8, queryset=None):
    """[Match] for the people the text typed may stand for, best first: score 100 for an exact name, less for a
    prefix, a word or a near miss; Match.kind says which."""
    text = (text or "").replace("\x00", "")[:200]
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
    holding = Q(pk__in=Person.objects.search(words).order_by().values("pk"))
    return ranked_first(queryset, search_ids(text), holding)
