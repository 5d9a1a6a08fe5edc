from django import template

from privacy.models import ErasureLog
from privacy.views import may_handle_personal_data

register = template.Library()


@register.filter
def handles_personal_data(user):
    """{% if user|handles_personal_data %}: may export and anonymise people."""
    return may_handle_personal_data(user)


@register.filter
def erasure(person):
    """{% with erasure=person|erasure %}: the person's latest anonymisation (ErasureLog), or None."""
    return ErasureLog.objects.of_person(person).first()
