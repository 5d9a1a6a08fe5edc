"""SQLite's FTS5 index with the trigram tokenizer, for the finders on the embedded default database.

SQLite reads a LIKE '%word%' by reading every row (530-1,550 ms a keystroke at 100,000 people). An FTS5 table with
the trigram tokenizer finds the rows holding a substring of three characters or more from its index, ignoring case
(Unicode case, as PostgreSQL's UPPER does, where SQLite's LIKE folds ASCII only). Each finder keeps one such table
beside its model, one row per record with the record's id as rowid, maintained by triggers (the migrations that
create them run only on SQLite, and only where the sqlite3 library has FTS5 and the trigram tokenizer: elsewhere
the finders keep to LIKE). Every name is stored with a space before it, so that " li" (three characters) finds the
names with a word starting with "li", as PostgreSQL's trigram indexes find " li" for the same search.
"""

import functools
import sqlite3

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

MIN_LENGTH = 3  # the shortest text a trigram index finds: a shorter one is left to LIKE


@functools.cache
def trigram_available():
    """True when this Python's sqlite3 has FTS5 with the trigram tokenizer (SQLite 3.34 or later, built with FTS5)."""
    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.Error:
        return False
    return True


def in_use(connection=connection):
    """True when the finders read the FTS5 tables: on SQLite with the trigram tokenizer."""
    return connection.vendor == "sqlite" and trigram_available()


def phrase(text):
    """text as one FTS5 string: found where it is a substring of a column (three characters or more)."""
    return '"' + text.replace('"', '""') + '"'


def findable(text):
    """True when the trigram index finds text (three characters or more)."""
    return len(text) >= MIN_LENGTH


def any_of(columns, texts):
    """An FTS5 query: one of the texts in one of the columns."""
    names, alternatives = " ".join(columns), " OR ".join(phrase(text) for text in texts)
    return "{" + names + "}: (" + alternatives + ")"


def every(queries):
    """An FTS5 query holding when every one of the queries holds (on the same row: the same record)."""
    return " AND ".join(f"({query})" for query in queries)


def matching(table, query, *, column="pk", best=None):
    """A Q holding for the records whose column is the rowid of a row of table matching the FTS5 query; with best,
    only that many, those matching best first (bm25: more of the texts asked for, and rarer ones)."""
    sql = f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s'
    if best is not None:
        sql += f" ORDER BY rank LIMIT {int(best)}"
    return Q(**{f"{column}__in": RawSQL(sql, [query])})
