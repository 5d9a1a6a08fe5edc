import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start_django(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "partnership.settings"},
        capture_output=True,
        text=True,
    )


def test_a_missing_secret_key_with_debug_off_stops_start_up_with_a_clear_message():
    result = _start_django()
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY is not set." in result.stderr


def test_debug_mode_starts_without_a_secret_key():
    assert _start_django(DJANGO_DEBUG="1").returncode == 0


def test_sqlite_waits_for_locks_and_starts_immediate_transactions():
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert (options["timeout"], options["transaction_mode"]) == (20, "IMMEDIATE")
