"""The database side of the people and organisation searches: which records are worth ranking for a text typed.

Two sets of candidates, each bounded: those holding every word typed (by substring, the trigram indexes of
overview/migrations/0002 and institutes' own on PostgreSQL), and, when those are few, near misses: on PostgreSQL
names trigram-similar to a word typed (pg_trgm's % operator, on the same indexes); on both databases names holding
the word with two neighbouring letters swapped ("Kouy" for "Kuoy": a swap leaves no trigram in common in a short
word); on SQLite names holding the first or last three letters of a word. common.search.rank_name then decides.
"""

from django.db import connection
from django.db.models import BooleanField, Func, Q, Value

from .search import SHORT_WORD, fold

CANDIDATES = 200  # records ranked per search, at most, for each kind of candidate


class TrigramSimilar(Func):
    """UPPER(column::text) % UPPER(text): pg_trgm's similarity operator on the expression the trigram indexes are
    built on, so the planner reads them."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        column, value = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        value_sql, value_params = compiler.compile(value)
        return f"UPPER({column_sql}::text) %% UPPER({value_sql})", (*column_params, *value_params)


def swaps(word):
    """The word with each pair of neighbouring letters swapped."""
    return list(dict.fromkeys(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)))


def near_condition(words, fields):
    """A Q that holds when one of the fields may be a near miss of one of the words."""
    condition = Q()
    for word in {fold(w) for w in words}:
        if len(word) < 2:
            continue
        for variant in swaps(word) if len(word) <= 8 else ():
            for field in fields:
                condition |= Q(**{f"{field}__icontains": variant})
        if len(word) > SHORT_WORD:
            for field in fields:
                if connection.vendor == "postgresql":
                    condition |= Q(TrigramSimilar(field, Value(word)))
                else:
                    condition |= Q(**{f"{field}__icontains": word[:3]}) | Q(**{f"{field}__icontains": word[-3:]})
    return condition
