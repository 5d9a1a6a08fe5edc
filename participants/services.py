import datetime
import re
from difflib import SequenceMatcher

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from common.deletion import refuse_if_referred_to
from institutes.services import merge_begin, move_references

from .models import Person, PersonAlias, Position
from .names import NAME_PARTS, split_name

# The fields a merge shows side by side and lets the admin pick, in the order shown (see organisation_merge).
PERSON_MERGE_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "name_order",
    "name_local",
    "email",
    "phone",
    "country",
    "notes",
)
PERSON_NAME_FIELDS = ("given_name", "family_name", "name_order", "name_local")


@transaction.atomic
def person_merge(*, keep, duplicate, values=None, user):
    """Fold the person `duplicate` into `keep`, with the values picked for each field of PERSON_MERGE_FIELDS
    (`values`; a field not given keeps `keep`'s value, or fills it where blank: an e-mail, an honorific, a name in
    own script recorded only on the duplicate is kept).

    Attendance, positions, statements, signatures, owned actions and other names move to it; the names not kept
    (the duplicate's full name, a name in own script not picked) become other names; a duplicate's user account is
    linked to `keep` when `keep` has none. Admins only. Returns a MergeResult."""
    keep, duplicate, chosen, reason, result = merge_begin(
        keep=keep,
        duplicate=duplicate,
        values=values,
        user=user,
        fields=PERSON_MERGE_FIELDS,
        name_fields=PERSON_NAME_FIELDS,
    )
    result.update(move_references(duplicate=duplicate, keep=keep, user=user, reason=reason))
    User = get_user_model()
    if not User.objects.filter(person=keep).exists():
        User.objects.filter(person=duplicate).update(person=keep)

    aliases_before = keep.aliases.count()
    old_names = [keep.full_name, keep.name_local, duplicate.full_name, duplicate.name_local]
    for name, value in chosen.items():
        setattr(keep, name, value)
    # The stricter wish holds: one record saying "not named in shared records" keeps the merged one unnamed, and a
    # basis recorded only on the duplicate is kept with its source and date.
    keep.may_be_named = keep.may_be_named and duplicate.may_be_named
    if not keep.basis and duplicate.basis:
        keep.basis, keep.basis_source, keep.basis_date = duplicate.basis, duplicate.basis_source, duplicate.basis_date
    keep._history_user, keep._change_reason = user, reason
    keep.full_clean()
    keep.save()  # the kept record's own former name becomes another name here (Person.save)
    known = {a.name.casefold() for a in keep.aliases.all()} | {n.casefold() for n in (keep.full_name, keep.name_local)}
    for name in old_names:
        name = (name or "").strip()
        if name and name.casefold() not in known:
            alias = PersonAlias(person=keep, name=name)
            alias._history_user, alias._change_reason = user, reason
            alias.full_clean()
            alias.save()
            known.add(name.casefold())
    result.aliases_added = keep.aliases.count() - aliases_before

    duplicate._history_user, duplicate._change_reason = user, reason
    duplicate.delete()
    result.keep = keep
    return result


def person_check_deletable(*, person):
    """Raise a ValidationError naming the records that refer to the person (a position, an attendance, a statement,
    a signature, an action, a user account, …): one who appears in any record stays."""
    refuse_if_referred_to(person, parts=(PersonAlias,))


@transaction.atomic
def person_delete(*, person, user):
    """Delete a person no record refers to (one entered by mistake), with their other names, each deletion recorded
    in the history with `user`. The API and the admin delete through here."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    person_check_deletable(person=current)
    for alias in current.aliases.all():
        alias._history_user = user
        alias.delete()
    current._history_user = user
    current.delete()


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


# Two wordings of one title are this alike or more (difflib's ratio, 0–1): "Programme Officer", "Program Officer".
POSITION_TITLE_SIMILARITY = 0.9
# What may follow a title to qualify it rather than name another post: "Project Manager, ILO-China Project",
# "Director of TVET", "Lecturer (Mechatronics)"; not "Director General", "Manager Assistant".
_QUALIFIER = re.compile(r"^\s*(?:[,;:(/|\-–—]|(?:of|for|at|in|to|with|on)\b)")


def _plain_title(title):
    return " ".join(title.split()).casefold()


def same_post(a, b):
    """Whether two titles at one organisation name the same post in other words: the same apart from case and
    spaces, one the other with a qualifier after it ("Project Manager" and "Project Manager, ILO-China Partnership
    Project"), or alike as a whole (POSITION_TITLE_SIMILARITY). "Vice-Principal" and "Principal" are two posts."""
    a, b = _plain_title(a), _plain_title(b)
    if a == b:
        return True
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and _QUALIFIER.match(long[len(short) :]):
        return True
    return SequenceMatcher(None, a, b).ratio() >= POSITION_TITLE_SIMILARITY


def _title_kept(position, title, on_date):
    """The wording a position keeps when `title`, the same post, is typed on `on_date`: its own when they differ in
    case or spaces only, the fuller one when one qualifies the other, else the later one."""
    if _plain_title(position.title) == _plain_title(title):
        return position.title
    short, long = sorted((position.title, title), key=lambda t: len(_plain_title(t)))
    if _plain_title(long).startswith(_plain_title(short)):
        return long
    return title if position.start_date is None or on_date >= position.start_date else position.title


def position_from_attendance(person, organisation, title, on_date, *, user=None):
    """Record that `person` held `title` at `organisation` on `on_date`, as typed on an attendance row. Returns the
    position that says so (None when the row gives no title, organisation or date)."""
    made = positions_from_attendance([(person, organisation, title)], on_date=on_date, user=user)
    return made[0] if made else None


@transaction.atomic
def positions_from_attendance(rows, *, on_date, user=None):
    """For each (person, organisation, title) typed at a meeting on `on_date`, the person's position there.

    A position with the same post (same_post: the title in other words) at that organisation, not ended before the
    day, is theirs already: nothing new, though one known only from a later day now starts on this one, and a
    fuller wording of the title replaces a shorter one. A different post starts a new position from the day rather
    than overwriting: the one they held there with no end, from before the day, ends the day before (one from the
    day itself takes the new title: a day has one title at one organisation); and the new one ends the day before a
    different post they are known to hold there from a later day. So a person never holds two open positions at
    one organisation (the database refuses it too). Positions at other organisations are left alone. Reads the
    people's positions in one query. Returns the positions of the rows that give a person on record, a title and an
    organisation, in their order."""
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
        same = [p for p in there if same_post(p.title, title) and (p.end_date is None or p.end_date >= on_date)]
        same_day = [p for p in there if p.end_date is None and p.start_date == on_date]
        if same or same_day:
            position = min(same, key=lambda p: p.start_date or datetime.date.min) if same else same_day[0]
            kept = _title_kept(position, title, on_date) if same else title
            if position.start_date is not None and position.start_date > on_date:
                position.start_date = on_date
                changed[id(position)] = position
            if kept != position.title:
                position.title = kept
                changed[id(position)] = position
            result.append(position)
            continue
        for other in there:
            if other.end_date is None and (other.start_date is None or other.start_date < on_date):
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
            ["title", "start_date", "end_date"],
            default_user=user,
            default_change_reason="attendance",
        )
    if new:
        bulk_create_with_history(new, Position, default_user=user, default_change_reason="attendance")
    return result


BASIS_FIELDS = ("basis", "basis_source", "basis_date", "may_be_named")
# The most people one bulk change of basis takes (a page of the list, a selection in the admin, an import's new people).
BASIS_SET_MAX = 1000


@transaction.atomic
def person_basis_set(*, people, basis, source="", on=None, may_be_named=True, user=None, reason=""):
    """Record for each of `people` (ids or Person rows) the basis on which they are held, where it is written down
    (`source`), since when (`on`, today if not given) and whether shared records may name them; one history version
    each, with `user` and `reason`. Every door that sets a basis for many people at once (the people list, the admin's
    action, the attendance import, the API) calls this. Returns the number of people changed."""
    if basis not in Person.Basis.values:
        raise ValidationError({"basis": _("Choose the basis on which these people are recorded.")})
    ids = sorted({person if isinstance(person, int) else person.pk for person in people})
    if len(ids) > BASIS_SET_MAX:
        raise ValidationError(
            _("At most %(max)s people at once: %(count)s were chosen.") % {"max": BASIS_SET_MAX, "count": len(ids)}
        )
    found = list(Person.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    now = timezone.now()
    on = on or timezone.localdate()
    for person in found:
        person.basis, person.basis_source, person.basis_date = basis, source.strip(), on
        person.may_be_named = may_be_named
        person.updated_at = now
        # Only the fields set here: a record's older flaws are no reason to refuse its basis.
        person.clean_fields(exclude=[f.name for f in Person._meta.fields if f.name not in BASIS_FIELDS])
    if found:
        bulk_update_with_history(
            found,
            Person,
            [*BASIS_FIELDS, "updated_at"],
            default_user=user,
            default_change_reason=reason or "basis set",
        )
    return len(found)
