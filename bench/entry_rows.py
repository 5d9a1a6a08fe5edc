"""The workshop entry page at its row limits, on the database in DATABASE_URL (seed_demo's accounts needed).

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python bench/entry_rows.py

Prints: a new workshop posted with ROWS attendance rows (time, rows saved), its edit page (time, size, <option>s),
and a post that says it has 100,000 attendance rows and 2,000 hosts (time, size: a message, no row form built).
Everything it adds is removed at the end.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = 400


def _management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def main():
    from accounts.models import User
    from participants.models import Person
    from workshops.models import Workshop

    setup_test_environment()
    made = Person.objects.bulk_create([Person(given_name=f"Given{i}", family_name=f"Benchrow{i}") for i in range(ROWS)])
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    data = {
        "title": "Entry at its row limits",
        "kind": "bilateral",
        "format": "online",
        "status": "held",
        "start_date": "2023-03-01",
        "date_precision": "day",
        "timezone": "UTC",
        **_management("hosts", 0),
        **_management("attendance", ROWS),
        **_management("statements", 0),
        **_management("outcomes", 0),
        **_management("actions", 0),
    }
    for i, person in enumerate(made):
        data |= {
            f"attendance-{i}-person": str(person.pk),
            f"attendance-{i}-role": "participant",
            f"attendance-{i}-presence": "present",
            f"attendance-{i}-title": "Trainer",
        }
    try:
        started = time.perf_counter()
        response = client.post("/workshops/new/", data)
        elapsed = time.perf_counter() - started
        workshop = Workshop.objects.filter(title=data["title"]).first()
        saved = workshop.attendances.count() if workshop else 0
        print(f"POST {ROWS} attendance rows: {response.status_code} in {elapsed:.2f} s, {saved} rows saved")
        if workshop:
            started = time.perf_counter()
            response = client.get(f"/workshops/{workshop.pk}/edit/")
            elapsed = time.perf_counter() - started
            print(
                f"GET its edit page: {response.status_code} in {elapsed:.2f} s, {len(response.content):,} bytes, "
                f"{response.content.count(b'<option'):,} <option>s"
            )
        tampered = data | {"attendance-TOTAL_FORMS": "100000", "hosts-TOTAL_FORMS": "2000"}
        started = time.perf_counter()
        response = client.post("/workshops/new/", tampered)
        elapsed = time.perf_counter() - started
        print(f"POST saying 100,000 rows: {response.status_code} in {elapsed:.2f} s, {len(response.content):,} bytes")
    finally:
        Workshop.objects.filter(title=data["title"]).delete()
        Person.objects.filter(pk__in=[p.pk for p in made]).delete()
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
