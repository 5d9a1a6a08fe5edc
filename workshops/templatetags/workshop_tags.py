"""Workshop sections for the pages of apps below workshops, which may name this library but not import it."""

from django import template

from workshops.models import Workshop

register = template.Library()


@register.inclusion_tag("workshops/_workshop_table.html", takes_context=True)
def organisation_workshops(context, organisation):
    """The latest 50 workshops an organisation hosted, coordinated, was represented at or sent someone to, of the
    programmes the user may see."""
    workshops = Workshop.objects.visible_to(context["request"].user).for_list().involving(organisation)
    return {"workshops": workshops[:50]}
