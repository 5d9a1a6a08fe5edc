"""The people finder's index on SQLite (the embedded default): PostgreSQL has its trigram and prefix indexes
(overview/migrations/0002, participants/migrations/0003).

- participants_person_fts: an FTS5 table with the trigram tokenizer (common/fts.py), one row per person (rowid: the
  person's id) holding their given name, family name, name in own script and other names, each after a space; kept
  by triggers on people and their other names, so that every door (page, API, admin, import, bulk_create) keeps it.
  Made only where the sqlite3 library has the trigram tokenizer; the finder keeps to LIKE elsewhere.
- Expression indexes on the names as participants.search.NameKey writes them (UPPER(given || ' ' || family), …):
  a name starting with what was typed is a range of an index, read in order and stopped at the LIMIT.

Django's SQLite schema editor alters a table by making a new one and dropping the old, which drops the old one's
triggers and indexes: ensure() runs after every migrate (apps.py) and makes again what is missing, refilling the
table when a trigger was missing (a change made meanwhile would not be in it).
"""

from common import fts
from common.fts import trigram_available

TABLE = "participants_person_fts"

PREFIX_INDEXES = {
    "person_given_family_key_idx": ("participants_person", "given_name || ' ' || family_name"),
    "person_family_given_key_idx": ("participants_person", "family_name || ' ' || given_name"),
    "person_name_local_key_idx": ("participants_person", "name_local"),
    "personalias_name_key_idx": ("participants_personalias", "name"),
}

_OTHER_NAMES = (
    "(SELECT COALESCE(GROUP_CONCAT(' ' || name, ''), '') FROM participants_personalias WHERE person_id = {id})"
)

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
    "USING fts5(given_name, family_name, name_local, other_names, tokenize='trigram')"
)

TRIGGERS = {
    "insert": f"""AFTER INSERT ON participants_person BEGIN
        INSERT INTO {TABLE} (rowid, given_name, family_name, name_local, other_names)
        VALUES (new.id, ' ' || new.given_name, ' ' || new.family_name, ' ' || new.name_local,
                {_OTHER_NAMES.format(id="new.id")});
    END""",
    "update": f"""AFTER UPDATE OF given_name, family_name, name_local ON participants_person BEGIN
        UPDATE {TABLE} SET given_name = ' ' || new.given_name, family_name = ' ' || new.family_name,
            name_local = ' ' || new.name_local
        WHERE rowid = new.id;
    END""",
    "delete": f"""AFTER DELETE ON participants_person BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
    END""",
    "alias_insert": f"""AFTER INSERT ON participants_personalias BEGIN
        UPDATE {TABLE} SET other_names = {_OTHER_NAMES.format(id="new.person_id")} WHERE rowid = new.person_id;
    END""",
    "alias_update": f"""AFTER UPDATE OF name, person_id ON participants_personalias BEGIN
        UPDATE {TABLE} SET other_names = {_OTHER_NAMES.format(id="old.person_id")} WHERE rowid = old.person_id;
        UPDATE {TABLE} SET other_names = {_OTHER_NAMES.format(id="new.person_id")} WHERE rowid = new.person_id;
    END""",
    "alias_delete": f"""AFTER DELETE ON participants_personalias BEGIN
        UPDATE {TABLE} SET other_names = {_OTHER_NAMES.format(id="old.person_id")} WHERE rowid = old.person_id;
    END""",
}

FILL = [
    f"DELETE FROM {TABLE}",
    f"""INSERT INTO {TABLE} (rowid, given_name, family_name, name_local, other_names)
        SELECT id, ' ' || given_name, ' ' || family_name, ' ' || name_local, {_OTHER_NAMES.format(id="person.id")}
        FROM participants_person AS person""",
]


def ensure(connection):
    """Make what is missing of the index on a SQLite database (nothing elsewhere); True when anything was."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'table', 'trigger')")
        present = {name for _type, name in cursor.fetchall()}
        if "participants_person" not in present or "participants_personalias" not in present:
            return False  # not migrated so far
        made = False
        for name, (table, expression) in PREFIX_INDEXES.items():
            if name not in present:
                cursor.execute(f"CREATE INDEX {name} ON {table} (UPPER({expression}))")
                made = True
        if not trigram_available():
            return made
        missing = [name for name in TRIGGERS if f"{TABLE}_{name}" not in present]
        if TABLE not in present or missing:
            cursor.execute(CREATE_TABLE)
            for name in missing:
                cursor.execute(f"CREATE TRIGGER {TABLE}_{name} {TRIGGERS[name]}")
            for statement in FILL:
                cursor.execute(statement)
            made = True
        return made


def drop(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        for name in PREFIX_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


# The finder's questions to the table (participants/search.py, Person.objects.search), each None where the index
# cannot answer it (not SQLite, no trigram tokenizer, a text of fewer than three characters): the finder asks LIKE.

NAME_COLUMNS = ("given_name", "family_name", "name_local", "other_names")  # Person.NAME_FIELDS and the other names
LATIN_COLUMNS = ("given_name", "family_name")
NEAR_CANDIDATES = 200  # people a near-miss question reads, the closest first (bm25 over the texts asked for)


def containing(word, columns=NAME_COLUMNS):
    """The FTS5 query for a name in one of the columns holding word, or None."""
    if not fts.in_use() or not fts.findable(word):
        return None
    return fts.any_of(columns, [word])


def starting_a_word(word, columns=NAME_COLUMNS):
    """The FTS5 query for a name in one of the columns with a word starting with word (every name is stored after a
    space: " li" starts a word), or None."""
    return containing(f" {word}", columns)


def near(texts, columns):
    """The FTS5 query for a name in one of the columns holding one of the texts (the forms of a near miss), or None
    when one of them is too short to be found (the others alone would miss what it finds)."""
    if not fts.in_use() or not texts or not all(fts.findable(text) for text in texts):
        return None
    return fts.any_of(columns, texts)


def people(queries, *, column="pk", best=None):
    """A Q holding for the people (or, with column, the rows pointing to them) matching every one of the FTS5
    queries; with best, the `best` closest only."""
    return fts.matching(TABLE, fts.every(queries), column=column, best=best)


def trigrams(word):
    """The word's pieces of three letters: a near miss of a word shares some of them with it (on PostgreSQL pg_trgm
    compares them all, word_similarity)."""
    return list(dict.fromkeys(word[i : i + 3] for i in range(len(word) - 2)))


def in_use():
    return fts.in_use()
