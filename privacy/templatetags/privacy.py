from django import template

from privacy.views import may_handle_personal_data

register = template.Library()


@register.filter
def handles_personal_data(user):
    """{% if user|handles_personal_data %}: may export and anonymise people."""
    return may_handle_personal_data(user)
