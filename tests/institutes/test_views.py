import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_suggestion_found_by_the_short_name_does_not_repeat_it(coordinator_client):
    ilo = OrganisationFactory(name="International Labour Organization", short_name="ILO", name_local="国际劳工组织")
    found = coordinator_client.get(reverse("institutes:match"), {"q": "ILO"}).json()["results"]
    assert [(r["id"], r["label"]) for r in found] == [(ilo.pk, "International Labour Organization (ILO)")]
    found = coordinator_client.get(reverse("institutes:match"), {"q": "国际劳工组织"}).json()["results"]
    assert [(r["id"], r["label"]) for r in found] == [
        (ilo.pk, "International Labour Organization (ILO) (国际劳工组织)")
    ]


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
                "label": "Wuxi Institute of Technician (WIT)",
                "kind": "exact",
            },
            {
                "id": witwatersrand.pk,
                "name": "Witwatersrand TVET College",
                "matched_on": "Witwatersrand TVET College",
                "score": 69,
                "label": "Witwatersrand TVET College",
                "kind": "prefix",
            },
        ],
        "cut": False,
        "searched": "wit",
    }
