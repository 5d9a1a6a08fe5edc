import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import LargeModelChoiceFilter, StyledFilterSet
from institutes.models import Organisation

from .models import Person
from .search import people_matching


class PersonFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    organisation = LargeModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        method="at_organisation",
        match_url="institutes:match",
        find_label=_("Find an organisation by name, short name or other name"),
    )

    class Meta:
        model = Person
        fields = ["q", "organisation"]

    def search(self, queryset, name, value):
        return people_matching(value, queryset)

    def at_organisation(self, queryset, name, value):
        return queryset.filter(positions__organisation=value).distinct() if value else queryset
