"""Concurrency load test: attendance imports and agreement transitions posted at the same time, then duplicates
counted in the database. Not part of the test suite: it drives a running server.

Set up a server on PostgreSQL with the demo data (2 gunicorn workers, as in production):

    createdb -h 127.0.0.1 -U postgres partnership_load
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_load
    export DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECRET_KEY=load-test-only-0123456789
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo && \
        .venv/bin/python manage.py collectstatic --noinput -v0
    .venv/bin/gunicorn partnership.wsgi:application --bind 127.0.0.1:8119 --workers 2 --pid /tmp/load-gunicorn.pid &

then, with the same environment:

    .venv/bin/python bench/concurrency_load.py --base http://127.0.0.1:8119 --server-pid $(cat /tmp/load-gunicorn.pid)

For --duration seconds (default 60), --threads threads (default 8) each loop over one of two jobs:
- import: upload a Zoom report of a few names drawn from one shared list into one of --workshops workshops (default
  3), then send its confirmation twice at the same moment (a double click), so imports of the same people into the
  same and into other workshops overlap;
- transition: post a random lifecycle step (return to drafting, start negotiation, sign, abandon) to one of
  --agreements agreements (default 20) ready to sign, as the agreement page's buttons do.
It creates its own coordinator, manager, workshops and agreements (named "Load test …"), signed in with sessions made
server-side. It prints the requests by answer, the duplicates found afterwards (people with the same name and email,
two attendances of one person at one workshop, a status change that does not follow from the one before it) and
each server process's memory (RSS from /proc), at the end and at its peak.
"""

import argparse
import collections
import os
import random
import re
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db.models import Count  # noqa: E402

from accounts.roles import COORDINATOR, MANAGER  # noqa: E402
from accounts.services import role_grant  # noqa: E402
from agreements.models import Agreement, AgreementParty, AgreementStatusChange  # noqa: E402
from common.models import IdempotencyKey  # noqa: E402
from institutes.models import Organisation  # noqa: E402
from participants.models import Person  # noqa: E402
from workshops.models import Attendance, Workshop  # noqa: E402

# This run's names: a run's duplicates are counted among its own people only.
RUN = time.strftime("%H%M%S")
PREFIX = f"Lt{RUN}"
NAMES = [f"{PREFIX}{given} Person{number}" for number in range(12) for given in ("Sok", "Li", "Dara")]
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
TRANSITIONS = ["return_to_drafting", "start_negotiation", "sign", "abandon"]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAYLOAD = re.compile(r'name="payload" value="([^"]+)"')
CHOICE = re.compile(r'<select name="choice-(\d+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<(]+?)\s*(?:\([^<]*\))?</option>')
HIDDEN = re.compile(r'<input type="hidden" name="(map-[^"]+)" value="([^"]*)"')


def session_for(username, role):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        role_grant(user=user, role=role)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return user, session.session_key


def make_records(workshops, agreements, manager):
    run = RUN
    made = [
        Workshop.objects.create(title=f"Load test workshop {run}-{n}", start_date="2026-01-15")
        for n in range(workshops)
    ]
    organisations = list(Organisation.objects.order_by("pk")[:2])
    signatory = Person.objects.order_by("pk").first()
    ready = []
    for n in range(agreements):
        agreement = Agreement.objects.create(
            title=f"Load test agreement {run}-{n}", status=Agreement.Status.NEGOTIATION, created_by=manager
        )
        for organisation in organisations:
            AgreementParty.objects.create(
                agreement=agreement, organisation=organisation, signatory=signatory, signed_on="2026-01-10"
            )
        ready.append(agreement)
    return made, ready


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.answers = collections.Counter()
        self.failures = []
        self.pages_again = []

    def count(self, job, response):
        with self.lock:
            self.answers[(job, response.status_code)] += 1
            if response.status_code >= 500 and len(self.failures) < 5:
                self.failures.append(f"{job} {response.status_code}: {response.text[:200]}")


def client(base, session_key):
    http = requests.Session()
    http.cookies.set("sessionid", session_key, domain="127.0.0.1")
    http.headers["Referer"] = base + "/"
    return http


def one_import(http, base, workshop, tally, rng):
    url = f"{base}/workshops/{workshop.pk}/attendance/import/"
    page = http.get(url)
    tally.count("import page", page)
    token = TOKEN.search(page.text).group(1)
    names = rng.sample(NAMES, 6)
    lines = "".join(f'"{name}",,01/15/2026 09:00:00 AM,01/15/2026 11:00:00 AM,120,Yes\n' for name in names)
    files = {"file": ("participants.csv", (HEADER + lines).encode(), "text/csv")}
    preview = http.post(url, data={"step": "upload", "csrfmiddlewaretoken": token}, files=files)
    tally.count("import preview", preview)
    payload = PAYLOAD.search(preview.text)
    if payload is None:
        return
    data = {"step": "confirm", "csrfmiddlewaretoken": token, "payload": payload.group(1)}
    data.update(dict(HIDDEN.findall(preview.text)))
    # As a coordinator would: of the people the preview offers, the one with the name in the report, else a new
    # person. Row
    # keys are the report's line numbers; the names start on line 2.
    for key, options in CHOICE.findall(preview.text):
        labels = {label: value for value, label in OPTION.findall(options)}
        name = names[int(key) - 2]
        data[f"choice-{key}"] = labels.get(name, "new")  # not among them: someone new

    # The same confirmation twice at once: a double click, or two people on one preview.
    def confirm():
        answer = http.post(url, data=data, allow_redirects=False)
        tally.count("import confirm", answer)
        if answer.status_code == 200:  # the page again: a row to decide, or a refusal
            with tally.lock:
                tally.pages_again.append(
                    re.findall(r'class="[^"]*(?:invalid-feedback|alert)[^"]*"[^>]*>([^<]+)', answer.text)
                )

    again = threading.Thread(target=confirm)
    again.start()
    confirm()
    again.join()


def one_transition(http, base, agreement, tally, rng):
    name = rng.choice(TRANSITIONS)
    url = f"{base}/agreements/{agreement.pk}/status/{name}/"
    page = http.get(url)
    tally.count("transition page", page)
    token = TOKEN.search(page.text).group(1)
    answer = http.post(url, data={"csrfmiddlewaretoken": token, "comment": "Load test"}, allow_redirects=False)
    tally.count("transition", answer)


def worker(number, args, sessions, workshops, agreements, tally, stop):
    rng = random.Random(number)
    importing = number % 2 == 0
    http = client(args.base, sessions[COORDINATOR if importing else MANAGER])
    while not stop.is_set():
        try:
            if importing:
                one_import(http, args.base, rng.choice(workshops), tally, rng)
            else:
                one_transition(http, args.base, rng.choice(agreements), tally, rng)
        except requests.RequestException as error:
            with tally.lock:
                tally.answers[("connection error", type(error).__name__)] += 1


def server_processes(master):
    """The master and its workers: every process whose parent is `master`."""
    pids = [master]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                pids.append(int(entry.name))
    return pids


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def duplicates(workshops, agreements):
    people = (
        Person.objects.filter(given_name__startswith=PREFIX)
        .values("given_name", "family_name", "name_local", "email")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    attendances = (
        Attendance.objects.filter(workshop__in=workshops)
        .values("workshop", "person")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    broken = 0
    for agreement in agreements:
        status = Agreement.Status.NEGOTIATION
        for change in AgreementStatusChange.objects.filter(agreement=agreement).order_by("changed_at", "id"):
            broken += change.from_status != status
            status = change.to_status
        broken += Agreement.objects.get(pk=agreement.pk).status != status
    return (
        sum(row["n"] - 1 for row in people),
        sum(row["n"] - 1 for row in attendances),
        broken,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8119")
    parser.add_argument("--server-pid", type=int, help="gunicorn's (or runserver's) pid, for the memory figures")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workshops", type=int, default=3)
    parser.add_argument("--agreements", type=int, default=20)
    args = parser.parse_args()

    _coordinator, coordinator_session = session_for("load-coordinator", COORDINATOR)
    manager, manager_session = session_for("load-manager", MANAGER)
    sessions = {COORDINATOR: coordinator_session, MANAGER: manager_session}
    workshops, agreements = make_records(args.workshops, args.agreements, manager)

    tally, stop = Tally(), threading.Event()
    threads = [
        threading.Thread(target=worker, args=(n, args, sessions, workshops, agreements, tally, stop))
        for n in range(args.threads)
    ]
    peak = collections.defaultdict(float)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - started < args.duration:
        time.sleep(1)
        for pid in server_processes(args.server_pid) if args.server_pid else []:
            peak[pid] = max(peak[pid], rss_mb(pid) or 0)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    total = sum(tally.answers.values())
    errors = sum(n for (_job, code), n in tally.answers.items() if isinstance(code, int) and code >= 500)
    people, attendances, broken = duplicates(workshops, agreements)
    print(f"{args.threads} threads for {elapsed:.0f} s against {args.base}: {total} requests ({total / elapsed:.1f}/s)")
    for (job, code), n in sorted(tally.answers.items(), key=str):
        print(f"  {job:<16} {code}: {n}")
    print(f"500s (any 5xx): {errors}")
    for failure in tally.failures:
        print(f"  {failure}")
    if tally.pages_again:
        print(f"confirmations answered with the page again: {len(tally.pages_again)}, e.g. {tally.pages_again[:2]}")
    print(
        f"duplicates: people {people}, attendances {attendances}, status changes out of sequence {broken}"
        f" (this run's people on record: {Person.objects.filter(given_name__startswith=PREFIX).count()}"
        f" for {len(NAMES)} names)"
    )
    written = sum(
        IdempotencyKey.objects.filter(key__startswith=f"attendance-import:{workshop.pk}:").count()
        for workshop in workshops
    )
    confirms = sum(n for (job, code), n in tally.answers.items() if job == "import confirm" and code == 302)
    print(f"import confirmations: {confirms}, of which written {written} and repeats refused {confirms - written}")
    signed = AgreementStatusChange.objects.filter(agreement__in=agreements, to_status="signed").count()
    print(
        f"transitions recorded: {AgreementStatusChange.objects.filter(agreement__in=agreements).count()}"
        f" ({signed} signings of {len(agreements)} agreements)"
    )
    if args.server_pid:
        for pid in server_processes(args.server_pid):
            role = "master" if pid == args.server_pid else "worker"
            print(f"{role} {pid}: RSS {rss_mb(pid) or 0:.0f} MB now, {peak[pid]:.0f} MB at peak")
    return 1 if errors or people or attendances or broken else 0


if __name__ == "__main__":
    sys.exit(main())
