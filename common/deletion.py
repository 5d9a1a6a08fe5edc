"""What stops a record from being deleted: the other records that refer to it.

Each noun's delete service (agreement_delete, workshop_delete, organisation_delete, person_delete) names its own
parts, which go with it, and refuses while any other record refers to it, so that no door deletes history that
others rely on. The admin's delete pages and the API's DELETE call the same service (common.admin_delete,
common.api)."""

from django.core.exceptions import ValidationError
from django.db.models import ManyToManyRel
from django.utils.text import get_text_list
from django.utils.translation import gettext as _


def referring_kinds(instance, *, parts=()):
    """The kinds of record (their plural names, sorted) that refer to `instance`, leaving out the models in `parts`
    (its own rows, deleted with it). A many-to-many link with a model of its own is counted through that model."""
    kinds = set()
    for relation in type(instance)._meta.related_objects:
        model = relation.related_model
        if model in parts or (isinstance(relation, ManyToManyRel) and not relation.through._meta.auto_created):
            continue
        if model._base_manager.filter(**{relation.field.name: instance}).exists():
            kinds.add(str(model._meta.verbose_name_plural))
    return sorted(kinds)


def refuse_if_referred_to(instance, *, parts=()):
    """Raise a ValidationError naming what still refers to `instance`, if anything does."""
    kinds = referring_kinds(instance, parts=parts)
    if kinds:
        raise ValidationError(
            _("“%(record)s” is kept because other records refer to it: %(kinds)s.")
            % {"record": instance, "kinds": get_text_list(kinds, _("and"))},
            code="referred_to",
        )
