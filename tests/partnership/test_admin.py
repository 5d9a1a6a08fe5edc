"""Every model has an admin whose list, search and add pages work on the demo data."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-test-password"))
    return client


def _registered():
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in {"accounts", "institutes", "participants", "workshops", "agreements"}
    ]


def test_every_model_of_the_domain_is_registered():
    from django.apps import apps

    domain = {
        m
        for m in apps.get_models()
        if m._meta.app_label in {"institutes", "participants", "workshops", "agreements"}
        and not m.__name__.startswith("Historical")
        and not m._meta.auto_created
    }
    inline_only = {
        "OrganisationAlias",
        "PersonAlias",
        "WorkshopOrganisation",
        "Statement",
        "Outcome",
        "Attachment",
        "AgreementDocument",
        "AgreementStatusChange",
        "Amendment",
    }
    assert {m.__name__ for m in domain - set(_registered())} == inline_only


@pytest.mark.parametrize("model", _registered(), ids=lambda m: m._meta.label)
def test_admin_changelist_search_and_add_pages_work(superuser_client, reference_workshop, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert superuser_client.get(changelist).status_code == 200
    assert superuser_client.get(changelist, {"q": "Chen"}).status_code == 200
    assert superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
    first = model.objects.first()
    if first is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        assert superuser_client.get(change).status_code == 200
