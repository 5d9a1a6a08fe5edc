"""The report reader over the reports of tests/fixtures/reports/ (and the reference report): precision and recall of
people, organisations and quotes against tests/fixtures/reports/gold.json, and the time per report of
`read_report` on the folder.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated database> python bench/report_reader.py

The organisations and people the reports meet (tests/reports/conftest.py) are written inside a transaction that is
rolled back, so the database is left as it was.
"""

import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"


def gold_reports():
    """{path: gold} for every report of gold.json."""
    gold = json.loads((REPORTS / "gold.json").read_text(encoding="utf-8"))
    return {(REPORTS / name).resolve(): facts for name, facts in gold.items() if not name.startswith("_")}


def found(proposal):
    """What a proposal names: people (given, family), organisations (names), quotes (speaker family name, words)."""
    family = {p["key"]: p["family_name"] for p in proposal["people"]}
    return {
        "people": {(p["given_name"], p["family_name"]) for p in proposal["people"]},
        "organisations": {o["name"] for o in proposal["organisations"]},
        "quotes": {(family.get(s["speaker"]), s["text"]) for s in proposal["statements"] if s["is_verbatim"]},
    }


def score(pairs):
    """{kind: (true positives, proposed, expected)} over (proposal, gold) pairs."""
    totals = {kind: [0, 0, 0] for kind in ("people", "organisations", "quotes")}
    for proposal, gold in pairs:
        got = found(proposal)
        expected = {
            "people": {tuple(p) for p in gold["people"]},
            "organisations": set(gold["organisations"]),
            "quotes": {tuple(q) for q in gold["quotes"]},
        }
        for kind in totals:
            if kind == "quotes":
                hits = sum(any(s == sp and t.startswith(words) for s, t in got[kind]) for sp, words in expected[kind])
            else:
                hits = len(got[kind] & expected[kind])
            totals[kind][0] += hits
            totals[kind][1] += len(got[kind])
            totals[kind][2] += len(expected[kind])
    return {kind: tuple(values) for kind, values in totals.items()}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from tests.reports.conftest import records_for_reports

    with transaction.atomic():
        records_for_reports()
        reports = gold_reports()
        folder = sorted(p for p in reports if p.parent == REPORTS)
        call_command("read_report", str(REPORTS), stdout=io.StringIO())  # the first run loads dateparser's data
        started = time.perf_counter()
        out = io.StringIO()
        call_command("read_report", str(REPORTS), stdout=out)
        elapsed = time.perf_counter() - started
        proposals = {REPORTS / p["source_name"]: p for p in json.loads(out.getvalue())}
        out = io.StringIO()
        reference = next(p for p in reports if p.parent != REPORTS)
        call_command("read_report", str(reference), stdout=out)
        proposals[reference] = json.loads(out.getvalue())[0]
        totals = score([(proposals[path], reports[path]) for path in reports])
        transaction.set_rollback(True)
    print(
        f"read_report on {len(folder)} reports in {REPORTS.relative_to(ROOT)}: {elapsed / len(folder):.3f} s per report"
    )
    for kind, (hits, proposed, expected) in totals.items():
        precision = f"precision {hits}/{proposed} = {hits / proposed:.3f}"
        print(f"{kind:14} {precision}   recall {hits}/{expected} = {hits / expected:.3f}")


if __name__ == "__main__":
    main()
