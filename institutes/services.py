from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ManyToManyRel, ManyToOneRel
from django.utils.translation import gettext as _

from accounts.roles import may_merge
from common.deletion import refuse_if_referred_to

from .models import Organisation, OrganisationAlias
from .signals import reference_conflict, references_moved

# The fields a merge shows side by side and lets the admin pick, in the order shown. The names among them that are
# not picked become other names (aliases) of the record kept; any other value not picked is named in the message.
ORGANISATION_MERGE_FIELDS = (
    "name",
    "short_name",
    "name_local",
    "kind",
    "iati_type",
    "country",
    "city",
    "website",
    "notes",
)
ORGANISATION_NAME_FIELDS = ("name", "short_name", "name_local")


@dataclass
class MergeResult:
    """What a merge did, for the message every door shows: rows moved per kind, rows left out because the kept
    record had one like them, rows kept with the merged record, other names added, values not kept."""

    keep: object
    duplicate_label: str
    moved: dict = field(default_factory=dict)  # verbose names (singular, plural) -> count
    dropped: dict = field(default_factory=dict)
    kept: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    aliases_added: int = 0
    not_kept: list = field(default_factory=list)  # (field label, value)

    @property
    def total_moved(self):
        return sum(self.moved.values())

    def update(self, other):
        """Take in what another step of the same merge did (move_references)."""
        for counts, more in ((self.moved, other.moved), (self.dropped, other.dropped)):
            for key, count in more.items():
                counts[key] = counts.get(key, 0) + count
        self.kept += other.kept
        self.notes += other.notes
        self.aliases_added += other.aliases_added
        self.not_kept += other.not_kept

    def message(self):
        parts = [_("Merged “%(duplicate)s” into “%(keep)s”.") % {"duplicate": self.duplicate_label, "keep": self.keep}]
        if self.moved:
            parts.append(_("Moved: %(rows)s.") % {"rows": _counts(self.moved)})
        else:
            parts.append(_("No rows to move."))
        if self.aliases_added:
            parts.append(_("Other names added: %(count)d.") % {"count": self.aliases_added})
        if self.dropped:
            parts.append(
                _("Left out, as the record kept has the same already: %(rows)s.") % {"rows": _counts(self.dropped)}
            )
        parts.extend(self.notes)
        if self.not_kept:
            values = "; ".join(f"{label}: {value}" for label, value in self.not_kept)
            parts.append(_("Not kept (you chose the other value): %(values)s.") % {"values": values})
        return " ".join(str(part) for part in parts)


def _counts(counts):
    return ", ".join(f"{count} {plural if count != 1 else singular}" for (singular, plural), count in counts.items())


def _kind(model):
    return (str(model._meta.verbose_name), str(model._meta.verbose_name_plural))


def merge_refusal(*, keep, duplicate, user):
    """Raise PermissionDenied unless `user` is an admin, and ValidationError for a merge into itself or into an
    inactive record (merged or retired). Every door (page, API, admin) reaches this through the merge service."""
    if user is None or not may_merge(user):
        raise PermissionDenied(_("Only admins merge records."))
    if keep.pk == duplicate.pk:
        raise ValidationError(_("A record cannot be merged into itself."), code="self")
    if not keep.is_active:
        raise ValidationError(
            _("“%(keep)s” is no longer active (merged or retired): merge into the record that continues it.")
            % {"keep": keep},
            code="inactive",
        )


def merge_values(*, keep, duplicate, fields, values):
    """{attribute: value} for the record kept: the value picked for each field in `values` (a related record by its
    id), which must be one of the two records' values; a field not picked keeps the kept record's value, or the
    other's where the kept one is blank."""
    chosen, errors = {}, {}
    for name in fields:
        attname = keep._meta.get_field(name).attname
        ours, theirs = getattr(keep, attname), getattr(duplicate, attname)
        if name in values:
            picked = str(values[name] if values[name] is not None else "")
            if picked == str(theirs if theirs is not None else ""):
                chosen[attname] = theirs
            elif picked == str(ours if ours is not None else ""):
                chosen[attname] = ours
            else:
                errors[name] = _("Choose the value of one of the two records.")
        else:
            chosen[attname] = ours if ours not in ("", None) else theirs
    if errors:
        raise ValidationError(errors)
    return chosen


def not_kept(*, record, chosen, fields, skip):
    """[(field label, value)] of `record`'s values that the merge leaves out (names aside: they become aliases)."""
    dropped = []
    for name in fields:
        model_field = record._meta.get_field(name)
        value = getattr(record, model_field.attname)
        if name in skip or value in ("", None) or value == chosen[model_field.attname]:
            continue
        shown = getattr(record, name)
        if model_field.choices:
            shown = getattr(record, f"get_{name}_display")()
        shown = str(getattr(shown, "name", shown))
        dropped.append((str(model_field.verbose_name), shown if len(shown) <= 80 else shown[:79] + "…"))
    return dropped


def move_references(*, duplicate, keep, user=None, reason=""):
    """Point every row that refers to `duplicate` at `keep`, one save per row so each move is in the history (who,
    and `reason`).

    A row the kept record already has (an attendance at the same workshop, the same party to an agreement) cannot
    move: the apps above decide through reference_conflict whether it stays with `duplicate` (a party row with its
    signature) or is deleted (a second attendance at one workshop). Returns a MergeResult with the counts."""
    result = MergeResult(keep=keep, duplicate_label=str(duplicate))
    touched = []
    for relation in type(duplicate)._meta.related_objects:
        kind = _kind(relation.related_model)
        if isinstance(relation, ManyToManyRel) and relation.through._meta.auto_created:
            for row in relation.related_model._base_manager.filter(**{relation.field.name: duplicate}):
                touched.append(row)
                getattr(row, relation.field.name).remove(duplicate)
                getattr(row, relation.field.name).add(keep)
                result.moved[kind] = result.moved.get(kind, 0) + 1
            continue
        if not isinstance(relation, ManyToOneRel) or relation.one_to_one:
            continue
        name = relation.field.name
        rows = relation.related_model._base_manager.filter(**{name: duplicate})
        if relation.related_model is type(keep):
            rows = rows.exclude(pk=keep.pk)  # the kept record "now known as" the duplicate: merge_* clears it
        for row in rows:
            setattr(row, name, keep)
            row._history_user, row._change_reason = user, reason
            try:
                row.validate_constraints()
                row.validate_unique()
            except ValidationError:
                answers = reference_conflict.send(sender=type(row), row=row, duplicate=duplicate, keep=keep)
                if any(answer for _receiver, answer in answers):
                    setattr(row, name, duplicate)
                    result.kept.append(row)
                    continue
                touched.append(row)
                row.delete()
                result.dropped[kind] = result.dropped.get(kind, 0) + 1
            else:
                touched.append(row)
                row.save()
                result.moved[kind] = result.moved.get(kind, 0) + 1
    answers = references_moved.send(
        sender=type(duplicate), duplicate=duplicate, keep=keep, rows=touched, kept=result.kept, user=user, reason=reason
    )
    for _receiver, notes in answers:
        result.notes.extend(notes or [])
    return result


def merge_begin(*, keep, duplicate, values, user, fields, name_fields):
    """What every merge starts with (organisation_merge, participants.services.person_merge), under the caller's
    transaction: both rows locked, the merge refused unless allowed, the values chosen per field, the reason the
    histories give, and a MergeResult naming the values not kept. Returns (keep, duplicate, chosen, reason,
    result)."""
    model = type(keep)
    keep = model.objects.select_for_update().get(pk=keep.pk)
    duplicate = model.objects.select_for_update().get(pk=duplicate.pk)
    merge_refusal(keep=keep, duplicate=duplicate, user=user)
    chosen = merge_values(keep=keep, duplicate=duplicate, fields=fields, values=values or {})
    label = str(duplicate)
    reason = _("“%(duplicate)s” (#%(id)s) was merged into “%(keep)s”.") % {
        "duplicate": label,
        "id": duplicate.pk,
        "keep": keep,
    }
    result = MergeResult(keep=keep, duplicate_label=label)
    result.not_kept = [
        *not_kept(record=keep, chosen=chosen, fields=fields, skip=name_fields),
        *not_kept(record=duplicate, chosen=chosen, fields=fields, skip=name_fields),
    ]
    return keep, duplicate, chosen, reason, result


@transaction.atomic
def organisation_merge(*, keep, duplicate, values=None, user):
    """Fold the organisation `duplicate` into `keep`, with the values picked for each field of
    ORGANISATION_MERGE_FIELDS (`values`; a field not given keeps `keep`'s value, or fills it where blank).

    People's positions, attendance, agreement parties (with their signatories), hosted workshops, relations and
    aliases move to `keep`; the names not kept become its aliases, so a typed old name still finds it. Where both
    are parties of one agreement, the duplicate's party row and signature stay with the duplicate, which is kept
    as an inactive record "now known as" `keep` instead of being deleted. Admins only. Returns a MergeResult."""
    keep, duplicate, chosen, reason, result = merge_begin(
        keep=keep,
        duplicate=duplicate,
        values=values,
        user=user,
        fields=ORGANISATION_MERGE_FIELDS,
        name_fields=ORGANISATION_NAME_FIELDS,
    )
    if keep.now_known_as_id == duplicate.pk:
        keep.now_known_as = None
    result.update(move_references(duplicate=duplicate, keep=keep, user=user, reason=reason))

    for name, value in chosen.items():
        setattr(keep, name, value)
    keep._history_user, keep._change_reason = user, reason
    keep.full_clean()
    aliases_before = OrganisationAlias.objects.filter(organisation=keep).count()
    keep.save()  # the kept record's own former names become aliases here (Organisation.save)
    known = {n.casefold() for n in (keep.name, keep.short_name, keep.name_local) if n}
    for name in (duplicate.name, duplicate.short_name, duplicate.name_local):
        if name and name.casefold() not in known and not OrganisationAlias.objects.filter(name__iexact=name).exists():
            alias = OrganisationAlias(organisation=keep, name=name, kind=OrganisationAlias.Kind.OTHER)
            alias._history_user, alias._change_reason = user, reason
            alias.full_clean()
            alias.save()
            known.add(name.casefold())
    result.aliases_added = OrganisationAlias.objects.filter(organisation=keep).count() - aliases_before

    duplicate._history_user = user
    if result.kept:
        # Rows that must stay with it (a signature on an agreement both signed): it stays, as the merge's trace.
        duplicate.is_active = False
        duplicate.now_known_as = keep
        duplicate._change_reason = reason
        duplicate.save()
    else:
        duplicate._change_reason = reason
        duplicate.delete()
    result.keep = keep
    return result


def organisation_check_deletable(*, organisation):
    """Raise a ValidationError naming the records that refer to the organisation (a position, an attendance, a
    host, an agreement party, an action, a relation, …): one that appears in any record stays."""
    refuse_if_referred_to(organisation, parts=(OrganisationAlias,))


@transaction.atomic
def organisation_delete(*, organisation, user):
    """Delete an organisation that no record refers to (one entered by mistake), with its other names, each deletion
    recorded in the history with `user`. The API and the admin delete through here."""
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation_check_deletable(organisation=current)
    for alias in current.aliases.all():
        alias._history_user = user
        alias.delete()
    current._history_user = user
    current.delete()
