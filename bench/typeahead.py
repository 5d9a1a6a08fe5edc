"""Type-ahead latency of the people search at 100,000 people, per keystroke, on the database in DATABASE_URL.

    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_search_bench python bench/typeahead.py
    nice -n 10 env DATABASE_URL=sqlite:////tmp/typeahead.sqlite3 python bench/typeahead.py

Migrates the database and, unless it holds generate_data's workshops (measured as they are), fills it with PEOPLE
people when it has fewer (bulk_create, names from a few hundred syllables, a tenth with a name in Chinese characters,
a twentieth with another name), then types each query one keystroke at a time into GET /people/match/ (signed in as
a coordinator, the whole request timed) and prints, per query, the median and 95th percentile over every keystroke
of REPEAT rounds and the slowest keystroke, with the load average (other work on the machine slows every figure).
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

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.roles import COORDINATOR  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from participants.models import Person, PersonAlias  # noqa: E402
from workshops.models import Workshop  # noqa: E402

PEOPLE = int(os.environ.get("PEOPLE", 100_000))
REPEAT = int(os.environ.get("REPEAT", 3))
QUERIES = [
    ("prefix", "Yuto"),
    ("full name", "Yutong Liu"),
    ("family first", "Liu Yutong"),
    ("typo", "Yutong Lui"),
    ("swap", "Kimroeun Kuoy"),
    ("own script", "李振云"),
]
_SYLLABLES = (
    "an ba bao bin bo chen cheng chun da dan dong fang fei feng gang guo hai han hao hong hua hui jia jian jiang jie "
    "jin jing jun kai lan lei li liang lin ling long mei min ming na ning peng ping qi qiang qing rong rui shan sheng "
    "shu si tao ting tong wei wen xia xiang xiao xin xiu xu yan yang yi ying yong yu yuan yun ze zhen zheng zhi zhong"
)
_FAMILY = (
    "Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Song Tang "
    "Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao "
    "Bou Kouy Sok Chan Heng Keo Lim Meas Nguon Phan Seng Chea Ly Pich Sam Tep Vong Yim Nhem Oum Prak"
)
SYLLABLES, FAMILY = _SYLLABLES.split(), _FAMILY.split()
CHINESE = "李王张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高振云建斌挺刚江雨桐伟芳敏静磊洋小明华丽娜红"


def fill():
    have = Person.objects.count()
    # A database of generate_data (it has workshops) is measured as it is, never filled with more people.
    if have >= PEOPLE or Workshop.objects.exists():
        return have
    rng = random.Random(13)
    batch = []
    for n in range(have, PEOPLE):
        given = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2)))).capitalize()
        local = "".join(rng.choice(CHINESE) for _ in range(3)) if n % 10 == 0 else ""
        batch.append(Person(given_name=given, family_name=rng.choice(FAMILY), name_local=local))
    # The people the queries look for, once each.
    batch += [
        Person(given_name="Yutong", family_name="Liu"),
        Person(given_name="Kimroeun", family_name="Kouy"),
        Person(given_name="Zhenyun", family_name="Li", name_local="李振云"),
    ]
    Person.objects.bulk_create(batch, batch_size=5000)
    people = list(Person.objects.values_list("pk", "given_name", "family_name")[: PEOPLE // 20])
    PersonAlias.objects.bulk_create(
        [PersonAlias(person_id=pk, name=f"{family} {given}".strip()) for pk, given, family in people],
        batch_size=5000,
        ignore_conflicts=True,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE participants_person; ANALYZE participants_personalias")
    return Person.objects.count()


def main():
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    count = fill()
    print(f"{connection.vendor}: {count} people ({time.perf_counter() - started:.0f} s to fill)")
    settings.ALLOWED_HOSTS = ["testserver"]
    user, _created = get_user_model().objects.get_or_create(username="typeaheadbench")
    if not user.role_grants.exists():
        role_grant(user=user, role=COORDINATOR)
    client = Client()
    client.force_login(user)
    client.get("/people/match/", {"q": "李振"})  # pypinyin's first load is not a keystroke
    for label, query in QUERIES:
        times, found, slowest = [], [], {}
        for _round in range(REPEAT):
            for end in range(2 if len(query) > 3 else 1, len(query) + 1):
                start = time.perf_counter()
                response = client.get("/people/match/", {"q": query[:end]})
                times.append((time.perf_counter() - start) * 1000)
                slowest[query[:end]] = max(slowest.get(query[:end], 0), times[-1])
                found = [r["name"] for r in response.json()["results"]][:2]
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        typed, worst = max(slowest.items(), key=lambda item: item[1])
        print(
            f"{label:13} {query!r:16} {len(times):3} keystrokes  median {statistics.median(times):6.1f} ms  "
            f"p95 {p95:6.1f} ms  slowest {typed!r} {worst:.0f} ms  first: {', '.join(found)}"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
