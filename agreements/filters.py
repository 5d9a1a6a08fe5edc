import django_filters
from django.utils.translation import gettext_lazy as _

from common.filters import LargeModelChoiceFilter, StyledFilterSet, country_choices
from institutes.models import Organisation
from workshops.filters import programmes_visible

from .models import Agreement, AgreementParty


class AgreementFilter(StyledFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Agreement.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices)
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=programmes_visible)
    party = LargeModelChoiceFilter(
        label=_("Party"),
        queryset=Organisation.objects.all(),
        method="with_party",
        match_url="institutes:match",
        find_label=_("Find an organisation by name, short name or other name"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Party's country"), choices=country_choices, field_name="parties__organisation__country", distinct=True
    )
    expiring_within = django_filters.NumberFilter(
        label=_("Expiring within (days)"), method="expiring", min_value=0, max_value=3650
    )
    stale_for = django_filters.NumberFilter(
        label=_("No progress for (days)"), method="stale", min_value=0, max_value=3650
    )

    class Meta:
        model = Agreement
        fields = ["q", "status", "kind", "programme", "party", "country", "expiring_within", "stale_for"]

    def search(self, queryset, name, value):
        return queryset.search(value)

    def with_party(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=AgreementParty.objects.filter(organisation=value).values("agreement_id"))

    def expiring(self, queryset, name, value):
        """Signed or active agreements whose expiry date falls between today and today + N days."""
        if value is None:
            return queryset
        return queryset.expiring_within(int(value))

    def stale(self, queryset, name, value):
        """Agreements still in the pipeline whose status has not changed for N days."""
        if value is None:
            return queryset
        return queryset.stale(int(value))
