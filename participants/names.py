"""Honorifics, written once: what a report puts before or after a person's name and is not part of it. Matching drops
them from the names compared, a name typed for a new person keeps them apart, and the demo data gives them out."""

# The usual ones, as they are written before a name.
USUAL_HONORIFICS = ("Mr.", "Ms.", "Dr.", "Prof.", "H.E.")
# Written before a Latin or Khmer name ("Lok Chumteav" is Khmer for Madam).
HONORIFICS = (
    *USUAL_HONORIFICS,
    "Mrs.",
    "Miss",
    "Mx.",
    "Professor",
    "Sir",
    "Madam",
    "Dame",
    "Eng.",
    "Ir.",
    "Lok",
    "Lok Chumteav",
    "Oknha",
)
# Written after a Chinese name, with no space: 陈建斌先生.
CHINESE_HONORIFICS = ("先生", "女士", "博士", "教授")


def honorific_key(word):
    """A word as honorifics are compared: "Mr." = "mr" = "MR", "H.E." = "he"."""
    return word.lower().replace(".", "")


HONORIFIC_KEYS = frozenset(honorific_key(h) for h in (*HONORIFICS, *CHINESE_HONORIFICS))


def is_honorific(word):
    return honorific_key(word) in HONORIFIC_KEYS
