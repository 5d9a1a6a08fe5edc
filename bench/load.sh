#!/usr/bin/env bash
# Load test: gunicorn (2 workers) on PostgreSQL, driven by wrk on 127.0.0.1, signed in as a coordinator.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership_bench_100k bash bench/load.sh
#
# Environment (all optional but DATABASE_URL):
#   PY             the Python of the virtualenv (default .venv/bin/python); its gunicorn is used
#   DATABASE_URL   a PostgreSQL database; filled with `generate_data --workshops $WORKSHOPS` if it has no workshops
#   WORKSHOPS      workshops to generate into an empty database (default 100000)
#   PORT           gunicorn's port on 127.0.0.1 (default 8117)
#   DURATION       seconds of wrk per page (default 60); CONNECTIONS (default 50); THREADS (default 2)
# Needs wrk, Debian's package `wrk`: the script installs it with apt-get when it is missing (as root).
# Prints, per page, wrk's requests/s, latency percentiles and error count (non-2xx/3xx responses and socket
# errors; both must be 0), then each gunicorn worker's RSS after it has served every main page once.
# Stops gunicorn when it ends, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/partnership_bench_100k}"
case "$DATABASE_URL" in postgres://* | postgresql://*) ;; *) echo "load.sh runs on PostgreSQL only" >&2; exit 2 ;; esac
PORT="${PORT:-8117}"
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
WORKSHOPS="${WORKSHOPS:-100000}"
PY="${PY:-.venv/bin/python}"
GUNICORN_BIN="${GUNICORN_BIN:-$(dirname "$PY")/gunicorn}"
BASE="http://127.0.0.1:$PORT"

if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing Debian's package wrk with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq wrk
fi

export DJANGO_DEBUG=0 DJANGO_HTTPS=0 DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-load-test-only-secret-key-not-for-production-0123456789}"
export DATABASE_URL

$PY bench/pages.py --ensure-database "$DATABASE_URL"
$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
if [ "$($PY manage.py shell -v0 -c 'from workshops.models import Workshop; print(Workshop.objects.count())')" = "0" ]; then
    echo "empty database: generating $WORKSHOPS workshops"
    $PY manage.py generate_data --workshops "$WORKSHOPS" --seed 1
fi

# The insights page shows what the refresh_insights job computed (cron in production).
$PY manage.py refresh_insights --missing

# A signed-in coordinator's session, made server-side, and the URLs of one typical record of each kind.
read -r COOKIE WORKSHOP AGREEMENT ORGANISATION PERSON < <($PY manage.py shell -v0 -c '
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from accounts.roles import COORDINATOR
from agreements.models import Agreement
from institutes.models import Organisation
from participants.models import Person
from workshops.models import Workshop
user, created = User.objects.get_or_create(username="load-coordinator")
if created:
    user.groups.add(Group.objects.get(name=COORDINATOR))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
held = Workshop.objects.with_status(Workshop.Status.HELD).order_by("-start_date", "-id")
middle = lambda qs: qs[qs.count() // 2].pk
print(session.session_key, middle(held), middle(Agreement.objects.order_by("id")),
      middle(Organisation.objects.order_by("id")), middle(Person.objects.order_by("id")))
')

LOG=$(mktemp -t load-gunicorn.XXXXXX)
"$GUNICORN_BIN" partnership.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --access-logfile - \
    --error-logfile "$LOG" --log-level warning >/dev/null &
GUNICORN=$!
stop() { kill "$GUNICORN" 2>/dev/null && wait "$GUNICORN" 2>/dev/null || true; rm -f "$LOG"; }
trap stop EXIT

for _ in $(seq 50); do curl -fs -o /dev/null "$BASE/accounts/login/" && break; sleep 0.2; done

HEADER="Cookie: sessionid=$COOKIE"
check() {  # a page must answer 200 to the signed-in session, not a redirect to the sign-in page
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "$HEADER" "$BASE$1")
    [ "$code" = 200 ] || { echo "$1 answered $code, not 200" >&2; exit 1; }
}

echo "gunicorn: 2 workers on 127.0.0.1:$PORT; wrk: $CONNECTIONS connections, $THREADS threads, ${DURATION}s per page"
echo "machine: $(nproc) cores; $(uptime)"
for page in / /workshops/ "/workshops/$WORKSHOP/"; do
    check "$page"
    echo
    echo "== $page"
    out=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency --timeout 10s -H "$HEADER" "$BASE$page")
    echo "$out" | grep -E "Requests/sec|Latency  |50%|75%|90%|99%|requests in|Non-2xx|Socket errors" || true
    non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses/ {print $NF}')
    socket=$(echo "$out" | grep "Socket errors" | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}' || true)
    echo "errors: $((${non2xx:-0} + ${socket:-0})) (non-2xx/3xx: ${non2xx:-0}, socket: ${socket:-0})"
done

echo
echo "== every main page once, then each worker's memory"
for page in / /workshops/ "/workshops/?status=held&q=cooperation" "/workshops/$WORKSHOP/" /agreements/ \
    "/agreements/$AGREEMENT/" /institutes/ "/institutes/$ORGANISATION/" /people/ "/people/$PERSON/" \
    /actions/all/ "/search/?q=Wuxi" "/search/?q=cooperation" /insights/ /api/workshops/; do
    check "$page"  # 200, or the script stops
    # 4 connections for 2 s, so that both workers serve the page.
    wrk -t 1 -c 4 -d 2s -H "$HEADER" "$BASE$page" | awk -v page="$page" '/Requests\/sec/ {print "200 " page ": " $2 " req/s"}'
done
for pid in $(pgrep -P "$GUNICORN"); do
    echo "worker $pid: RSS $(awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$pid/status")"
done
if grep -qi "error" "$LOG"; then
    echo "gunicorn logged errors:"
    cat "$LOG"
fi
