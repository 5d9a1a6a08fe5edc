"""Slots: places on a lower app's page where a higher app puts its own links.

Apps depend downwards only (the layers in pyproject.toml), and that holds for templates too: a workshop page may not
name an agreement's URL. The lower template leaves a named slot, with the objects it is about:

    {% load slots %}
    {% slot "workshops.outcome" outcome=outcome %}

and the higher app fills it from its AppConfig.ready() with a partial of its own, rendered in the page's context
(the slot's arguments added):

    slots.register("workshops.outcome", "agreements/_start_from_decision.html")

A slot nobody fills renders nothing, so the lower app's page works without the higher app installed. A partial is a
fragment inside a line: the newline that ends its file is dropped.
"""

_slots: dict[str, list[str]] = {}


def register(slot, template_name):
    """Render `template_name` wherever `{% slot slot %}` stands, after the partials registered before it."""
    partials = _slots.setdefault(slot, [])
    if template_name not in partials:
        partials.append(template_name)


def partials(slot):
    """The template names registered into `slot`, in the order they were registered."""
    return tuple(_slots.get(slot, ()))
