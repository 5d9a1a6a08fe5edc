"""The one meaning of a search box: the text is split into words, and every word must appear, ignoring case, in at
least one of a record's name fields. Each model's QuerySet has a search() built on these, which the list pages, the
site search and the type-aheads all call.

`field__icontains` is what Django writes as UPPER("field"::text) LIKE UPPER(...) on PostgreSQL, the expression the
trigram indexes of overview/migrations/0002 are built on: keep to it, or the planner reads the whole table.
"""

from django.db.models import Q

MAX_SEARCH_LENGTH = 200


def search_words(text):
    """The distinct words of what was typed (a string, or words already split), at most MAX_SEARCH_LENGTH
    characters of it: a longer text would only make a longer query. NUL characters are dropped: PostgreSQL refuses
    them in any string."""
    if not isinstance(text, str):
        text = " ".join(text)
    text = text.replace("\x00", "")
    return list(dict.fromkeys(text[:MAX_SEARCH_LENGTH].split()))


def any_field_contains(word, fields):
    """A Q that holds when the word appears in at least one of the fields."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def every_word_in_any_field(words, fields):
    """A Q that holds when each word appears in at least one of the fields."""
    condition = Q()
    for word in words:
        condition &= any_field_contains(word, fields)
    return condition
