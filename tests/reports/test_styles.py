"""Reports of each style (tests/fixtures/reports/corpus/dev/) read into their fields: a news release, bullet-point
minutes as .txt and .docx, a participants table in a .docx, a pasted e-mail, a PDF and narrative minutes."""

from pathlib import Path

import pytest

from reports.files import report_text
from reports.reader import read_report

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "corpus" / "dev"


def _value(fact):
    return fact["value"] if fact else None


def fields(proposal):
    """The proposal's facts in their fields: workshop facts, organisations, people, quotes, outcomes, actions."""
    orgs = {o["key"]: o["name"] for o in proposal["organisations"]}
    people = {p["key"]: p["family_name"] for p in proposal["people"]}
    owners = {**orgs, **people}
    return {
        "workshop": (
            _value(proposal["title"]),
            _value(proposal["kind"]),
            _value(proposal["format"]),
            _value(proposal["venue"]),
            _value(proposal["date"]),
            (proposal["date"] or {}).get("precision"),
            _value(proposal["reported_attendance"]),
            (proposal["programme"] or {}).get("record_name"),
            (proposal["initiative"] or {}).get("record_name"),
        ),
        "organisations": [(o["name"], o["role"], o["country"]) for o in proposal["organisations"]],
        "people": [
            (
                p["honorific"],
                p["given_name"],
                p["family_name"],
                _value(p["title"]),
                orgs.get(p["organisation"]),
                p["role"],
            )
            for p in proposal["people"]
        ],
        "quotes": [(people.get(s["speaker"]), s["text"][:30]) for s in proposal["statements"] if s["is_verbatim"]],
        "outcomes": [(o["kind"], o["text"]) for o in proposal["outcomes"]],
        "actions": [(a["title"], owners.get(a["owner"]), a["due_date"]) for a in proposal["actions"]],
        "topics": [t["value"] for t in proposal["topics"]],
    }


def _read(name):
    path = CORPUS / name
    return fields(read_report(report_text(path.name, path.read_bytes()), name=path.name))


@pytest.fixture
def records(corpus_records):
    return corpus_records
