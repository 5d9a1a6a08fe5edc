import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from institutes.services import move_references

from .models import Person, PersonAlias, Position
from .names import NAME_PARTS, split_name


@transaction.atomic
def person_merge(*, keep, duplicates):
    """Fold duplicate person records into `keep`: attendance, positions, statements, signatures, owned actions and
    other names move to it; the duplicates' own names become other names of it; a duplicate's user account is linked
    to `keep` when `keep` has none. Returns how many rows moved."""
    total = 0
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        moved, _dropped = move_references(duplicate=duplicate, keep=keep)
        total += moved
        User = get_user_model()
        if not User.objects.filter(person=keep).exists():
            User.objects.filter(person=duplicate).update(person=keep)
        known = {a.name.casefold() for a in keep.aliases.all()} | {keep.full_name.casefold()}
        for name in [duplicate.full_name, duplicate.name_local]:
            if name and name.casefold() not in known and name != keep.name_local:
                alias = PersonAlias(person=keep, name=name)
                alias.full_clean()
                alias.save()
                known.add(name.casefold())
        duplicate.delete()
    return total


def person_from_name(name, *, email="", evidence="", name_order=""):
    """An unsaved Person for a name as written (an attendance list, a quick add, a report), split by the one name
    rule (names.split_name); `evidence` is the text around it, if any; `name_order`, the order the user chose for a
    name whose order the rule could only guess."""
    parts = split_name(name, evidence=evidence)
    parts |= next((r for r in parts["alternatives"] if r["name_order"] == name_order), {})
    return Person(email=email[:254], **{field: parts[field] for field in NAME_PARTS})


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


def _same_title(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def position_from_attendance(person, organisation, title, on_date, *, user=None):
    """Record that `person` held `title` at `organisation` on `on_date`, as typed on an attendance row. Returns the
    position that says so (None when the row gives no title, organisation or date)."""
    made = positions_from_attendance([(person, organisation, title)], on_date=on_date, user=user)
    return made[0] if made else None


@transaction.atomic
def positions_from_attendance(rows, *, on_date, user=None):
    """For each (person, organisation, title) typed at a meeting on `on_date`, the person's position there.

    A position with the same title (case and spaces aside) at that organisation, not ended before the day, is
    theirs already: nothing new, though one known only from a later day now starts on this one. A different title
    starts a new position from the day rather than overwriting: the title they held there with no end, from before
    the day, ends the day before; and the new one ends the day before a different title they are known to hold there
    from a later day. Positions at other organisations are left alone. Reads the people's positions in one query.
    Returns the positions of the rows that give a person on record, a title and an organisation, in their order."""
    wanted = [
        (person, organisation, " ".join(title.split())[:200])
        for person, organisation, title in rows
        if person is not None and person.pk and organisation is not None and title and title.strip()
    ]
    if not wanted or on_date is None:
        return []
    held = {}
    for position in Position.objects.filter(
        person__in={p.pk for p, _o, _t in wanted}, organisation__in={o.pk for _p, o, _t in wanted}
    ).order_by("start_date", "pk"):
        held.setdefault((position.person_id, position.organisation_id), []).append(position)
    day_before = on_date - datetime.timedelta(days=1)
    result, changed, new = [], {}, []
    for person, organisation, title in wanted:
        there = held.setdefault((person.pk, organisation.pk), [])
        same = [p for p in there if _same_title(p.title, title) and (p.end_date is None or p.end_date >= on_date)]
        if same:
            position = min(same, key=lambda p: p.start_date or datetime.date.min)
            if position.start_date is not None and position.start_date > on_date:
                position.start_date = on_date
                changed[id(position)] = position
            result.append(position)
            continue
        for other in there:
            if (
                other.end_date is None
                and (other.start_date is None or other.start_date < on_date)
                and not _same_title(other.title, title)
            ):
                other.end_date = day_before
                changed[id(other)] = other
        later = [p.start_date for p in there if p.start_date is not None and p.start_date > on_date]
        position = Position(
            person=person,
            organisation=organisation,
            title=title,
            start_date=on_date,
            end_date=min(later) - datetime.timedelta(days=1) if later else None,
        )
        there.append(position)
        new.append(position)
        result.append(position)
    # The positions' own rules checked here, the people and organisations being on record: no query per row.
    for position in [*changed.values(), *new]:
        position.full_clean(exclude=["person", "organisation"], validate_constraints=False)
    changed = [p for p in changed.values() if p.pk]
    if changed:
        bulk_update_with_history(
            changed,
            Position,
            ["start_date", "end_date"],
            default_user=user,
            default_change_reason="attendance",
        )
    if new:
        bulk_create_with_history(new, Position, default_user=user, default_change_reason="attendance")
    return result
