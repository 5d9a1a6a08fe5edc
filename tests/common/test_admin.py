"""Every model has an admin whose list, search and add pages work on the demo data."""

import pytest
from django.contrib import admin
from django.urls import reverse

from workshops.models import ActionReport, ActionReportLink, MeetingRecordSending, PartnerLinkUse, RecordConfirmation

pytestmark = pytest.mark.django_db
READ_ONLY_LOGS = {MeetingRecordSending, RecordConfirmation, ActionReportLink, ActionReport, PartnerLinkUse}


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
    # A log is written only by what it records: its admin reads it and adds nothing.
    added = 403 if model in READ_ONLY_LOGS else 200
    assert superuser_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == added
    first = model.objects.first()
    if first is not None:
        change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
        assert superuser_client.get(change).status_code == 200


def test_the_merge_action_leads_to_the_merge_screen_then_moves_everything_to_the_record_kept(
    superuser_client, reference_workshop
):
    from institutes.models import Organisation
    from participants.models import Person
    from tests.factories import PersonFactory
    from workshops.models import Attendance

    original = Person.objects.get(given_name="Samath", family_name="Bou")
    duplicate = PersonFactory(given_name="Samath", family_name="Bou", name_local="ប៊ូ សាម៉ាត", email="bou@example.org")
    url = reverse("admin:participants_person_changelist")
    selected = {"action": "merge", "_selected_action": [original.pk, duplicate.pk]}

    sent = superuser_client.post(url, selected)
    screen = f"{reverse('participants:merge')}?pair={original.pk}&pair={duplicate.pk}&keep={original.pk}"
    assert (sent.status_code, sent.url) == (302, screen)  # the one with more history is preselected
    page = superuser_client.get(screen)
    # The same details as the possible duplicates page tell the two apart.
    assert [
        (r.attendance_count, r.agreement_count, r.weight) for r in (page.context["keep"], page.context["other"])
    ] == [
        (1, 0, 2),
        (0, 0, 0),
    ]
    assert [str(p) for p in page.context["keep"].positions.all()] == ["Principal, PCCFPI"]
    assert Person.objects.filter(pk=duplicate.pk).exists()  # nothing merged before the confirmation

    done = superuser_client.post(
        reverse("participants:merge"), {"pair": [original.pk, duplicate.pk], "keep": duplicate.pk}
    )
    assert done.status_code == 302
    assert not Person.objects.filter(pk=original.pk).exists()
    kept = Person.objects.get(pk=duplicate.pk)
    assert list(
        Attendance.objects.filter(workshop=reference_workshop, person=kept).values_list("title", flat=True)
    ) == ["Principal"]
    assert list(kept.positions.values_list("organisation__short_name", flat=True)) == ["PCCFPI"]

    wit = Organisation.objects.get(short_name="WIT")
    lone = superuser_client.post(
        reverse("admin:institutes_organisation_changelist"), {"action": "merge", "_selected_action": [wit.pk]}
    )
    assert lone.status_code == 302
    assert Organisation.objects.filter(pk=wit.pk).exists()


def test_the_merge_action_preselects_the_record_with_more_history_even_if_newer(superuser_client, reference_workshop):
    from participants.models import Person
    from tests.factories import AttendanceFactory, PersonFactory, PositionFactory

    original = Person.objects.get(given_name="Samath", family_name="Bou")
    newer = PersonFactory(given_name="Samath", family_name="Bou")
    AttendanceFactory(person=newer)
    AttendanceFactory(person=newer)
    PositionFactory(person=newer)
    sent = superuser_client.post(
        reverse("admin:participants_person_changelist"),
        {"action": "merge", "_selected_action": [original.pk, newer.pk]},
    )
    assert sent.url.endswith(f"&keep={newer.pk}")


def test_the_merge_action_is_offered_to_admins_only(client, coordinator, manager, admin_user):
    offered = {}
    for user in (coordinator, manager, admin_user):
        user.is_staff = True
        user.save()
        client.force_login(user)
        response = client.get(reverse("admin:participants_person_changelist"))
        offered[user.username] = "merge" in [
            name for name, _label in response.context["action_form"].fields["action"].choices
        ]
    assert offered == {"coordinator": False, "manager": False, "admin": True}
