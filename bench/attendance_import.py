"""Attendance import speed: rows per second from a Zoom report to attendance rows, on the database in DATABASE_URL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_h7_100k python bench/attendance_import.py --rows 2000

Writes a Zoom participant report of --rows distinct people (half of them people on record, named as the report would
write them: honorifics, family name first, Chinese characters; half new), then times the steps a coordinator's upload
goes through: reading the file, the preview (matching every row against everyone on record) and the import (new
people and attendance rows, with their history rows). The index of everyone's names that matching uses is built
first and timed apart: a worker builds it once and keeps it until people or their names change. The import runs
inside a transaction that is rolled back, so the database is left as it was. Prints rows/s for each step and in all
(target: >= 2,000 rows/s, see docs/performance.md).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "partnership.settings"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from participants.models import Person  # noqa: E402
from workshops.attendance_files import detect_format, read_table  # noqa: E402
from workshops.attendance_matching import build_preview  # noqa: E402
from workshops.models import Workshop  # noqa: E402
from workshops.services import attendance_import  # noqa: E402


class Rollback(Exception):
    pass


def report(rows, seed):
    """A Zoom report's CSV bytes: the people on record as reports write them, and new people."""
    rng = random.Random(seed)
    people = list(
        Person.objects.order_by("?").values_list("honorific", "given_name", "family_name", "name_local")[:rows]
    )
    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    for index in range(rows):
        if index % 2 == 0 and people:
            honorific, given, family, local = people.pop()
            name = rng.choice(
                [f"{honorific} {given} {family}".strip(), f"{family} {given}", local or f"{given} {family}"]
            )
        else:
            name = f"Newcomer{index} Participant{rng.randrange(10**6)}"
        lines.append(f'"{name}",,01/14/2022 09:00:00 AM,01/14/2022 11:00:00 AM,120,Yes')
    return ("\n".join(lines) + "\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    data = report(args.rows, args.seed)
    user = get_user_model().objects.filter(is_superuser=False).first()
    workshop = Workshop.objects.order_by("pk").first()
    people = Person.objects.count()

    indexed = time.perf_counter()
    table = read_table("participants.csv", data)
    _kind, mapping = detect_format(table)
    read = time.perf_counter()
    rows = build_preview(table, mapping, workshop)
    previewed = time.perf_counter()
    statuses = {}
    for row in rows:
        statuses[row.status] = statuses.get(row.status, 0) + 1
        row.choice = "new" if row.status == "ambiguous" else ""
    try:
        with transaction.atomic():
            result = attendance_import(workshop=workshop, rows=rows, user=user)
            written = time.perf_counter()
            raise Rollback
    except Rollback:
        pass

    total = written - indexed
    print(f"attendance import, {connection.vendor}, {people:,} people on record, {len(table.rows):,} rows")
    print(f"preview: {', '.join(f'{n} {s}' for s, n in sorted(statuses.items()))}")
    print(f"import: {result.added} attendance rows, {result.created} new people (rolled back)")
    for step, seconds in [
        ("read file", read - indexed),
        ("preview (match)", previewed - read),
        ("import (write)", written - previewed),
        ("all", total),
    ]:
        print(f"{step:<18} {seconds * 1000:8.0f} ms  {len(table.rows) / seconds:10,.0f} rows/s")


if __name__ == "__main__":
    main()
