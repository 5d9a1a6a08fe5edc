"""cProfile of a page through the test Client, signed in as a coordinator, with DEBUG off and the production middleware.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_100k python bench/profile_page.py / /workshops/ --repeat 10

Prints, per page: the median time, the time in SQL (wall time of the database cursor), in template rendering and
the rest, and the CPU time of this process (Python's share, which a busy machine disturbs far less than wall
time), then the top entries of the profile by cumulative and by own time. `--middleware` also times the bare view
(bench/urls.py) through the project's middleware, through Django's default stack (startproject's list) and through
none, and each of the project's middleware on its own (the bare view's time with it minus without it).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnership.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_HTTPS", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

DJANGO_DEFAULT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def median_ms(client, url, repeat, cpu=False):
    """The median wall time of a request in ms; with cpu, (wall, this process's CPU time) medians."""
    for _ in range(2):
        client.get(url)
    times, cpus = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
    if cpu:
        return statistics.median(times) * 1000, statistics.median(cpus) * 1000
    return statistics.median(times) * 1000


def split(client, url, repeat):
    """(total ms, SQL ms, template ms) per request, medians; SQL run while a template renders (a lazy queryset)
    counts as SQL, not as template time."""
    from django.db import connection
    from django.template import Template

    sql, render, sql_in_render = [0.0], [0.0], [0.0]
    original = Template.render

    def timed_render(self, context):
        started = time.perf_counter()
        try:
            return original(self, context)
        finally:
            render[0] += time.perf_counter() - started

    def wrapper(execute, sql_text, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql_text, params, many, context)
        finally:
            sql[0] += time.perf_counter() - started
            if depth[0]:
                sql_in_render[0] += time.perf_counter() - started

    totals, sqls, renders, cpus = [], [], [], []
    # Only the outermost template counts (included templates render inside it).
    depth = [0]

    def outer_render(self, context):
        depth[0] += 1
        try:
            if depth[0] == 1:
                return timed_render(self, context)
            return original(self, context)
        finally:
            depth[0] -= 1

    Template.render = outer_render
    try:
        with connection.execute_wrapper(wrapper):
            for _ in range(repeat):
                sql[0] = render[0] = sql_in_render[0] = 0.0
                started, cpu = time.perf_counter(), time.process_time()
                client.get(url)
                totals.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
                sqls.append(sql[0])
                renders.append(render[0] - sql_in_render[0])
    finally:
        Template.render = original
    return (
        statistics.median(totals) * 1000,
        statistics.median(sqls) * 1000,
        statistics.median(renders) * 1000,
        statistics.median(cpus) * 1000,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("urls", nargs="*")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--middleware", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings, setup_test_environment

    from bench.pages import users

    setup_test_environment()
    coordinator, _ = users()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    with override_settings(ROOT_URLCONF="bench.urls"):
        client = Client()
        client.force_login(coordinator)
        bare = median_ms(client, "/__bench__/bare/", args.repeat * 5)
        print(f"bare view: {bare:.2f} ms")
        for url in args.urls:
            total, sql, render, cpu = split(client, url, args.repeat)
            print(
                f"\n== {url}: {total:.1f} ms median ({total / bare:.1f}× bare): SQL {sql:.1f} ms, "
                f"templates {render:.1f} ms, other {total - sql - render:.1f} ms; this process's CPU {cpu:.1f} ms"
            )
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.repeat):
                client.get(url)
            profile.disable()
            for key in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profile, stream=out).strip_dirs().sort_stats(key).print_stats(args.top)
                print(f"-- top {args.top} by {key} ({args.repeat} requests)")
                print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
        if args.middleware:
            stacks = {"project": list(settings.MIDDLEWARE), "django default": DJANGO_DEFAULT_MIDDLEWARE, "none": []}
            results = {}
            for name, stack in stacks.items():
                with override_settings(MIDDLEWARE=stack):
                    c = Client()
                    c.force_login(coordinator)
                    results[name] = median_ms(c, "/__bench__/bare/", args.repeat * 10, cpu=True)
                    wall, cpu = results[name]
                    print(f"bare view, {name} middleware ({len(stack)}): {wall:.2f} ms wall, {cpu:.2f} ms CPU")
                    if stack:
                        wall, cpu = median_ms(c, "/__bench__/bare-user/", args.repeat * 10, cpu=True)
                        print(f"  the same reading request.user (session + user): {wall:.2f} ms wall, {cpu:.2f} ms CPU")
            print("each of the project's middleware (the bare view with the whole stack minus without it, wall / CPU):")
            for item in settings.MIDDLEWARE:
                without = [m for m in settings.MIDDLEWARE if m != item]
                try:
                    with override_settings(MIDDLEWARE=without):
                        c = Client()
                        c.force_login(coordinator)
                        wall, cpu = median_ms(c, "/__bench__/bare/", args.repeat * 10, cpu=True)
                except Exception as error:  # noqa: BLE001 - a middleware that a later one needs
                    print(f"  {item:55} needed by another: {type(error).__name__}")
                    continue
                print(f"  {item:55} {results['project'][0] - wall:+.2f} ms / {results['project'][1] - cpu:+.2f} ms")


if __name__ == "__main__":
    main()
