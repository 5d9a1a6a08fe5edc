"""Facts of a corpus report (tests/fixtures/reports/corpus/, the format of docs: <name>.facts.json) found in their
fields of a proposal, by the corpus's scoring rules: one fact per scalar key, per key of each organisation and person,
per quote, decision, consensus item, action part and topic. Used until bench/report_reader.py scores the corpus."""

import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "corpus"


def _words(text):
    return " ".join(str(text or "").split()).casefold()


def _starts(text, start):
    return _words(text).startswith(_words(start))


def corpus_reports(folder, language=None):
    """[(report path, facts)] of a corpus folder ("dev" or "holdout"), by name."""
    reports = []
    for facts_path in sorted((CORPUS / folder).glob("*.facts.json")):
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        if language and facts.get("language") != language:
            continue
        stem = facts_path.name.removesuffix(".facts.json")
        # The report itself: not its facts, nor the source a binary is made from (<stem>.src.txt for a .docx).
        [report] = [
            p
            for p in facts_path.parent.glob(f"{stem}.*")
            if not p.name.endswith(".facts.json") and not p.name.startswith(f"{stem}.src.")
        ]
        reports.append((report, facts))
    return reports


def corpus_scores(folder):
    """{report's file name: (found, expected)} of a corpus folder, each report read as the page reads it."""
    from bench.report_reader import report_text
    from reports.reader import read_report

    return {
        path.name: score(read_report(report_text(path), name=path.name), facts)[:2]
        for path, facts in corpus_reports(folder)
    }


def score(proposal, facts):
    """(found, expected, [fact missed]) of a proposal against a report's facts."""
    checks = []
    value = lambda key: (proposal.get(key) or {}).get("value")  # noqa: E731
    orgs = {o["key"]: o for o in proposal["organisations"]}
    people = {p["key"]: p for p in proposal["people"]}
    owners = {k: o["name"] for k, o in orgs.items()} | {k: p["family_name"] for k, p in people.items()}
    for key in ("title", "kind", "format", "venue", "date", "reported_attendance"):
        if key in facts:
            checks.append((key, value(key) == facts[key]))
    if "date_precision" in facts:
        checks.append(("date_precision", (proposal["date"] or {}).get("precision") == facts["date_precision"]))
    for key in ("initiative", "programme"):
        if key in facts:
            checks.append((key, (proposal.get(key) or {}).get("record_name") == facts[key]))
    for expected in facts.get("organisations", []):
        org = next((o for o in orgs.values() if o["name"] == expected["name"]), None)
        checks.append((f"organisation {expected['name']}", org is not None))
        for key in ("role", "country"):
            if key in expected:
                checks.append((f"{key} of {expected['name']}", org is not None and org[key] == expected[key]))
    for expected in facts.get("people", []):
        person = next(
            (
                p
                for p in people.values()
                if (p["given_name"], p["family_name"]) == (expected.get("given_name", ""), expected["family_name"])
            ),
            None,
        )
        label = f"{expected.get('given_name', '')} {expected['family_name']}"
        checks.append((f"person {label}", person is not None))
        for key in ("honorific", "title", "organisation", "role"):
            if key not in expected:
                continue
            if person is None:
                got = None
            elif key == "title":
                got = (person["title"] or {}).get("value")
            elif key == "organisation":
                got = orgs[person["organisation"]]["name"] if person["organisation"] else None
            else:
                got = person[key]
            checks.append((f"{key} of {label}", got == expected[key]))
    for expected in facts.get("quotes", []):
        ok = any(
            s["speaker"]
            and people[s["speaker"]]["family_name"] == expected["speaker"]
            and _starts(s["text"], expected["starts"])
            for s in proposal["statements"]
        )
        checks.append((f"quote {expected['starts']}", ok))
    for kind, key in (("decision", "decisions"), ("consensus", "consensus")):
        for start in facts.get(key, []):
            ok = any(o["kind"] == kind and _starts(o["text"], start) for o in proposal["outcomes"])
            checks.append((f"{kind} {start}", ok))
    for expected in facts.get("actions", []):
        action = next((a for a in proposal["actions"] if _starts(a["title"], expected["starts"])), None)
        checks.append((f"action {expected['starts']}", action is not None))
        if "owner" in expected:
            ok = action is not None and owners.get(action["owner"]) == expected["owner"]
            checks.append((f"owner of {expected['starts']}", ok))
        if "due_date" in expected:
            checks.append(
                (f"due date of {expected['starts']}", action is not None and action["due_date"] == expected["due_date"])
            )
    topics = {_words(t["value"]) for t in proposal["topics"]}
    for topic in facts.get("topics", []):
        checks.append((f"topic {topic}", _words(topic) in topics))
    missed = [label for label, ok in checks if not ok]
    return len(checks) - len(missed), len(checks), missed
