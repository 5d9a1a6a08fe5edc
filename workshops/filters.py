import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import LargeModelChoiceFilter, StyledFilterSet, country_choices
from institutes.models import Organisation

from .models import Programme, Topic, Workshop, WorkshopOrganisation
from .search import workshops_matching


def programmes_visible(request):
    """The programme filter's choices: the user's programmes only (the filter set is given the request)."""
    return Programme.objects.visible_to(request.user if request else None)


class WorkshopFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=programmes_visible)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Workshop.Status.choices, method="with_status")
    format = django_filters.ChoiceFilter(label=_("Format"), choices=Workshop.Format.choices)
    start_after = django_filters.DateFilter(
        label=_("From"),
        field_name="start_date",
        lookup_expr="gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    start_before = django_filters.DateFilter(
        label=_("To"),
        field_name="start_date",
        lookup_expr="lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    host = LargeModelChoiceFilter(
        label=_("Host"),
        queryset=Organisation.objects.all(),
        method="hosted_by",
        match_url="institutes:match",
        find_label=_("Find an organisation by name, short name or other name"),
    )
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices, method="in_country")
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), queryset=Topic.objects.all(), field_name="topics")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("start_date", "date"), ("title", "title")),
        field_labels={"start_date": _("Date"), "title": _("Title")},
    )

    class Meta:
        model = Workshop
        fields = ["q", "programme", "status", "format", "start_after", "start_before", "host", "country", "topic"]

    def filter_queryset(self, queryset):
        # The text search last (the form keeps q first): it is given the workshops the other filters leave.
        data = self.form.cleaned_data
        for name in [name for name in data if name != "q"] + ["q"]:
            queryset = self.filters[name].filter(queryset, data.get(name))
        return queryset

    def search(self, queryset, name, value):
        return workshops_matching(value, queryset)

    def with_status(self, queryset, name, value):
        return queryset.with_status(value) if value else queryset

    def hosted_by(self, queryset, name, value):
        if not value:
            return queryset
        hosted = WorkshopOrganisation.objects.filter(organisation=value, role=WorkshopOrganisation.Role.HOST)
        return queryset.filter(pk__in=hosted.values("workshop_id"))

    def in_country(self, queryset, name, value: str):
        """Workshops an organisation of that country hosted, coordinated or was represented at."""
        if not value:
            return queryset
        linked = WorkshopOrganisation.objects.filter(organisation__country=value)
        return queryset.filter(pk__in=linked.values("workshop_id"))
