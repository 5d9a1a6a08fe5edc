"""Chinese words of one or two characters on PostgreSQL: a trigram index holds no piece of them, so a search for
无锡 or 李 read every title (2.6 s at a million workshops). A GIN index on cjk_grams(...) (the function
CREATE_FUNCTION makes) holds every Chinese character of the texts and every pair of neighbouring ones; a word of one
or two characters is one of them (HasCjkGram), and the LIKE that follows it only confirms the few rows found.
"""

import re

from django.db.models import BooleanField, Func

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_ALL_CJK = re.compile(f"[{CJK}]+")

CREATE_FUNCTION = r"""CREATE OR REPLACE FUNCTION cjk_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT gram), '{}') FROM (
        SELECT substr(value, i, 1) AS gram FROM generate_series(1, length(value)) AS i
        UNION ALL
        SELECT substr(value, i, 2) FROM generate_series(1, length(value) - 1) AS i
    ) AS grams WHERE gram ~ '^[\u3400-\u4dbf\u4e00-\u9fff]+$'
$$"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS cjk_grams(text)"


def is_cjk(word):
    """True for a word of Chinese characters only."""
    return bool(_ALL_CJK.fullmatch(word))


def is_short_cjk(word):
    """True for a word of one or two Chinese characters, which the trigram indexes cannot find."""
    return 1 <= len(word) <= 2 and is_cjk(word)


def grams_sql(columns):
    """The indexed expression for the columns, as the migrations write it and HasCjkGram asks for it."""
    return "cjk_grams({})".format(" || ' ' || ".join(f"{column}::text" for column in columns))


def grams_index_operation(table, columns, index):
    """A migration operation making the GIN index of cjk_grams(columns) on PostgreSQL (nothing on SQLite), and
    dropping it when the migration is reversed."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(CREATE_FUNCTION)
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin (({grams_sql(columns)}))")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    return migrations.RunPython(create, drop)


class HasCjkGram(Func):
    """cjk_grams(a || ' ' || b) @> ARRAY[word]: the columns hold the word (one or two Chinese characters), read from
    the GIN index on that expression (PostgreSQL only)."""

    output_field = BooleanField()

    def __init__(self, word, *columns):
        from django.db.models import F, Value

        super().__init__(*(F(column) for column in columns), Value(word))

    def as_sql(self, compiler, connection):
        *columns, word = self.get_source_expressions()
        compiled = [compiler.compile(column) for column in columns]
        word_sql, word_params = compiler.compile(word)
        sql = grams_sql([column_sql for column_sql, _params in compiled])
        return f"{sql} @> ARRAY[{word_sql}]::text[]", tuple(
            param for _sql, params in compiled for param in params
        ) + tuple(word_params)
