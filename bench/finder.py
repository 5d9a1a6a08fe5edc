"""Worst-case times of the finders (institutes/search.py, participants/search.py, the site search) at ORGS
organisations and PEOPLE people, on the database in DATABASE_URL (the issue's goal: under 50 ms each on PostgreSQL at
10,000 organisations and 100,000 people).

    createdb -h 127.0.0.1 -U postgres partnership_finder
    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_finder .venv/bin/python bench/finder.py

Migrates the database and fills it (bulk_create; people as bench/typeahead.py makes them, organisations from a few
hundred words) when it holds fewer, then asks each finder each hostile query: 30 words, 1-letter words, one Chinese
character, punctuation only, a hyphenated run of letters, a 13-word organisation name. Prints, per finder and query,
the median and the slowest of REPEAT runs after one warm-up, the number of queries, and whether the query was cut.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ["DJANGO_HTTPS"] = "0"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import typeahead  # noqa: E402
from common.search import cut_query  # noqa: E402
from institutes import search as organisations  # noqa: E402
from institutes.models import Organisation  # noqa: E402
from participants import search as people  # noqa: E402

ORGS = int(os.environ.get("ORGS", 10_000))
REPEAT = int(os.environ.get("REPEAT", 5))
WORDS = [
    "Ministry",
    "Labour",
    "Vocational",
    "Training",
    "Institute",
    "Technical",
    "College",
    "Polytechnic",
    "Department",
    "International",
    "Exchange",
    "Cooperation",
    "Bureau",
    "Human",
    "Resources",
    "Social",
    "Security",
    "Centre",
    "Skills",
    "Development",
    "Authority",
    "National",
    "Provincial",
    "Municipal",
    "Industrial",
    "Friendship",
    "Academy",
    "University",
    "School",
    "Agency",
    "Council",
    "Federation",
    "Association",
    "Foundation",
    "Wuxi",
    "Nanning",
    "Guangxi",
    "Yunnan",
    "Phnom",
    "Penh",
    "Vientiane",
    "Hanoi",
    "Bangkok",
    "Yangon",
    "Jakarta",
    "Siem",
    "Reap",
    "Battambang",
    "Luang",
    "Prabang",
    "Kunming",
    "Shenzhen",
    "Tianjin",
    "Chongqing",
    "Sihanoukville",
    "Kampong",
    "Cham",
    "Savannakhet",
    "Pakse",
    "Mandalay",
]
QUERIES = [
    ("30 words", " ".join(WORDS[:30])),
    ("1-letter words", " ".join("abcdefghijklmnopqrstuvwxyz")),
    ("李", "李"),
    ("punctuation", "!!! ??? ... --- ((( ))) /// ,,, ;;; ::: *** +++"),
    ("hyphenated letters", "-".join("abcdefghijklmnopqrstuvwxyz")),
    ("13-word name", "National Skills Development Authority of the Kingdom of Cambodia Phnom Penh Capital Office"),
    ("plain", "Wuxi Institute"),
]


def fill_organisations():
    have = Organisation.objects.count()
    if have >= ORGS:
        return have
    rng = random.Random(7)
    batch = []
    for n in range(have, ORGS):
        words = [rng.choice(WORDS) for _ in range(rng.choice((3, 4, 5, 6)))]
        short = "".join(w[0] for w in words).upper() + str(n % 97)
        batch.append(Organisation(name=f"{' '.join(words)} {n}", short_name=short[:20]))
    Organisation.objects.bulk_create(batch, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE institutes_organisation")
    return Organisation.objects.count()


FINDERS = [
    ("organisation search", lambda q: organisations.search_organisations(q, limit=8)),
    ("organisation match", lambda q: organisations.match_organisations(q, limit=8)),
    ("organisations list", lambda q: list(organisations.organisations_matching(q)[:25])),
    ("people search", lambda q: people.search_people(q, limit=8)),
    ("people match", lambda q: people.match_people(q, limit=8)),
    ("people list", lambda q: list(people.people_matching(q)[:25])),
]


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    n_people, n_orgs = typeahead.fill(), fill_organisations()
    print(f"{connection.vendor}: {n_orgs:,} organisations, {n_people:,} people ({time.perf_counter() - started:.0f} s)")
    people.search_people("李振")  # pypinyin's first load is not a search
    print(f"{'finder':<20} {'query':<19} {'median':>8} {'slowest':>8} {'queries':>7}  cut")
    worst = 0.0
    for finder, run in FINDERS:
        for label, query in QUERIES:
            run(query)  # warm-up
            times = []
            for _ in range(REPEAT):
                reset_queries()
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    run(query)
                    times.append((time.perf_counter() - start) * 1000)
            worst = max(worst, max(times))
            cut = "yes" if cut_query(query)[1] else "no"
            print(
                f"{finder:<20} {label:<19} {statistics.median(times):6.1f}ms {max(times):6.1f}ms "
                f"{len(captured):>7}  {cut}"
            )
    print(f"slowest of all: {worst:.1f} ms")


if __name__ == "__main__":
    main()
