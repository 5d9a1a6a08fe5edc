"""Every URL × {anonymous, no role, coordinator, manager, admin} × {GET, POST} against the expected outcome.

The routes come from the URL resolver (tests/urls_catalogue.py): a URL added without an entry in EXPECTED fails
`test_every_url_has_an_expected_outcome`, and a view that loses its permission check fails its row.
Codes: 200 page, 302 redirect (anonymous → sign-in, or after a successful POST), 403 refused, 404 hidden, 405 wrong
method. POST sends an empty form: an allowed user gets the form back with errors (200) or a redirect.
"""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.urls_catalogue import project_routes, url_for

ROLES = ["anonymous", "norole", "coordinator", "manager", "admin"]

# (anonymous, no role, coordinator, manager, admin)
# Read-only pages refuse other methods before anything else: nothing about the record is revealed by a 405.
READ = {"GET": (302, 403, 200, 200, 200), "POST": (405, 405, 405, 405, 405)}
COORDINATOR_WRITE = {"GET": (302, 403, 200, 200, 200), "POST": (302, 403, 200, 200, 200)}
MANAGER_WRITE = {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 200, 200)}
ADMIN_WRITE = {"GET": (302, 403, 403, 403, 200), "POST": (302, 403, 403, 403, 200)}
# Creating a record from inside the workshop entry page: POST only, JSON; an empty form is a 400 with the errors.
QUICK_ADD = {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 400, 400, 400)}
SIGNED_IN_FORM = {"GET": (302, 200, 200, 200, 200), "POST": (302, 200, 200, 200, 200)}

# The API answers 401 (not a redirect) to anonymous callers, and takes JSON only: an empty form POST from a user
# who may write is 415; POST to a record is 405 (records change with PUT/PATCH).
API_READ = {"GET": (401, 403, 200, 200, 200)}
API_COORDINATOR_LIST = {**API_READ, "POST": (401, 403, 415, 415, 415)}
API_COORDINATOR_DETAIL = {**API_READ, "POST": (401, 403, 405, 405, 405)}
API_MANAGER_LIST = {**API_READ, "POST": (401, 403, 403, 415, 415)}
API_MANAGER_DETAIL = {**API_READ, "POST": (401, 403, 403, 405, 405)}
API_SIGNED_IN = {"GET": (401, 200, 200, 200, 200), "POST": (401, 405, 405, 405, 405)}
API_ADMIN_MERGE = {"GET": (401, 403, 403, 403, 405), "POST": (401, 403, 403, 403, 415)}
API_ROLE = {"GET": (401, 403, 200, 200, 200), "POST": (401, 403, 405, 405, 405)}

EXPECTED = {
    # A signed-in account without a role sees no records, not even the overview's figures.
    "home": READ,
    "search": READ,
    "insights": READ,
    "agreements:iati": READ,
    "agreements:iati-programme": READ,
    "participants:match": READ,
    "participants:quick-add": QUICK_ADD,
    "participants:name-parts": READ,
    "institutes:match": READ,
    "institutes:quick-add": QUICK_ADD,
    "workshops:topic-match": READ,
    "workshops:programme-match": READ,
    "workshops:export": READ,
    "workshops:attendance-export": READ,
    "participants:export": READ,
    "institutes:export": READ,
    "agreements:export": READ,
    "actions:export": READ,
    "api:api-root": API_SIGNED_IN,
    "api:schema": API_ROLE,
    "api:docs": API_ROLE,
    "api:organisation-list": API_COORDINATOR_LIST,
    "api:organisation-detail": API_COORDINATOR_DETAIL,
    "api:person-list": API_COORDINATOR_LIST,
    "api:person-detail": API_COORDINATOR_DETAIL,
    # A merge is for admins only, as on the merge screen; it takes JSON only (415).
    "api:organisation-merge": API_ADMIN_MERGE,
    "api:person-merge": API_ADMIN_MERGE,
    # One basis for many people: whoever may change people; JSON only (415).
    "api:person-basis": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 415, 415, 415)},
    "api:workshop-list": API_COORDINATOR_LIST,
    "api:workshop-detail": API_COORDINATOR_DETAIL,
    "api:attendance-list": API_COORDINATOR_LIST,
    "api:attendance-detail": API_COORDINATOR_DETAIL,
    "api:actionitem-list": API_COORDINATOR_LIST,
    "api:actionitem-detail": API_COORDINATOR_DETAIL,
    "api:agreement-list": API_MANAGER_LIST,
    "api:agreement-detail": API_MANAGER_DETAIL,
    "api:agreementparty-list": API_MANAGER_LIST,
    "api:agreementparty-detail": API_MANAGER_DETAIL,
    # A transition is a POST by whoever may change agreements, as on the page; the API takes JSON only (415).
    "api:agreement-transition": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 415, 415)},
    "api:agreement-renew": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 415, 415)},
    "api:agreement-from-decision": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 403, 415, 415)},
    "login": {"GET": (200, 200, 200, 200, 200), "POST": (200, 200, 200, 200, 200)},
    "logout": {"GET": (405, 405, 405, 405, 405), "POST": (302, 302, 302, 302, 302)},
    "password_change": SIGNED_IN_FORM,
    # Admins see the failed sign-ins still counted and lift lockouts; an empty POST lifts nothing and says so.
    "lockouts": {"GET": (302, 403, 403, 403, 200), "POST": (302, 403, 403, 403, 302)},
    "password_change_done": {"GET": (302, 200, 200, 200, 200), "POST": (302, 405, 405, 405, 405)},
    "calendar:page": {"GET": (302, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "calendar:reset": {"GET": (405, 405, 405, 405, 405), "POST": (302, 302, 302, 302, 302)},
    # The feed URL is its own credential: the demo token belongs to no role-less user, so everyone sees it.
    "calendar:feed": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    # A partner's link is its own credential, for everyone; the demo confirmation's revision is not approved (410:
    # it says so), and an empty report names no action (400, the message on the page).
    "workshops:confirm": {"GET": (410, 410, 410, 410, 410), "POST": (410, 410, 410, 410, 410)},
    "workshops:report-actions": {"GET": (200, 200, 200, 200, 200), "POST": (400, 400, 400, 400, 400)},
    "workshops:confirmation-revoke": {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 302, 302, 302)},
    "workshops:action-report-decide": {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 302, 302, 302)},
    "notifications:preferences": {"GET": (302, 200, 200, 200, 200), "POST": (302, 302, 302, 302, 302)},
    "favicon": {"GET": (301, 301, 301, 301, 301), "POST": (301, 301, 301, 301, 301)},
    # The report reader's old address under /workshops/, sent on to /reports/.
    "from-report-moved": {"GET": (301, 301, 301, 301, 301), "POST": (301, 301, 301, 301, 301)},
    "set_language": {"GET": (302, 302, 302, 302, 302), "POST": (302, 302, 302, 302, 302)},
    "workshops:list": READ,
    "workshops:create": COORDINATOR_WRITE,
    # Log from a report: reading a report writes nothing, so an empty POST is the form back with its message.
    "reports:from-report": COORDINATOR_WRITE,
    "workshops:edit": COORDINATOR_WRITE,
    "workshops:attendance-import": COORDINATOR_WRITE,
    "workshops:pdf": READ,
    # The first write approves; the later ones are refused as already approved and sent back to the record.
    "workshops:approve": {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 302, 302, 302)},
    "workshops:send": COORDINATOR_WRITE,
    "api:workshop-approve": {"GET": (401, 403, 405, 405, 405), "POST": (401, 403, 200, 409, 409)},
    "participants:create": COORDINATOR_WRITE,
    # The people list's bulk basis: POST only; an empty one is the list again with the message (200).
    "participants:basis": {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 200, 200, 200)},
    "participants:edit": COORDINATOR_WRITE,
    "institutes:create": COORDINATOR_WRITE,
    "institutes:edit": COORDINATOR_WRITE,
    # Possible duplicates: whoever may correct the records sees them; only admins merge (the merge screen: GET shows
    # the two records, POST merges). An empty merge is refused with a message, back to the page.
    "participants:duplicates": READ,
    "institutes:duplicates": READ,
    "participants:merge": {"GET": (302, 403, 403, 403, 302), "POST": (302, 403, 403, 403, 302)},
    "institutes:merge": {"GET": (302, 403, 403, 403, 302), "POST": (302, 403, 403, 403, 302)},
    "agreements:create": MANAGER_WRITE,
    "agreements:edit": MANAGER_WRITE,
    "agreements:parties": MANAGER_WRITE,
    "agreements:transition": MANAGER_WRITE,
    "agreements:document-upload": MANAGER_WRITE,
    # A draft is not amended: the page sends the manager back to the agreement.
    "agreements:amend": {"GET": (302, 403, 403, 302, 302), "POST": (302, 403, 403, 302, 302)},
    "agreements:renew": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 302, 302)},
    "agreements:from-decision": {"GET": (302, 403, 403, 200, 200), "POST": (302, 403, 403, 200, 200)},
    "agreements:document": READ,
    "workshops:attachment": READ,
    "workshops:detail": READ,
    "agreements:list": READ,
    "agreements:detail": READ,
    "institutes:list": READ,
    "institutes:detail": READ,
    "participants:list": READ,
    "participants:detail": READ,
    "workshops:history": READ,
    "agreements:history": READ,
    "institutes:history": READ,
    "participants:history": READ,
    # Follow-up actions: everyone with a role reads them; coordinators and up change their status.
    "actions:mine": READ,
    "actions:all": READ,
    "actions:status": {"GET": (405, 405, 405, 405, 405), "POST": (302, 403, 302, 302, 302)},
    # Results: everyone with a role reads them; managers add indicators, periods and values, and see the network's.
    "results:network": {"GET": (302, 403, 403, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "results:programme": READ,
    "results:agreement": READ,
    "results:indicator": READ,
    "results:records": READ,
    "results:history": READ,
    "results:export": READ,
    "results:programme-indicator-create": MANAGER_WRITE,
    "results:agreement-indicator-create": MANAGER_WRITE,
    "results:indicator-edit": MANAGER_WRITE,
    "results:target-create": MANAGER_WRITE,
    "results:value-create": MANAGER_WRITE,
    # Read-only in the API: a manager's POST is a 405, anyone else's a 403 first.
    "api:indicator-list": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicator-detail": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicatorperiod-list": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicatorperiod-detail": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicatorperiod-records": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicatorvalue-list": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    "api:indicatorvalue-detail": {**API_READ, "POST": (401, 403, 403, 405, 405)},
    # The privacy notice is for everyone, signed in or not; a person's export and anonymisation are for admins.
    "privacy:notice": {"GET": (200, 200, 200, 200, 200), "POST": (405, 405, 405, 405, 405)},
    "privacy:export": {"GET": (302, 403, 403, 403, 200), "POST": (405, 405, 405, 405, 405)},
    "privacy:export-json": {"GET": (302, 403, 403, 403, 200), "POST": (405, 405, 405, 405, 405)},
    # An empty reason is refused next to the field: the form comes back.
    "privacy:anonymise": ADMIN_WRITE,
}

ROUTES = project_routes()


def test_every_url_has_an_expected_outcome():
    assert sorted({route.name for route in ROUTES} - set(EXPECTED)) == []


def test_the_matrix_has_no_stale_entries():
    assert sorted(set(EXPECTED) - {route.name for route in ROUTES}) == []


@pytest.fixture
def users(db):
    return {
        "norole": UserFactory(username="norole"),
        "coordinator": UserFactory(username="coordinator", role="Coordinator"),
        "manager": UserFactory(username="manager", role="Manager"),
        "admin": UserFactory(username="admin", role="Admin", is_staff=True),
    }


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in EXPECTED], ids=str)
def test_permission_matrix(client, users, demo_ids, route, method):
    url = url_for(route, demo_ids)
    outcomes = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        response = client.get(url) if method == "GET" else client.post(url, {})
        outcomes[role] = response.status_code
        if role == "anonymous" and response.status_code == 302 and EXPECTED[route.name][method][0] == 302:
            location = response["Location"]
            assert location.startswith(reverse("login")) or route.name in {"set_language", "logout"}, location
    assert tuple(outcomes[role] for role in ROLES) == EXPECTED[route.name][method]
