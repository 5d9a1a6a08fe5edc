"""The report reader measured: facts found in their fields / facts expected, per report and in total, for the
development and the held-out sets of tests/fixtures/reports/corpus/ (per language), seconds per report, and the
reference report's score against its facts list (tests/reports/test_reader_reference.py, 66 of 68 before issue 26).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated database> python bench/report_reader.py \
        [--holdout] [--fresh] [--fresh2] [--fresh3] [--fresh4] [--fresh5] [--fresh6] [--fresh7] [-v]

The held-out set is scored only with --holdout (once, when the reader is done); the fresh set (corpus/fresh: four
reports written after the reader was done, by someone who had not seen it read them) only with --fresh; the second
fresh set (corpus/fresh2: four more such reports, written after the fixes the first led to) only with --fresh2; the
third (corpus/fresh3: six reports in six styles, two in Chinese, written while the fixes the second led to were made,
by a writer who never saw the reader's code) only with --fresh3; the fourth (corpus/fresh4: six more in six other
styles — a conference report as a PDF, a non-native English narrative, a pasted Outlook chain, a college website's
news page, a Chinese 工作简报 and a WeChat-style article — written the same way while fresh3's fixes were made) only
with --fresh4; the fifth (corpus/fresh5: six more — a .docx of steering-committee minutes, an .eml of a video call, a
study visit's mission report, a ToT press release, a 会议纪要 and a college website's 新闻 — written while fresh4's
fixes were made, scored once at the end) only with --fresh5; the sixth (corpus/fresh6: six more — a UN back-to-office
report, a pasted Teams meeting recap, a quarterly progress report as a .docx with tables, a bilingual college event
page, a Chinese 简讯 with 出席/陪同 lines and a 会议记录 of questions and answers — written while fresh5's fixes were
made, scored once at the end) only with --fresh6; the seventh (corpus/fresh7: a donor's monitoring note, a college's
LinkedIn post, a memo as a .docx, a conference session's rapporteur report as a PDF, a Chinese 出访报告 and a 会议通知
with its 会后纪要 — written while fresh6's fixes were made) only with --fresh7. Each report's line also counts the
people and organisations proposed whose names its facts do not hold (a name cut wrong, a unit offered as an
organisation): what a coordinator would have to leave out, which the facts' score does not see. -v lists each fact
missed and each name proposed that is not in the facts. The records the reports meet (tests/reports/conftest.py) are
written inside a transaction that is rolled back, so the database is left as it was."""

import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "reports" / "corpus"
REFERENCE = ROOT / "tests" / "fixtures" / "reference" / "wit-pccfpi-workshop-2022-01-14.txt"
SUFFIXES = (".txt", ".eml", ".docx", ".html", ".pdf")
# The four reports written with the reader (the reference and three others) and their people, organisations and
# quotes (precision and recall, as before issue 26).
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


def corpus(folder):
    """[(report path, expected facts)] of a corpus folder: every report with a .facts.json beside it."""
    reports = []
    for path in sorted(folder.iterdir()):
        if path.suffix in SUFFIXES and (facts := path.with_name(path.stem + ".facts.json")).exists():
            reports.append((path, json.loads(facts.read_text(encoding="utf-8"))))
    return reports


def report_text(path):
    """The text a user's upload of `path` gives the reader (an .eml: its headers and its message, reports.files)."""
    from reports.files import report_text as file_text

    return file_text(path.name, path.read_bytes())


def _norm(text):
    return " ".join(str(text or "").split()).casefold().strip("“”\"'‘’ ")


def _starts(text, start):
    """Whether an outcome or action text starts with `start`, or does after its lead ("… agreed that …")."""
    text, start = _norm(text), _norm(start)
    leads = [text] + [text[m.end() :] for m in re.finditer(r"\b(?:that|to)\s+", text[:80])]
    return any(lead.startswith(start) for lead in leads)


def facts_score(proposal, facts):
    """[(fact name, found)] of one report: each fact counts only if it is in its field of the proposal."""
    held = []
    orgs = {o["key"]: o for o in proposal["organisations"]}
    people = {p["key"]: p for p in proposal["people"]}

    def value(key):
        fact = proposal.get(key)
        return fact.get("value") if fact else None

    for key in ("title", "kind", "format", "venue", "date", "reported_attendance"):
        if key in facts:
            held.append((key, _norm(value(key)) == _norm(facts[key])))
    if "date_precision" in facts:
        held.append(("date_precision", (proposal.get("date") or {}).get("precision") == facts["date_precision"]))
    for key in ("initiative", "programme"):
        if key in facts:
            fact = proposal.get(key) or {}
            names = {_norm(fact.get("value")), _norm(fact.get("record_name"))}
            held.append((key, _norm(facts[key]) in names))

    def org_name(key):
        return _norm(orgs[key]["name"]) if key in orgs else None

    def owner_name(key, expected):
        if key in people:
            return _norm(people[key]["family_name"]) == _norm(expected)
        return org_name(key) == _norm(expected)

    for expected in facts.get("organisations", []):
        got = next((o for o in proposal["organisations"] if _norm(o["name"]) == _norm(expected["name"])), None)
        label = f"organisation {expected['name']}"
        held.append((label, got is not None))
        for key in ("role", "country"):
            if key in expected:
                held.append((f"{label}: {key}", bool(got) and (got.get(key) or "") == expected[key]))
    for expected in facts.get("people", []):
        name = (_norm(expected["given_name"]), _norm(expected["family_name"]))
        got = next((p for p in proposal["people"] if (_norm(p["given_name"]), _norm(p["family_name"])) == name), None)
        label = f"person {expected['given_name']} {expected['family_name']}"
        held.append((label, got is not None))
        if "honorific" in expected:
            held.append((f"{label}: honorific", bool(got) and got["honorific"] == expected["honorific"]))
        if "title" in expected:
            title = (got or {}).get("title") or {}
            held.append((f"{label}: title", _norm(title.get("value")) == _norm(expected["title"])))
        if "organisation" in expected:
            held.append(
                (
                    f"{label}: organisation",
                    bool(got) and org_name(got["organisation"]) == _norm(expected["organisation"]),
                )
            )
        if "role" in expected:
            held.append((f"{label}: role", bool(got) and got["role"] == expected["role"]))
    for quote in facts.get("quotes", []):
        found = any(
            s["speaker"] in people
            and _norm(people[s["speaker"]]["family_name"]) == _norm(quote["speaker"])
            and _norm(s["text"]).startswith(_norm(quote["starts"]))
            for s in proposal["statements"]
        )
        held.append((f"quote of {quote['speaker']}: {quote['starts']}", found))
    for kind, key in (("decision", "decisions"), ("consensus", "consensus")):
        for start in facts.get(key, []):
            found = any(o["kind"] == kind and _starts(o["text"], start) for o in proposal["outcomes"])
            held.append((f"{kind}: {start}", found))
    for expected in facts.get("actions", []):
        got = next((a for a in proposal["actions"] if _starts(a["title"], expected["starts"])), None)
        label = f"action {expected['starts']}"
        held.append((label, got is not None))
        if "owner" in expected:
            held.append((f"{label}: owner", bool(got) and owner_name(got["owner"], expected["owner"])))
        if "due_date" in expected:
            held.append((f"{label}: due date", bool(got) and got["due_date"] == expected["due_date"]))
    topics = {_norm(t["value"]) for t in proposal["topics"]}
    for topic in facts.get("topics", []):
        held.append((f"topic {topic}", _norm(topic) in topics))
    return held


def read_all(reports):
    """[(path, facts, proposal, seconds to read, characters)] of each report."""
    from reports.reader import read_report

    results = []
    for path, facts in reports:
        text = report_text(path)
        started = time.perf_counter()
        proposal = read_report(text, name=path.name)
        results.append((path, facts, proposal, time.perf_counter() - started, len(text)))
    return results


def extras(proposal, facts):
    """(organisations proposed, people proposed, [the names of those the facts do not hold]): what a coordinator would
    have to leave out on the review page ("团访问山东商业职业技术学院", a name cut wrong), which recall does not see."""
    orgs = {_norm(o["name"]) for o in facts.get("organisations", [])}
    people = {(_norm(p.get("given_name")), _norm(p["family_name"])) for p in facts.get("people", [])}
    extra = [o["name"] for o in proposal["organisations"] if _norm(o["name"]) not in orgs]
    extra += [
        f"{p['given_name']} {p['family_name']}".strip()
        for p in proposal["people"]
        if (_norm(p["given_name"]), _norm(p["family_name"])) not in people
    ]
    return len(proposal["organisations"]), len(proposal["people"]), extra


def print_set(label, results, *, verbose):
    total_found = total_expected = 0
    proposed = extra_names = 0
    by_language = {}
    print(f"\n{label}")
    for path, facts, proposal, seconds, chars in results:
        orgs, people, extra = extras(proposal, facts)
        proposed += orgs + people
        extra_names += len(extra)
        held = facts_score(proposal, facts)
        found = sum(ok for _name, ok in held)
        total_found += found
        total_expected += len(held)
        language = facts.get("language", "en")
        counts = by_language.setdefault(language, [0, 0])
        counts[0] += found
        counts[1] += len(held)
        print(
            f"  {path.name:44} {language}  {found:3}/{len(held):3} = {found / len(held):6.1%}"
            f"   {seconds:.3f} s  {chars:6} chars  {len(extra)} of {orgs + people} names proposed not in its facts"
        )
        if verbose:
            for name, ok in held:
                if not ok:
                    print(f"      missed: {name}")
            for name in extra:
                print(f"      proposed, not in its facts: {name}")
    for language, (found, expected) in sorted(by_language.items()):
        print(f"  {'total ' + language:44}     {found:3}/{expected:3} = {found / expected:6.1%}")
    if total_expected:
        seconds = sum(r[3] for r in results) / len(results)
        print(
            f"  {'total':44}     {total_found:3}/{total_expected:3} = {total_found / total_expected:6.1%}"
            f"   {seconds:.3f} s per report"
        )
        print(f"  names proposed (people and organisations) not in the facts: {extra_names} of {proposed}")


def reference_score():
    """(facts held, facts) of the reference report, as tests/reports/test_reader_reference.py counts them."""
    from institutes.models import Organisation
    from reports.reader import read_report
    from tests.reports.test_reader_reference import facts_held

    by_short = {org.short_name or org.name: org for org in Organisation.objects.all()}
    by_short["Wuxi HRSS Bureau"] = Organisation.objects.get(name="Wuxi Human Resources and Social Security Bureau")
    started = time.perf_counter()
    proposal = read_report(REFERENCE.read_text(encoding="utf-8"), name=REFERENCE.name)
    seconds = time.perf_counter() - started
    facts = facts_held(proposal, by_short)
    return sum(facts.values()), len(facts), sorted(name for name, held in facts.items() if not held), seconds


# The corpus's sets: (folder, title, the flag that scores it; None: always).
SETS = [
    ("dev", "development set", None),
    ("holdout", "held-out set", "--holdout"),
    ("fresh", "fresh set", "--fresh"),
    ("fresh2", "second fresh set", "--fresh2"),
    ("fresh3", "third fresh set", "--fresh3"),
    ("fresh4", "fourth fresh set", "--fresh4"),
    ("fresh5", "fifth fresh set", "--fresh5"),
    ("fresh6", "sixth fresh set", "--fresh6"),
    ("fresh7", "seventh fresh set", "--fresh7"),
]


def main():
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.db import transaction

    from reports.reader import read_report
    from tests.reports.conftest import records_for_corpus

    verbose = "-v" in sys.argv
    with transaction.atomic():
        records_for_corpus()
        read_report("Warm-up on 1 May 2023 by Mr. Wang.")  # the first run loads dateparser's data
        held, total, missed, seconds = reference_score()
        print(f"reference report: {held}/{total} = {held / total:.1%} of its facts ({seconds:.3f} s); missed: {missed}")
        pairs = [(read_report(p.read_text(encoding="utf-8"), name=p.name), gold) for p, gold in gold_reports().items()]
        for kind, (hits, proposed, expected) in score(pairs).items():
            print(f"the four reports' {kind:14} precision {hits}/{proposed}   recall {hits}/{expected}")
        for name, title, flag in SETS:
            if flag is None or flag in sys.argv:
                print_set(
                    f"{title} (tests/fixtures/reports/corpus/{name})", read_all(corpus(CORPUS / name)), verbose=verbose
                )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
