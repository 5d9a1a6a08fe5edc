"""The results pages read (values stored) and counting (every stored value deleted before each request), on the
database in DATABASE_URL as it is (generate it first: bench/pages.py fills `<name>_100k` and gives the busiest
programme and the middle agreement their indicators, as this script does too).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_bench_1M python bench/results_pages.py
    REPEAT=9 python bench/results_pages.py

Signed in as a manager, through the test Client with DEBUG off; per page the median of REPEAT requests, its query
count and the time its SQL took. The counting figures delete every results.ComputedValue row first: not on a
database in use.
"""

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

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.pages import manager_user, results_indicators  # noqa: E402
from results.models import ComputedValue  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", 5))


def measure(client, url, *, counting):
    times = []
    for _ in range(REPEAT):
        if counting:
            ComputedValue.objects.all().delete()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    statements = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((time.perf_counter() - started) * 1000)

    if counting:
        ComputedValue.objects.all().delete()
    with connection.execute_wrapper(timed):
        client.get(url)
    return statistics.median(times), len(statements), sum(statements)


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    programme, agreement = results_indicators()
    client = Client()
    client.force_login(manager_user())
    urls = [
        reverse("results:programme", args=[programme.pk]),
        reverse("results:agreement", args=[agreement.pk]),
        reverse("results:network"),
        reverse("api:indicator-list"),
    ]
    print(f"{connection.vendor}; load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for url in urls:
        for _ in range(2):
            assert client.get(url).status_code == 200
        for counting in (False, True):
            ms, queries, sql = measure(client, url, counting=counting)
            how = "counting" if counting else "read"
            print(f"{url:32} {how:9} median {ms:8.1f} ms  {queries:3} queries  SQL {sql:7.1f} ms")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
