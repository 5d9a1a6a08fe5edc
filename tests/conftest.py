import pytest

from accounts.roles import ADMIN, COORDINATOR, MANAGER
from partnership.demo import load_reference_workshop
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 is deliberately slow; tests hash passwords for every demo account they create.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reference_workshop(db):
    """The 2022-01-14 WIT–PCCFPI workshop of ../shared/reference/, loaded as the demo data loads it."""
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
