"""Server time and query count of every main page, at 1,000 and 100,000 workshops (or 100,000 and 1,000,000:
`--sizes 100000,1000000`), in one run.

    python bench/pages.py                      # SQLite files under $BENCH_SQLITE_DIR (default /tmp)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_bench python bench/pages.py
    python bench/pages.py --sizes 200,2000 --repeat 5   # a quick smoke check

Each size gets its own database (PostgreSQL: `<name>_<size>`, e.g. partnership_bench_100k; SQLite:
`$BENCH_SQLITE_DIR/partnership_bench_<size>.sqlite3`), filled once with `generate_data --workshops SIZE --seed 1`
and reused by later runs (a database whose workshop count differs is refilled). Every size is measured in a child
process of its own (Django talks to one database per process); the parent prints one table.

A request is timed in-process with Django's test Client, signed in as a coordinator (admin pages: as a superuser),
through the real middleware stack with DEBUG off: the time is the server's, without network or browser. The bare
view (`bench/urls.py`) is an HttpResponse through the same middleware, mounted only by the benchmark's urlconf.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = 1


def label(size):
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def database_url_for(size):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "partnership_bench"
        return urlunsplit(parts._replace(path=f"/{name}_{label(size)}"))
    folder = Path(os.environ.get("BENCH_SQLITE_DIR", "/tmp"))
    return f"sqlite:///{folder / f'partnership_bench_{label(size)}.sqlite3'}"


def child_env(url):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="partnership.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
        DJANGO_ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    return env


def ensure_postgres_database(url):
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


# --- the child: fill (if needed) and measure one database -------------------------------------------------------


def fill(size, out):
    from django.core.management import call_command

    from workshops.models import Workshop

    call_command("migrate", verbosity=0)
    have = Workshop.objects.count()
    if have == size:
        return None
    if have:
        out(f"  {label(size)}: the database holds {have} workshops, not {size}: flushing and refilling")
        call_command("flush", interactive=False, verbosity=0)
        call_command("migrate", verbosity=0)  # the role groups come from a data migration
    started = time.monotonic()
    from demo.generate import generate

    generate(workshops=size, seed=SEED)
    seconds = time.monotonic() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a live database
    out(f"  {label(size)}: generated {size} workshops in {seconds:.0f} s")
    return seconds


def users():

    from accounts.models import User
    from accounts.roles import COORDINATOR
    from accounts.services import role_grant

    coordinator, _created = User.objects.get_or_create(username="bench-coordinator")
    if not coordinator.role_grants.exists():
        role_grant(user=coordinator, role=COORDINATOR)
    superuser, _ = User.objects.get_or_create(username="bench-admin", defaults={"is_staff": True, "is_superuser": True})
    return coordinator, superuser


def manager_user():
    from accounts.models import User
    from accounts.roles import MANAGER
    from accounts.services import role_grant

    manager, _created = User.objects.get_or_create(username="bench-manager")
    if not manager.role_grants.exists():
        # For all programmes: a user in the managers' group with no grant sees no programme's records.
        role_grant(user=manager, role=MANAGER)
    return manager


# Pages only managers open: measured signed in as one.
MANAGER_PAGES = {"results, network"}


def results_indicators():
    """The generated data has no indicators: give the busiest programme one per rule and the middle agreement one per
    agreement rule, each with a target for each of the last three years of workshops (once; later runs reuse them).
    Returns (programme, agreement)."""
    import datetime

    from django.db.models import Count, Max

    from agreements.models import Agreement
    from results import rules
    from results.models import Indicator, Target
    from workshops.models import Programme, Workshop

    programme = Programme.objects.annotate(n=Count("workshops")).order_by("-n", "id").first()
    agreement = Agreement.objects.order_by("id")[Agreement.objects.count() // 2]
    last = Workshop.objects.aggregate(last=Max("start_date"))["last"] or datetime.date.today()
    years = [last.year - 2, last.year - 1, last.year]
    for subject, field, about in ((programme, "programme", rules.PROGRAMME), (agreement, "agreement", rules.AGREEMENT)):
        if Indicator.objects.filter(**{field: subject}).exists():
            continue
        for rule in rules.RULES.values():
            if about not in rule.applies_to:
                continue
            indicator = Indicator.objects.create(
                **{field: subject}, name=str(rule.label), unit=str(rule.unit), rule=rule.name
            )
            for year in years:
                Target.objects.create(
                    indicator=indicator,
                    label=str(year),
                    start=datetime.date(year, 1, 1),
                    end=datetime.date(year, 12, 31),
                    value=10,
                )
    return programme, agreement


def pages():
    """[(name, url or None, admin changelist url to compare with)]; None: the page does not exist (yet)."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from agreements.models import Agreement
    from institutes.models import Organisation
    from participants.models import Person
    from workshops.models import Workshop

    def url(name, *args, query=""):
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            return None

    # Typical records, not the biggest or the emptiest: the middle of each list.
    workshops = Workshop.objects.with_status(Workshop.Status.HELD).order_by("-start_date", "-id")
    workshop = workshops[workshops.count() // 2]
    agreement = Agreement.objects.order_by("id")[Agreement.objects.count() // 2]
    organisation = Organisation.objects.annotate(n=Count("workshop_links")).order_by("-n", "id")[
        Organisation.objects.count() // 2
    ]
    person = Person.objects.annotate(n=Count("attendances")).order_by("-n", "id")[Person.objects.count() // 2]
    host = organisation.pk
    admin_workshops = url("admin:workshops_workshop_changelist")
    admin_agreements = url("admin:agreements_agreement_changelist")
    admin_organisations = url("admin:institutes_organisation_changelist")
    admin_people = url("admin:participants_person_changelist")
    programme, results_agreement = results_indicators()
    return [
        ("home", url("home"), admin_workshops),
        ("workshop list", url("workshops:list"), admin_workshops),
        (
            "workshop list, filtered",
            url("workshops:list", query=f"?status=held&host={host}&q=cooperation"),
            admin_workshops,
        ),
        ("workshop record", url("workshops:detail", workshop.pk), admin_workshops),
        ("agreement list", url("agreements:list"), admin_agreements),
        ("agreement record", url("agreements:detail", agreement.pk), admin_agreements),
        ("organisation list", url("institutes:list"), admin_organisations),
        ("organisation record", url("institutes:detail", organisation.pk), admin_organisations),
        ("person list", url("participants:list"), admin_people),
        ("person record", url("participants:detail", person.pk), admin_people),
        ("action items", url("actions:all"), admin_workshops),
        ("search", url("search", query="?q=Wuxi"), admin_workshops),
        ("search, common word", url("search", query="?q=cooperation"), admin_workshops),
        ("insights", url("insights"), admin_workshops),
        ("API workshop list", url("api:workshop-list"), admin_workshops),
        ("results, programme", url("results:programme", programme.pk), admin_workshops),
        ("results, agreement", url("results:agreement", results_agreement.pk), admin_agreements),
        ("results, network", url("results:network"), admin_workshops),
        ("API indicators", url("api:indicator-list"), admin_workshops),
    ]


def timed(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm-up: template and URL caches, the first connection
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def measure(size, repeat, out):
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    seconds = fill(size, out)
    setup_test_environment()  # lets the test Client run; the settings stay those of production
    coordinator, superuser = users()
    result = {"size": size, "generate_seconds": seconds, "pages": {}, "admin": {}}
    # The insights page shows what the refresh_insights job computed: run the job (and time it) first.
    from overview.insights import refresh

    started = time.monotonic()
    snapshots = refresh()
    result["refresh_insights"] = (time.monotonic() - started, len(snapshots))
    out(f"  {label(size)}: refresh_insights: {len(snapshots)} snapshots in {result['refresh_insights'][0]:.1f} s")
    load_at_start = os.getloadavg()[0]
    with override_settings(ROOT_URLCONF="bench.urls"):
        client = Client()
        client.force_login(coordinator)
        admin = Client()
        admin.force_login(superuser)
        manager = Client()
        manager.force_login(manager_user())
        result["bare"] = timed(client, "/__bench__/bare/", repeat * 5)[0]
        for name, url, admin_url in pages():
            if url is None:
                result["pages"][name] = None
                continue
            ms, queries = timed(manager if name in MANAGER_PAGES else client, url, repeat)
            result["pages"][name] = {"url": url, "ms": ms, "queries": queries, "admin": admin_url}
            if admin_url not in result["admin"]:
                result["admin"][admin_url] = timed(admin, admin_url, repeat)
            out(f"  {label(size)}: {name}: {ms:.1f} ms, {queries} queries")
    result["load"] = (load_at_start, os.getloadavg()[0])
    return result


# --- the parent: run the children, print one table ----------------------------------------------------------------


def run_child(size, repeat):
    url = database_url_for(size)
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    command = [sys.executable, __file__, "--child", str(size), "--repeat", str(repeat)]
    done = subprocess.run(command, env=child_env(url), cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results):
    """One row per page: for every size its median ms, that time over the bare view's of the same run (×bare) and
    over the admin changelist of its model at that size (×admin); the queries at every size; and the largest size's
    time over the one before it."""
    big = results[-1]
    before = results[-2] if len(results) > 1 else results[-1]
    lines = []
    per_size = "".join(f" {'ms ' + label(r['size']):>9} {'×bare':>6} {'×admin':>7}" for r in results)
    ratio = f"{label(big['size'])}/{label(before['size'])}"
    header = f"{'page':26}{per_size} {'queries':>12} {ratio:>9}"
    lines.append(header)
    lines.append("-" * len(header))
    for name, page in big["pages"].items():
        if page is None:
            lines.append(f"{name:26} not present")
            continue
        cells = "".join(
            f" {r['pages'][name]['ms']:9.1f} {r['pages'][name]['ms'] / r['bare']:6.1f}"
            f" {r['pages'][name]['ms'] / r['admin'][page['admin']][0]:7.2f}"
            for r in results
        )
        queries = "/".join(str(r["pages"][name]["queries"]) for r in results)
        lines.append(f"{name:26}{cells} {queries:>12} {page['ms'] / before['pages'][name]['ms']:9.2f}")
    lines.append("")
    for result in results:
        admin = ", ".join(f"{url} {ms:.1f} ms ({q} q)" for url, (ms, q) in result["admin"].items())
        seconds, snapshots = result["refresh_insights"]
        lines.append(
            f"{label(result['size'])}: bare view {result['bare']:.2f} ms; load average {result['load'][0]:.2f} at "
            f"start, {result['load'][1]:.2f} at end; refresh_insights {seconds:.1f} s ({snapshots} snapshots); "
            f"admin changelists: {admin}"
        )
    lines.append(
        "(×bare: the page's time over the bare view's at that size; ×admin: over the admin changelist of its model at "
        "that size; queries: at each size)"
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,100000", help="workshop counts, comma-separated (default 1000,100000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (median reported)")
    parser.add_argument("--json", help="also write the raw figures to this file")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--ensure-database", metavar="URL", help="create this PostgreSQL database if missing, then exit"
    )
    args = parser.parse_args()

    if args.ensure_database:
        ensure_postgres_database(args.ensure_database)
        return

    if args.child:
        sys.path.insert(0, str(ROOT))
        result = measure(args.child, args.repeat, lambda message: print(message, file=sys.stderr, flush=True))
        print(json.dumps(result))
        return

    sizes = sorted(int(s) for s in args.sizes.split(","))
    engine = "PostgreSQL" if database_url_for(sizes[0]).startswith("postgres") else "SQLite"
    print(f"bench/pages.py on {engine}, sizes {', '.join(label(s) for s in sizes)}, {args.repeat} requests per page")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    results = [run_child(size, args.repeat) for size in sizes]
    print(table(results))
    print(f"load average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
