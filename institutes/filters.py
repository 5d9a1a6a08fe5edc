import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.filters import StyledFilterSet, country_choices

from .models import Organisation


class OrganisationFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "is_active"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        matching = Organisation.objects.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(name_local__icontains=value)
            | Q(aliases__name__icontains=value)
        ).values("pk")
        return queryset.filter(pk__in=matching)
