"""Size, queries and time of the workshop entry pages (new, edit, a report's draft) at 100 and at 100,000 people.

    nice -n 10 .venv/bin/python bench/entry_pages.py
    nice -n 10 env DATABASE_URL=postgres://postgres@127.0.0.1:5432/entry_bench .venv/bin/python bench/entry_pages.py
    LEVELS=100,5000 .venv/bin/python bench/entry_pages.py

Without DATABASE_URL it works in its own SQLite file (/tmp/entry-pages-bench.sqlite3), never the project's database.
It migrates, then for each level of LEVELS fills the database up to that many people, a tenth as many
organisations, a hundredth as many topics and programmes (bulk_create), and GETs each page REPEAT times signed in as
a coordinator: the edit page of a workshop with 20 attendance rows, the new page, and the new page from a draft with a
host and 20 people on record. It prints per page the bytes, the queries and the median time. The pages should weigh
the same at every level: no select lists every record (the tests check this at a few hundred records).
"""

import copy
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/entry-pages-bench.sqlite3")
os.environ["DJANGO_HTTPS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.roles import COORDINATOR  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from institutes.models import Organisation  # noqa: E402
from participants.models import Person  # noqa: E402
from workshops.data import AttendanceRow, HostRow, WorkshopData, ref  # noqa: E402
from workshops.models import Programme, Topic, Workshop  # noqa: E402
from workshops.services import workshop_write  # noqa: E402

LEVELS = [int(n) for n in os.environ.get("LEVELS", "100,100000").split(",")]
REPEAT = int(os.environ.get("REPEAT", 5))
ROWS = 20  # attendance rows of the workshop edited and of the draft
TITLE = "Entry pages bench"


def fill(model, count, make):
    have = model.objects.count()
    if have < count:
        model.objects.bulk_create((make(n) for n in range(have, count)), batch_size=5000)


def fill_to(people):
    fill(Person, people, lambda n: Person(given_name=f"Given{n}", family_name=f"Family{n}"))
    fill(Organisation, max(people // 10, 2), lambda n: Organisation(name=f"Technical College number {n}"))
    fill(Topic, max(people // 100, 1), lambda n: Topic(name=f"Topic number {n}"))
    fill(Programme, max(people // 100, 1), lambda n: Programme(name=f"Programme number {n}"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def the_workshop(user):
    """The workshop edited, with ROWS attendance rows, made once; and the draft's data."""
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:ROWS])
    host = Organisation.objects.order_by("pk").first()
    data = WorkshopData(
        title=TITLE,
        start_date=datetime.date(2022, 1, 14),
        hosts=[HostRow(ref(host.pk))],
        attendance=[AttendanceRow(person=ref(pk), organisation=ref(host.pk)) for pk in people],
        topics=[Topic.objects.order_by("pk").first().pk],
        programme=Programme.objects.order_by("pk").first().pk,
    )
    workshop = Workshop.objects.filter(title=TITLE).first()
    if workshop is None:
        workshop = workshop_write(data=copy.deepcopy(data), user=user, allow_duplicate=True)  # the draft stays new
    return workshop, data


def measure(client, url, query=None):
    client.get(url, query)  # the session and the permission caches
    times = []
    for _round in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, query)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return len(response.content), len(captured), statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    user, _created = get_user_model().objects.get_or_create(username="entrypagesbench")
    if not user.role_grants.exists():
        role_grant(user=user, role=COORDINATOR)
    client = Client()
    client.force_login(user)
    print(f"{connection.vendor}; median of {REPEAT} requests each")
    for level in LEVELS:
        started = time.perf_counter()
        fill_to(level)
        workshop, draft = the_workshop(user)
        session = client.session
        expires = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
        session["workshop_drafts"] = {"bench": {"data": draft.to_json(), "expires": expires}}
        session.save()
        print(
            f"{Person.objects.count():>7} people, {Organisation.objects.count()} organisations, "
            f"{Topic.objects.count()} topics ({time.perf_counter() - started:.0f} s to fill)"
        )
        for name, url, query in [
            ("new", "/workshops/new/", None),
            ("edit", f"/workshops/{workshop.pk}/edit/", None),
            ("draft", "/workshops/new/", {"draft": "bench"}),
        ]:
            size, queries, ms = measure(client, url, query)
            print(f"    {name:6} {size:>8} bytes  {queries:3} queries  {ms:7.1f} ms")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
