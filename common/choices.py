"""get_FOO_display() without rebuilding the choices each call.

Django's Model._get_FIELD_display flattens a field's choices and makes each one hashable on every call (0.06-0.15 ms
for a field of nine choices): a list of 25 agreements showing kind, status and each party's role called it about a
hundred times a request, ~9 ms of a 50 ms page. The labels are the same lazy strings, looked up in a dict built once
per field, so they still come out in the language of the request.
"""

import functools

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field):
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceLabels:
    """A model mixin (before models.Model in the bases): the same get_FOO_display(), from a dict per field."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
