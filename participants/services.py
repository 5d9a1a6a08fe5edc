from django.db import transaction

from institutes.services import move_references

from .models import PersonAlias


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
