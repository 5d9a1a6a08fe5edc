import contextlib
import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import mark_safe

MAX_OPTIONS = 100


class QuickSelect(forms.Select):
    """A <select> that writes its <option>s in Python: the HTML of Django's templates, without rendering a template
    for each option (the 250 countries of a country filter took 15-30 ms that way)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                html.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        option["value"],
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every part went through format_html


def _attributes(attrs):
    """Attributes as django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return mark_safe(  # every part went through format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class StyledFilterSet(django_filters.FilterSet):
    """A FilterSet whose form widgets carry Bootstrap's classes, so templates render fields without extra markup.
    Its plain <select>s are QuickSelects."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            if filter_.field_class.widget is forms.Select and "widget" not in filter_.extra:
                filter_.extra["widget"] = QuickSelect

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        return form


class LargeTableSelect(QuickSelect):
    """A <select> over a table that may hold thousands of rows: it lists every row while there are at most
    MAX_OPTIONS, and only the chosen one beyond that. Rendering 1,000 <option>s took 80 % of the workshop list's time,
    and a list that long is no way to choose anyway; a type-ahead can take its place later.
    """

    def optgroups(self, name, value, attrs=None):
        queryset = self.choices.queryset
        if queryset[: MAX_OPTIONS + 1].count() > MAX_OPTIONS:
            self.choices = copy.copy(self.choices)
            self.choices.queryset = queryset.filter(pk__in=_valid_keys(queryset.model, value))
        return super().optgroups(name, value, attrs)


def _valid_keys(model, values):
    """The values that are primary keys of the model; the form reports the others."""
    keys = []
    for value in values:
        with contextlib.suppress(ValidationError):
            keys.append(model._meta.pk.to_python(value))
    return [key for key in keys if key is not None]


class LargeModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter for a table that may hold thousands of rows (see LargeTableSelect); it accepts any id of
    its queryset, listed or not."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", LargeTableSelect)
        super().__init__(*args, **kwargs)
