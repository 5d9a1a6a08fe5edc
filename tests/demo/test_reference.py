"""The reference_workshop fixture inserts, once per test, the rows one load of the reference record wrote."""

from django.apps import apps

from demo.reference import load_reference_workshop
from institutes.models import Organisation
from tests.factories import OrganisationFactory


def _rows():
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.app_label != "sessions"
    }


def test_the_fixture_holds_exactly_what_loading_the_reference_record_writes(reference_workshop):
    before = _rows()
    # Loading is idempotent: on rows equal to its own it writes nothing, not even a history row.
    assert load_reference_workshop() == reference_workshop
    assert _rows() == before


def test_after_a_test_made_records_first_the_record_is_loaded_afresh(db, request):
    OrganisationFactory(name="Wuxi Vocational Institute of Commerce", short_name="WXIC")
    workshop = request.getfixturevalue("reference_workshop")
    assert workshop.attendances.count() == 8
    assert sorted(Organisation.objects.values_list("short_name", flat=True)) == [
        "ILO",
        "MOHRSS",
        "PCCFPI",
        "SSEZ",
        "WIT",
        "WXIC",
        "Wuxi HRSS Bureau",
    ]
