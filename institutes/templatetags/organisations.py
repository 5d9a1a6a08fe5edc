from django import template

register = template.Library()


@register.filter
def name_on(organisation, day):
    """An organisation as a record of `day` names it (Organisation.name_on): the name it bore then, or, unchanged
    since, its name with its short name."""
    name = organisation.name_on(day)
    return str(organisation) if name == organisation.name else name
