"""Every URL × {coordinator, manager, admin} holding their role for one other programme only: nothing of the
reference workshop's programme reaches them, at any door.

The reference workshop and its agreement belong to the ILO–China programme and its initiative; the users here hold
their role for "Other Programme", which has a workshop, an agreement and an action of its own. A route that names a
record of the reference programme answers 404 wherever the all-programme user of the same role would be let in
(403 and 405 stay as they are: the role or the method is refused first). Every other route answers as for the
all-programme user, and no answer, whatever its code, holds a title or name of the reference programme's records.
"""

import html
import json

import pytest
from django.db.models import Q

from accounts.services import role_grant
from agreements.models import Agreement
from results import rules
from results.models import Indicator
from tests.factories import ActionItemFactory, AgreementFactory, ProgrammeFactory, UserFactory, WorkshopFactory
from tests.partnership.test_permission_matrix import EXPECTED, ROUTES
from tests.urls_catalogue import url_for
from workshops.models import ActionItem, Programme, Workshop

ROLES = {"coordinator": 2, "manager": 3, "admin": 4}  # their column in the matrix's EXPECTED
ALLOWED = {200, 201, 204, 301, 302, 400, 409, 415}

# Routes whose arguments name a record of the reference programme (a workshop, an agreement or one of their rows).
RECORD_ROUTES = {
    route.name
    for route in ROUTES
    if route.name.startswith(("workshops:", "agreements:", "actions:", "results:", "api:workshop", "api:agreement"))
    and route.converters
    # A partner's pages: the token in the address is the permission, whoever is signed in.
    and route.name
    not in {
        "workshops:export",
        "agreements:export",
        "actions:export",
        "results:export",
        "workshops:confirm",
        "workshops:report-actions",
    }
} | {
    "api:attendance-detail",
    "api:actionitem-detail",
    "api:indicator-detail",
    "api:indicatorperiod-detail",
    "api:indicatorperiod-records",
    "api:indicatorvalue-detail",
}

# Pages for the roles of all programmes only: a role of some programmes is refused (403) where one of all is let in.
ALL_PROGRAMMES_ONLY = {"privacy:export", "privacy:export-json", "privacy:anonymise"}

# Query strings that would find the reference programme's records if the scope let them through.
QUERIES = {
    "search": "?q=Wuxi",
    "workshops:list": "?q=Wuxi",
    "workshops:programme-match": "?q=Programme",
    "workshops:export": "?q=Wuxi",
    "api:workshop-list": "?q=Wuxi",
}


def expected_for(route, method, role):
    everywhere = EXPECTED[route.name][method][ROLES[role]]
    if route.name in RECORD_ROUTES and everywhere in ALLOWED and everywhere != 301:
        return 404
    if route.name in ALL_PROGRAMMES_ONLY and everywhere in ALLOWED:
        return 403
    return everywhere


@pytest.fixture
def other_programme(db):
    other = ProgrammeFactory(name="Other Programme", short_name="OTHER")
    workshop = WorkshopFactory(title="Wuxi follow-up of the other programme", programme=other)
    AgreementFactory(title="Agreement of the other programme", programme=other)
    ActionItemFactory(title="Action of the other programme", workshop=workshop, agreement=None)
    return other


@pytest.fixture
def scoped_users(other_programme):
    users = {}
    for role in ROLES:
        user = UserFactory(username=f"{role}-of-other", is_staff=role == "admin")
        role_grant(user=user, role=role.capitalize(), programme=other_programme)
        users[role] = user
    return users


def indicator_names(programmes):
    # A name found in a rule's label ("Bilateral workshops held") is public: the API schema lists the rules.
    labels = [str(label) for _, label in rules.CHOICES]
    names = Indicator.objects.filter(Q(programme__in=programmes) | Q(agreement__programme__in=programmes))
    return [name for name in names.values_list("name", flat=True) if not any(name in label for label in labels)]


def secrets(reference_workshop):
    """The names of the reference programme's records, as a page, a file or JSON would write them."""
    programmes = Programme.objects.filter(pk__in=[reference_workshop.programme_id, reference_workshop.initiative_id])
    texts = [
        *Workshop.objects.filter(programme__in=programmes).values_list("title", flat=True),
        *Agreement.objects.filter(programme__in=programmes).values_list("title", flat=True),
        *ActionItem.objects.filter(workshop=reference_workshop).values_list("title", flat=True),
        *indicator_names(programmes),
        *programmes.values_list("name", flat=True),
    ]
    forms = set()
    for text in texts:
        forms |= {text, html.escape(text), json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}
    return sorted(forms)


def leaked(response, hidden):
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = content.decode("utf-8", errors="replace")
    return [secret for secret in hidden if secret in text]


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in EXPECTED], ids=str)
def test_a_user_of_another_programme_gets_nothing_of_this_one(client, scoped_users, demo_ids, route, method):
    hidden = secrets(Workshop.objects.get(pk=demo_ids["workshops"]))
    outcomes, leaks = {}, {}
    for role, user in scoped_users.items():
        client.force_login(user)
        ids = {**demo_ids, "calendar:feed.token": user.calendar_token}
        url = url_for(route, ids) + (QUERIES.get(route.name, "") if method == "GET" else "")
        response = client.get(url) if method == "GET" else client.post(url, {})
        outcomes[role] = response.status_code
        if found := leaked(response, hidden):
            leaks[role] = found
    assert outcomes == {role: expected_for(route, method, role) for role in ROLES}
    assert leaks == {}
