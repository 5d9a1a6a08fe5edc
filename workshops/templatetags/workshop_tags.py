"""Workshop sections for the pages of apps below workshops, which may name this library but not import it."""

from django import template

from workshops.models import Workshop

register = template.Library()


@register.inclusion_tag("workshops/_workshop_table.html")
def organisation_workshops(organisation):
    """The latest 50 workshops an organisation hosted, coordinated, was represented at or sent someone to."""
    return {"workshops": Workshop.objects.for_list().involving(organisation)[:50]}
