import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_organisation_type_ahead_offers_the_look_alikes_then_the_records_holding_every_word(coordinator_client):
    wit = OrganisationFactory(name="Wuxi Institute of Technician", short_name="WIT", name_local="无锡技师学院")
    witwatersrand = OrganisationFactory(name="Witwatersrand TVET College", short_name="")
    OrganisationFactory(name="Kampot Polytechnic", short_name="KPI")
    response = coordinator_client.get(reverse("institutes:match"), {"q": "wit"})
    assert response.json() == {
        "results": [
            {
                "id": wit.pk,
                "name": "Wuxi Institute of Technician (WIT)",
                "matched_on": "WIT",
                "score": 100,
                "kind": "exact",
            },
            {
                "id": witwatersrand.pk,
                "name": "Witwatersrand TVET College",
                "matched_on": "Witwatersrand TVET College",
                "score": 69,
                "kind": "prefix",
            },
        ],
        "cut": False,
        "searched": "wit",
    }
