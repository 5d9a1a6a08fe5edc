"""The database side of the people and organisation searches: which records are worth ranking for a text typed.

Two sets of candidates, each bounded: those holding every word typed (by substring, the trigram indexes of
overview/migrations/0002 and institutes' own on PostgreSQL), and, when those are few, near misses: on PostgreSQL
names trigram-similar to a word typed (pg_trgm's % operator, on the same indexes); on both databases names holding
the word with two neighbouring letters swapped ("Kouy" for "Kuoy": a swap leaves no trigram in common in a short
word); on SQLite names holding the first or last three letters of a word. common.search.rank_name then decides.
The people search asks for the names starting with what was typed first, and for a near miss in every word typed
(participants/search.py).
"""

from django.db import connection
from django.db.models import BooleanField, Func, Q, Value

from .search import SHORT_WORD, fold

CANDIDATES = 200  # records ranked per search, at most, for each kind of candidate
RANKED = 50  # records a list or the site search shows in the search's order; the others follow by name


class TrigramSimilar(Func):
    """UPPER(column::text) %> UPPER(text): pg_trgm's word similarity operator (some word of the column is like the
    text, pg_trgm.word_similarity_threshold) on the expression the trigram indexes are built on, so the planner reads
    them."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        column, value = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        value_sql, value_params = compiler.compile(value)
        return f"UPPER({column_sql}::text) %%> UPPER({value_sql})", (*column_params, *value_params)


def swaps(word):
    """The word with each pair of neighbouring letters swapped."""
    return list(dict.fromkeys(word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)))


def near_parts(words, fields, *, broad=False):
    """Q objects, one per field and form of a word, each holding when the field may be a near miss of the word.
    Each is read from one trigram index on PostgreSQL; a UNION of them (near_ids) keeps it so, where one OR of
    them all made the planner read the whole table. Latin words are compared with Latin fields only. broad: on
    PostgreSQL too, the names starting with the first or ending with the last three letters of a word of at most 8
    (an acronym one letter off, "SCCFPI" for PCCFPI, shares no trigram similarity worth the name)."""
    parts = []
    for word in dict.fromkeys(fold(w) for w in words):
        if len(word) < 2:
            continue
        for field in fields if not word.isascii() else [f for f in fields if f != "name_local"]:
            for variant in swaps(word) if len(word) <= 8 else ():
                parts.append(Q(**{f"{field}__icontains": variant}))
            if len(word) > SHORT_WORD:
                if connection.vendor == "postgresql":
                    parts.append(Q(TrigramSimilar(field, Value(word))))
                    if broad and len(word) <= 8:
                        # A one-word name one letter off keeps the word's first or last three letters at its start or
                        # end: "…ong" inside a name ("Chongqing") made 509 candidates for "Yutong" at 10,000
                        # organisations, ranked to find none.
                        parts.append(Q(**{f"{field}__istartswith": word[:3]}) | Q(**{f"{field}__iendswith": word[-3:]}))
                else:
                    parts.append(Q(**{f"{field}__icontains": word[:3]}) | Q(**{f"{field}__icontains": word[-3:]}))
    return parts


def near_ids(model, words, fields, column="pk", *, broad=False):
    """A values() queryset of `column` for the rows of model that may be a near miss of one of the words, or None."""
    parts = [model.objects.filter(part).order_by().values(column) for part in near_parts(words, fields, broad=broad)]
    if not parts:
        return None
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
