import re

from django.db import transaction

from institutes.services import move_references

from .models import Person, PersonAlias
from .names import CHINESE_HONORIFICS, is_honorific

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_KHMER = re.compile(r"[\u1780-\u17ff]")
_CHINESE_HONORIFIC_AT_END = re.compile(f"({'|'.join(CHINESE_HONORIFICS)})$")


@transaction.atomic
def person_merge(*, keep, duplicates):
    """Fold duplicate person records into `keep`: attendance, positions, statements, signatures and other names
    move to it; the duplicates' own names become other names of it. Returns how many rows moved."""
    total = 0
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        moved, _dropped = move_references(duplicate=duplicate, keep=keep)
        total += moved
        known = {a.name.casefold() for a in keep.aliases.all()} | {keep.full_name.casefold()}
        for name in [duplicate.full_name, duplicate.name_local]:
            if name and name.casefold() not in known and name != keep.name_local:
                alias = PersonAlias(person=keep, name=name)
                alias.full_clean()
                alias.save()
                known.add(name.casefold())
        duplicate.delete()
    return total


def person_from_name(name, *, email=""):
    """A Person for a name as a report writes it: honorific set apart, Chinese or Khmer script kept as the name in
    own script (with pinyin as the Latin name for Chinese), Latin names given name first."""
    words = name.split()
    honorific = ""
    if len(words) > 1 and is_honorific(words[0]):
        honorific, words = words[0], words[1:]
    text = " ".join(words)
    person = Person(honorific=honorific[:30], email=email[:254])
    if _CJK.search(text):
        from pypinyin import lazy_pinyin  # on the first Chinese name: its dictionaries are large (see matching)

        text = _CHINESE_HONORIFIC_AT_END.sub("", text) or text
        syllables = [s.capitalize() for s in lazy_pinyin(text.replace(" ", ""))]
        person.name_local = text[:200]
        person.family_name, person.given_name = syllables[0], "".join(syllables[1:]).capitalize()
    elif _KHMER.search(text):
        person.name_local = text[:200]
    elif len(words) == 1 and honorific:
        person.family_name = words[0][:150]  # "Mr. Chen"
    elif len(words) == 1:
        person.given_name = words[0][:150]
    else:
        person.given_name, person.family_name = " ".join(words[:-1])[:150], words[-1][:150]
    return person


@transaction.atomic
def person_for_user(user):
    """The person a user account stands for, found or made and linked to the account: the one linked already, else
    the only person with the account's e-mail, else the only one with its first and last name, else a new person
    from the account. The owners' data migration follows the same rule."""
    if user.person_id:
        return user.person
    unlinked = Person.objects.filter(user__isnull=True, is_active=True)
    person = None
    if user.email:
        found = list(unlinked.filter(email__iexact=user.email)[:2])
        person = found[0] if len(found) == 1 else None
    if person is None and user.first_name and user.last_name:
        found = list(
            unlinked.filter(given_name__iexact=user.first_name, family_name__iexact=user.last_name).order_by("pk")[:2]
        )
        person = found[0] if len(found) == 1 else None
    if person is None:
        person = Person(
            given_name=(user.first_name or ("" if user.last_name else user.get_username()))[:150],
            family_name=user.last_name[:150],
            email=user.email[:254],
        )
        person._history_user = user
        person.full_clean()
        person.save()
    user.person = person
    user.save(update_fields=["person"])
    return person
