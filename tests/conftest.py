import pytest
from django.core.cache import cache

from accounts.roles import ADMIN, COORDINATOR, MANAGER
from demo.reference import load_reference_workshop
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 is deliberately slow; tests hash passwords for every demo account they create.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_people_index():
    """Each test starts without the people index a previous test built (PeopleIndex.current keeps it per process,
    keyed by a version that two tests with frozen time and reused SQLite ids could share)."""
    from participants import matching

    matching._INDEXES.clear()
    yield
    matching._INDEXES.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    # Pages cache what they compute (the insights figures); no test may see another's.
    cache.clear()


@pytest.fixture
def reference_workshop(db):
    """The 2022-01-14 WIT–PCCFPI workshop of tests/fixtures/reference/, loaded as the demo data loads it."""
    return load_reference_workshop()


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=COORDINATOR)


@pytest.fixture
def manager(db):
    return UserFactory(username="manager", role=MANAGER)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=ADMIN, is_staff=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def admin_client_with_role(client, admin_user):
    """A client signed in as the demo-style admin: staff, in the Admin group, not a superuser."""
    client.force_login(admin_user)
    return client


def _feed_owner():
    return UserFactory(username="calendar-owner", role=COORDINATOR)


@pytest.fixture
def demo_ids(reference_workshop, settings, tmp_path):
    """URL arguments for every route, taken from the demo data (see tests/urls_catalogue.py)."""
    from django.core.files.base import ContentFile

    from agreements.models import Agreement, AgreementDocument
    from institutes.models import Organisation
    from participants.models import Person

    settings.MEDIA_ROOT = tmp_path
    agreement = Agreement.objects.get(origin_workshops=reference_workshop)
    document = AgreementDocument.objects.create(
        agreement=agreement, version_label="draft 1", file=ContentFile(b"%PDF-1.4 draft", "framework-draft-1.pdf")
    )
    organisation = Organisation.objects.get(short_name="PCCFPI").pk
    person = Person.objects.get(given_name="Samath").pk
    return {
        "workshops": reference_workshop.pk,
        "agreements": agreement.pk,
        "institutes": organisation,
        "participants": person,
        "agreements:transition.name": "abandon",
        "calendar:feed.token": _feed_owner().calendar_token,
        "calendar:feed.name": "workshops",
        "agreements:document.document_pk": document.pk,
        "agreements:from-decision.outcome_pk": reference_workshop.outcomes.get(kind="decision").pk,
        "actions:status.pk": reference_workshop.action_items.order_by("id").first().pk,
        "*.fmt": "csv",
        "agreements:iati-programme.pk": reference_workshop.programme_id,
        "api:organisation-detail.pk": organisation,
        "api:person-detail.pk": person,
        "api:workshop-detail.pk": reference_workshop.pk,
        "api:workshop-approve.pk": reference_workshop.pk,
        "api:attendance-detail.pk": reference_workshop.attendances.order_by("id").first().pk,
        "api:agreement-detail.pk": agreement.pk,
        "api:agreement-transition.pk": agreement.pk,
        "api:agreement-transition.name": "abandon",
        "api:agreementparty-detail.pk": agreement.parties.order_by("id").first().pk,
        "api:actionitem-detail.pk": reference_workshop.action_items.order_by("id").first().pk,
    }
