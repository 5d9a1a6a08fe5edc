"""`{% slot name key=value … %}`: the partials higher apps registered into a slot (see common/slots.py)."""

from django import template
from django.utils.safestring import mark_safe

from common import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name, **values):
    rendered = []
    with context.push(**values):
        for template_name in slots.partials(name):
            partial = context.template.engine.get_template(template_name)
            rendered.append(partial.render(context).removesuffix("\n"))
    return mark_safe("".join(rendered))  # each part is a template of the project, autoescaped as it rendered
