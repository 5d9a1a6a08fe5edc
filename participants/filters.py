import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.filters import LargeModelChoiceFilter, StyledFilterSet
from institutes.models import Organisation

from .models import Person


class PersonFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    organisation = LargeModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.all(), method="at_organisation"
    )

    class Meta:
        model = Person
        fields = ["q", "organisation"]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            matching = Person.objects.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(name_local__icontains=word)
                | Q(email__icontains=word)
                | Q(aliases__name__icontains=word)
            ).values("pk")
            queryset = queryset.filter(pk__in=matching)
        return queryset

    def at_organisation(self, queryset, name, value):
        return queryset.filter(positions__organisation=value).distinct() if value else queryset
