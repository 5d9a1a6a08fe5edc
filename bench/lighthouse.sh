#!/bin/sh
# Lighthouse (npm lighthouse@12.2.3, pinned in package.json) with Debian's Chromium on the home page, a list, a
# record and the workshop entry form, signed in as the demo coordinator, on a throwaway SQLite database with the demo
# data. Prints the accessibility and best-practices scores (0-100) of each page. Not run in CI.
# Usage: bench/lighthouse.sh [PORT]        (needs `make setup`, which runs npm ci)
set -eu
PORT="${1:-8107}"
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d)"
export DJANGO_DEBUG=1 DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3"
"$PY" manage.py migrate -v0
"$PY" manage.py seed_demo --password lighthouse-pass >/dev/null
# A session of the demo coordinator, handed to Lighthouse as a cookie header.
SESSION="$("$PY" manage.py shell -v0 -c '
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model().objects.get(username="coordinator")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
')"
RECORD="$("$PY" manage.py shell -v0 -c '
from workshops.models import Workshop
print(Workshop.objects.order_by("-start_date", "pk").first().get_absolute_url())
')"
"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 4
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
for PAGE in / /workshops/ "$RECORD" /workshops/new/; do
    NAME="$(echo "$PAGE" | tr '/' '_')"
    "$ROOT/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$PAGE" --quiet \
        --only-categories=accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --extra-headers="{\"Cookie\": \"sessionid=$SESSION; django_language=en\"}" \
        --output=json --output-path="$WORK/lh$NAME.json" >/dev/null 2>&1 || true
    node -e '
const fs = require("fs");
const [file, page] = process.argv.slice(1);
if (!fs.existsSync(file)) { console.log(page + ": Lighthouse failed"); process.exit(0); }
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const score = (id) => Math.round(report.categories[id].score * 100);
const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
const shown = new URL(report.finalDisplayedUrl).pathname;
console.log(`${page}${shown !== page ? " (shown: " + shown + ")" : ""}: accessibility ${score("accessibility")}, best practices ${score("best-practices")}` + (failed.length ? `  (failing: ${failed.join(", ")})` : ""));
' "$WORK/lh$NAME.json" "$PAGE"
done
