"""Median server time of a few pages on the database in DATABASE_URL, signed in as a coordinator.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_h7_100k python bench/quick.py /workshops/ /

A quick check between full runs of bench/pages.py; it creates the user "quickbench" in that database.
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

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.roles import COORDINATOR  # noqa: E402
from accounts.services import role_grant  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
user, _created = get_user_model().objects.get_or_create(username="quickbench")
if not user.role_grants.exists():
    role_grant(user=user, role=COORDINATOR)
client = Client()
client.force_login(user)
for path in sys.argv[1:]:
    client.get(path)
    times = []
    for _ in range(7):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{path}: {response.status_code} median {statistics.median(times):.0f} ms")
