import pytest

from common.search import ranked_first_among
from institutes.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [organisation.name for organisation in queryset]


def test_ranked_first_among_lists_the_ranked_records_first_then_those_found_by_name():
    alpha, beta, gamma, delta = (OrganisationFactory(name=name) for name in ["Alpha", "Beta", "Gamma", "Delta"])
    found = Organisation.objects.filter(pk__in=[beta.pk, delta.pk]).order_by().values("pk")
    ordered = Organisation.objects.order_by("name", "id")
    assert names(ranked_first_among(ordered, [gamma.pk, beta.pk], found)) == ["Gamma", "Beta", "Delta"]
    assert names(ranked_first_among(ordered, [], found)) == ["Beta", "Delta"]
    assert names(ranked_first_among(ordered.exclude(pk=gamma.pk), [gamma.pk, alpha.pk], found)) == [
        "Alpha",
        "Beta",
        "Delta",
    ]
