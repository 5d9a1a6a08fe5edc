"""The report reader names a programme or initiative only among the user's programmes (accounts/scope.py)."""

from pathlib import Path

import pytest

from accounts.services import role_grant
from reports.reader import read_report
from tests.factories import ProgrammeFactory, UserFactory
from workshops.models import Programme

pytestmark = pytest.mark.django_db

REPORT = Path(__file__).resolve().parents[1] / "fixtures" / "reference" / "wit-pccfpi-workshop-2022-01-14.txt"


def scoped(role, programme, username):
    user = UserFactory(username=username)
    role_grant(user=user, role=role, programme=programme)
    return user


@pytest.fixture
def other():
    return ProgrammeFactory(name="Other Programme")


def test_the_reader_matches_a_programme_only_among_the_user_s_programmes(reference_programmes, other):
    text = REPORT.read_text(encoding="utf-8")
    programme, initiative = reference_programmes

    def matched(user):
        proposal = read_report(text, name=REPORT.name, user=user)
        return (proposal["programme"]["record_id"], proposal["initiative"]["record_id"])

    assert matched(None) == (programme.pk, initiative.pk)  # the command: every programme
    assert matched(scoped("Coordinator", programme, username="ilo")) == (programme.pk, initiative.pk)
    assert matched(scoped("Coordinator", initiative, username="initiative")) == (None, initiative.pk)
    # What the report writes stays, as for a programme not on record: the user chooses one on the entry page.
    outside = read_report(text, name=REPORT.name, user=scoped("Coordinator", other, username="outside"))
    assert [(outside[key]["value"], outside[key]["record_id"]) for key in ("programme", "initiative")] == [
        ("ILO-China Partnership Programme", None),
        ("Skills Development Network through South-South Cooperation", None),
    ]
    assert Programme.objects.count() == 3


def test_the_review_page_names_no_programme_outside_the_user_s(client, reference_programmes, other):
    client.force_login(scoped("Coordinator", other, username="outside"))
    response = client.post("/reports/", {"step": "read", "text": REPORT.read_text(encoding="utf-8")})
    assert response.status_code == 200
    proposal = response.context["proposal"]
    assert [proposal[key]["record_name"] for key in ("programme", "initiative")] == ["", ""]
    assert "ILO-China Partnership Programme → not on record: choose it on the entry page" in response.content.decode()
