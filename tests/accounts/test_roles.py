import logging

import pytest

from accounts.roles import has_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_role_is_one_of_the_three_groups_or_a_superuser(coordinator, manager, admin_user):
    users = [UserFactory(), coordinator, manager, admin_user, UserFactory(is_superuser=True)]
    assert [has_role(user) for user in users] == [False, True, True, True, True]


@pytest.mark.parametrize("url", ["/", "/search/?q=agreement", "/api/docs/", "/api/schema/"])
def test_a_signed_in_account_without_a_role_sees_no_data(client, url, caplog):
    caplog.set_level(logging.INFO, logger="common.security")
    client.force_login(UserFactory(username="norole"))
    caplog.clear()
    response = client.get(url)
    assert response.status_code == 403
    if not url.startswith("/api/"):
        assert "Your role does not allow this." in response.content.decode()
    assert [r.getMessage() for r in caplog.records if r.name == "common.security"] == (
        [] if url.startswith("/api/") else [f"permission refused user=norole GET {url.split('?')[0]} ip=127.0.0.1"]
    )


@pytest.mark.parametrize("url", ["/", "/search/?q=agreement", "/api/docs/", "/api/schema/"])
def test_every_role_sees_them(coordinator_client, url):
    assert coordinator_client.get(url).status_code == 200
