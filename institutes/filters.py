import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import StyledFilterSet, country_choices

from .models import Organisation
from .search import organisations_matching


class OrganisationFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "is_active"]

    def search(self, queryset, name, value):
        return organisations_matching(value, queryset)
