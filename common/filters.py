import contextlib
import functools

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from django_countries import countries

MAX_OPTIONS = 100


def country_choices():
    """Every country, in the active language and its order; for a ChoiceFilter's choices."""
    return _country_choices(get_language())


@functools.cache
def _country_choices(language):
    # Once per language: django_countries translates and sorts its 250 names each time it is listed.
    return list(countries)


class QuickSelect(forms.Select):
    """A <select> that writes its <option>s in Python: the HTML of Django's templates, without a template and an
    attribute dict for each option (the 250 countries of a country filter took 15-30 ms that way). A Select's option
    has no attribute but "selected"."""

    def render(self, name, value, attrs=None, renderer=None):
        values = self.format_value(value)
        choices = self.choices_for(values)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        html = [format_html('<select name="{}"{}>', name, _attributes(attrs))]
        has_selected = False
        for group_value, group_label in choices:
            group_value = "" if group_value is None else group_value
            grouped = isinstance(group_label, (list, tuple))
            if grouped and group_value:
                html.append(format_html('\n  <optgroup label="{}">', group_value))
            for option_value, label in group_label if grouped else [(group_value, group_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(option_value) in values
                has_selected |= selected
                html.append(_option(str(option_value), str(label), isinstance(label, SafeData), selected))
            if grouped and group_value:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every part went through format_html

    def choices_for(self, values):
        """The choices to list when these values are chosen."""
        return self.choices


@functools.lru_cache(maxsize=20_000)
def _option(value, label, label_is_safe, selected):
    """An <option>'s HTML, made once for each value, label (in each language: the label is the translated text) and
    state: the 250 countries of a filter took ~10 ms of each request through format_html. A label marked safe is
    another key than the same text unmarked, as it is escaped differently."""
    return format_html(
        '\n  <option value="{}"{}>{}</option>\n',
        value,
        " selected" if selected else "",
        mark_safe(label) if label_is_safe else label,  # noqa: S308 - it was marked safe already
    )


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

    @classmethod
    def get_filters(cls):
        # When the class is made: a filter builds its form field once, and copies of it keep that field.
        filters = super().get_filters()
        for filter_ in filters.values():
            if filter_.field_class.widget is forms.Select and "widget" not in filter_.extra:
                filter_.extra["widget"] = QuickSelect
        return filters

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
    and a list that long is no way to choose anyway. Beyond MAX_OPTIONS, with a `match_url` (a URL name answering
    `?q=` with {"results": [{"id", "name"}]}), the select carries data-match-url and data-find-label:
    static/js/filter-typeahead.js puts a search box before it that fills it with the records matching what is typed.
    """

    def __init__(self, attrs=None, choices=(), match_url=None, find_label=None):
        super().__init__(attrs, choices)
        self.match_url, self.find_label = match_url, find_label

    def render(self, name, value, attrs=None, renderer=None):
        self._large = False
        return super().render(name, value, attrs, renderer)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        if getattr(self, "_large", False) and self.match_url:
            attrs["data-match-url"] = reverse(self.match_url)
            attrs["data-find-label"] = str(self.find_label or "")
        return attrs

    def choices_for(self, values):
        iterator = self.choices
        queryset, field = iterator.queryset, iterator.field
        chosen = _valid_keys(queryset.model, values)
        # The keys of any MAX_OPTIONS + 1 rows first (from the primary key's index): more than MAX_OPTIONS means the
        # table is large, and only the chosen rows are fetched, none when none is chosen. A large table's 101
        # rows made into instances on every request only to be dropped cost the workshop list ~5 ms.
        some = list(queryset.order_by().values_list("pk", flat=True)[: MAX_OPTIONS + 1])
        if len(some) > MAX_OPTIONS:
            rows = list(queryset.filter(pk__in=chosen)) if chosen else []
            self._large = True
        else:
            rows = list(queryset.filter(Q(pk__in=some) | Q(pk__in=chosen)))
        leading = [("", field.empty_label)] if field.empty_label is not None else []
        if getattr(field, "null_label", None) is not None:
            leading.append((field.null_value, field.null_label))
        return [*leading, *(iterator.choice(row) for row in rows)]

    def optgroups(self, name, value, attrs=None):
        # For templates that list the options themselves; render() asks choices_for() directly.
        self.choices = self.choices_for(value)
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

    def __init__(self, *args, match_url=None, find_label=None, **kwargs):
        kwargs.setdefault("widget", LargeTableSelect(match_url=match_url, find_label=find_label))
        super().__init__(*args, **kwargs)
