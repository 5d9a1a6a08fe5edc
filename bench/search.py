"""Site search latency per word, on the database in DATABASE_URL as it is (generate it first: bench/pages.py fills
`<name>_100k` with `generate_data --workshops 100000 --seed 1`).

    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_bench_100k python bench/search.py
    REPEAT=15 WORDS="Wuxi,无锡" python bench/search.py
    PAGES=/search/,/workshops/,/api/workshops/ python bench/search.py   # the same words on the workshop list and API

Signs in as a coordinator and asks GET /search/?q=WORD through the test Client (the whole request, middleware and
templates included, DEBUG off), twice to warm up, then REPEAT times; prints per word the median, the 95th percentile,
the query count and how many records of each kind were found, with the load average before and after (other work
on the machine slows every figure).
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.roles import COORDINATOR  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from overview.search import search  # noqa: E402
from workshops.models import Workshop  # noqa: E402

REPEAT = int(os.environ.get("REPEAT", 9))
PAGES = os.environ.get("PAGES", "/search/").split(",")
TWELVE = "Wuxi Institute of Technology cooperation workshop Phnom Penh vocational training centre China Cambodia"
WORDS = (
    os.environ.get("WORDS", "").split(",")
    if os.environ.get("WORDS")
    else [
        "无锡",
        "李",
        "Wuxi",
        "cooperation",
        "Phnom Penh",
        "Yutong",
        TWELVE,
    ]
)


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    user, _created = get_user_model().objects.get_or_create(username="searchbench")
    if not user.role_grants.exists():
        role_grant(user=user, role=COORDINATOR)  # for all programmes
    client = Client()
    client.force_login(user)
    print(f"{connection.vendor}: {Workshop.objects.count()} workshops; load average at start: {load()}")
    for page in PAGES:
        print(f"GET {page}?q=WORD")
        for word in WORDS:
            measure(client, user, page, word)
    print(f"load average at end: {load()}")


def measure(client, user, page, word):
    for _ in range(2):
        response = client.get(page, {"q": word})
        assert response.status_code == 200, response.status_code
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(page, {"q": word})
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(page, {"q": word})
    if page == "/search/":
        found = search(word, user)
        counts = "found: " + " ".join(f"{kind[:4]} {count}" for kind, (count, _records) in found.items())
    else:
        counts = ""
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    shown = word if len(word) <= 16 else word[:13] + "..."
    print(
        f"{shown!r:18} median {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  {len(queries):2} queries  {counts}"
    )


if __name__ == "__main__":
    main()
