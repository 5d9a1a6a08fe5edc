from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ManyToManyRel, ManyToOneRel

from common.deletion import refuse_if_referred_to

from .models import Organisation, OrganisationAlias
from .signals import references_moved


def move_references(*, duplicate, keep):
    """Point every row that refers to `duplicate` at `keep`, one save per row so each move is in the history.

    A row the kept record already has (an attendance at the same workshop, the same party to an agreement) is
    deleted instead, because the database allows only one. Returns how many rows were moved and dropped."""
    moved = dropped = 0
    touched = []
    for relation in type(duplicate)._meta.related_objects:
        if isinstance(relation, ManyToManyRel) and relation.through._meta.auto_created:
            for row in relation.related_model._base_manager.filter(**{relation.field.name: duplicate}):
                touched.append(row)
                getattr(row, relation.field.name).remove(duplicate)
                getattr(row, relation.field.name).add(keep)
                moved += 1
            continue
        if not isinstance(relation, ManyToOneRel) or relation.one_to_one:
            continue
        field = relation.field
        for row in relation.related_model._base_manager.filter(**{field.name: duplicate}):
            touched.append(row)
            setattr(row, field.name, keep)
            try:
                row.validate_constraints()
                row.validate_unique()
            except ValidationError:
                row.delete()
                dropped += 1
            else:
                row.save()
                moved += 1
    references_moved.send(sender=type(duplicate), duplicate=duplicate, keep=keep, rows=touched)
    return moved, dropped


@transaction.atomic
def organisation_merge(*, keep, duplicates):
    """Fold duplicate organisation records into `keep`: people's positions, attendance, agreement parties, hosts
    and aliases move to it; the duplicates' names become aliases of it so a typed old name still finds it."""
    total = 0
    for duplicate in duplicates:
        if duplicate.pk == keep.pk:
            continue
        moved, _dropped = move_references(duplicate=duplicate, keep=keep)
        total += moved
        known = {n.casefold() for n in [keep.name, keep.short_name, keep.name_local] if n}
        for name in [duplicate.name, duplicate.short_name, duplicate.name_local]:
            if (
                name
                and name.casefold() not in known
                and not OrganisationAlias.objects.filter(name__iexact=name).exists()
            ):
                alias = OrganisationAlias(organisation=keep, name=name, kind=OrganisationAlias.Kind.OTHER)
                alias.full_clean()
                alias.save()
                known.add(name.casefold())
        duplicate.delete()
    return total


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
