"""Cost of each results rule (results/rules.py) on the database in DATABASE_URL as it is (generate it first:
bench/pages.py fills `<name>_100k` with `generate_data --workshops 100000 --seed 1` and gives the busiest programme
and the middle agreement their indicators).

    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_bench_100k python bench/results_rules.py
    REPEAT=9 python bench/results_rules.py

For the programme and the agreement bench/pages.py's results_indicators() chooses, computes every rule that applies
to it for each of the last three years of workshops: once to warm up, then REPEAT times, each on a subject read
afresh (a rule may cache what it reads on the subject object, as a page does for an indicator's periods: here that
reading is counted in every run). Prints the median in ms and the query count per rule and year, the total of the
medians per subject, and the load average before and after (other work on the machine slows every figure).
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ["DJANGO_HTTPS"] = "0"
os.environ["DJANGO_DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import results_indicators  # noqa: E402
from results.rules import AGREEMENT, PROGRAMME, RULES  # noqa: E402
from workshops.models import Programme, Workshop  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", 5))


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(rule, subject, start, end, today):
    """(median ms, queries) of REPEAT computations, each on the subject read afresh."""
    fresh = type(subject).objects.get
    rule.compute(fresh(pk=subject.pk), start=start, end=end, today=today)
    times = []
    for _ in range(REPEAT):
        again = fresh(pk=subject.pk)
        started = time.perf_counter()
        rule.compute(again, start=start, end=end, today=today)
        times.append((time.perf_counter() - started) * 1000)
    again = fresh(pk=subject.pk)
    with CaptureQueriesContext(connection) as queries:
        rule.compute(again, start=start, end=end, today=today)
    return statistics.median(times), len(queries)


def main():
    programme, agreement = results_indicators()
    last = Workshop.objects.order_by("-start_date").values_list("start_date", flat=True).first()
    years = [last.year - 2, last.year - 1, last.year]
    today = datetime.date.today()
    print(f"{connection.vendor}: {Workshop.objects.count()} workshops; median of {REPEAT} runs; load average: {load()}")
    header = f"{'subject':10} {'rule':24}" + "".join(f" {year:>9} {'q':>3}" for year in years)
    print(header)
    print("-" * len(header))
    for subject, about in ((programme, PROGRAMME), (agreement, AGREEMENT)):
        name = "programme" if isinstance(subject, Programme) else "agreement"
        total = 0.0
        for rule in RULES.values():
            if about not in rule.applies_to:
                continue
            cells = ""
            for year in years:
                ms, queries = timed(rule, subject, datetime.date(year, 1, 1), datetime.date(year, 12, 31), today)
                total += ms
                cells += f" {ms:7.1f}ms {queries:3}"
            print(f"{name:10} {rule.name:24}{cells}")
        print(f"{name:10} {'total of the medians':24} {total:7.1f}ms")
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    main()
