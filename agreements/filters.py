import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from institutes.models import Organisation
from partnership.filters import StyledFilterSet
from workshops.models import Programme

from .models import Agreement, AgreementParty


class AgreementFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Agreement.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices)
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.all())
    party = django_filters.ModelChoiceFilter(label=_("Party"), queryset=Organisation.objects.all(), method="with_party")

    class Meta:
        model = Agreement
        fields = ["q", "status", "kind", "programme", "party"]

    def search(self, queryset, name, value):
        for word in value.split():
            parties = AgreementParty.objects.filter(
                Q(organisation__name__icontains=word) | Q(organisation__short_name__icontains=word)
            ).values("agreement_id")
            queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(pk__in=parties))
        return queryset

    def with_party(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=AgreementParty.objects.filter(organisation=value).values("agreement_id"))
