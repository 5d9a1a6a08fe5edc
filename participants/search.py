"""The one search for people: the type-ahead, the people list's ?q=, the site search and the look-alike check before a
new person is made all ask here.

A person is found by any word or the start of any of their names: given and family name in either order, the name in
own script, other names; Chinese characters typed are read as pinyin too (李振云 finds Zhenyun Li); honorifics typed
are ignored. Near misses (a typo, two letters swapped, a space or hyphen missing) come last. Ranked: exact, prefix,
word, near miss (common.search.rank_name), then by name.
"""

import re

from django.db import connection
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Concat, Greatest

from common.search import EXACT, TIER_NAMES, any_field_contains, best_name, name_words, ranked_first, search_words
from common.search_candidates import RANKED, Similarity, near_ids
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


def _candidates(forms, queryset, size, limit):
    """The people worth ranking, at most `size` of each kind: those holding every word of a form, and, when fewer
    than `limit` do and none has exactly the name typed, near misses. On PostgreSQL each kind comes closest name
    first by trigram similarity (among thousands holding "Yu" the Yutongs; among every Liu for "Yutong Lui", Yutong
    Liu); on SQLite by name."""
    aliases = Prefetch("aliases", queryset=PersonAlias.objects.order_by("name"))
    if connection.vendor == "postgresql":
        latin = Concat("given_name", Value(" "), "family_name")
        reversed_latin = Concat("family_name", Value(" "), "given_name")
        closeness = [
            Similarity(field, Value(form)) for form in forms for field in (latin, reversed_latin, F("name_local"))
        ]
        queryset = queryset.annotate(closeness=Greatest(*closeness)).order_by("-closeness", "id")
    else:
        queryset = queryset.order_by("family_name", "given_name", "id")
    holding = Q()
    for words in dict.fromkeys(tuple(sorted(search_words(form))) for form in forms):
        holding |= Q(pk__in=_holding(words))
    found = {person.pk: person for person in queryset.filter(holding).prefetch_related(aliases)[:size]}
    words = [w for form in forms for w in name_words(form)]
    # Someone has exactly the name typed: no near miss is looked for (as the import matcher does).
    exact = any((best_name(form, person_names(p)) or (0,))[0] == EXACT for p in found.values() for form in forms)
    # Near misses of a name in Chinese characters are looked for through its pinyin form only if at all; and four
    # letters are the least a near miss is told from noise by.
    worth_it = not _CJK.search(forms[0]) and len("".join(name_words(forms[0]))) >= 4
    if len(found) < limit and words and not exact and worth_it:
        near = [
            ids
            for ids in (
                near_ids(Person, words, Person.NAME_FIELDS),
                near_ids(PersonAlias, words, ["name"], column="person_id"),
            )
            if ids is not None
        ]
        if near:
            union = near[0].union(*near[1:]) if len(near) > 1 else near[0]
            more = queryset.filter(pk__in=union).exclude(pk__in=list(found)).prefetch_related(aliases)[:size]
            found.update((person.pk, person) for person in more)
    return found.values()


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
        names = person_names(person)
        best = max((found for form in forms if (found := best_name(form, names))), default=None)
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
