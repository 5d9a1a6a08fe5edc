from django import template

from accounts.roles import may_see_contacts

register = template.Library()


@register.filter
def sees_contacts(user):
    """{% if request.user|sees_contacts %}: the one rule for e-mail addresses and phone numbers (accounts.roles)."""
    return may_see_contacts(user)


@register.filter
def shared_name(person, organisation=None):
    """{{ attendance.person|shared_name:attendance.organisation }}: the name a record shared outside gives."""
    return person.shared_name(organisation)


@register.filter
def shared_text(text, shared_names):
    """{{ workshop.summary|shared_text:shared_names }}: free text with the names of people who may not be named
    replaced by their shared name (participants.models.SharedNames)."""
    return shared_names(text) if shared_names else text
