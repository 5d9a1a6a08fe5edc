import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from partnership.settings import env_flag, env_int

ROOT = Path(__file__).resolve().parents[2]


def _start_django(code="", **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "AWS_")) and k not in {"DATABASE_URL", "REDIS_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
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


def _settings(*names, **env):
    """The named settings as a fresh process started with `env` sees them."""
    values = ", ".join(f"{name!r}: settings.{name}" for name in names)
    code = f"import json; from django.conf import settings; print(json.dumps({{{values}}}))"
    result = _start_django(code, DJANGO_DEBUG="1", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_redis_url_gives_a_shared_redis_cache_and_sessions_cached_in_front_of_the_database():
    values = _settings("CACHES", "SESSION_ENGINE", REDIS_URL="redis://cache.internal:6379/2")
    assert values == {
        "CACHES": {
            "default": {
                "BACKEND": "common.cache.ResilientRedisCache",
                "LOCATION": "redis://cache.internal:6379/2",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        },
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    }


def test_without_redis_url_the_cache_is_per_process_and_sessions_live_in_the_database():
    values = _settings("CACHES", "SESSION_ENGINE")
    assert values == {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    }


def test_trusted_proxies_are_addresses_and_networks():
    code = "from django.conf import settings; print([str(n) for n in settings.TRUSTED_PROXIES])"
    result = _start_django(code, DJANGO_DEBUG="1", DJANGO_TRUSTED_PROXIES=" 10.0.0.5, 10.0.1.0/24,2001:db8::/64 ")
    assert (result.returncode, result.stdout.strip()) == (0, "['10.0.0.5/32', '10.0.1.0/24', '2001:db8::/64']")
    assert _start_django(code, DJANGO_DEBUG="1").stdout.strip() == "[]"


@pytest.mark.parametrize(
    "value, wrong", [("10.0.0.5/24", "10.0.0.5/24"), ("10.0.0.1,,10.0.0.2", ""), ("proxy", "proxy")]
)
def test_a_trusted_proxy_that_is_not_an_address_stops_start_up(value, wrong):
    result = _start_django(DJANGO_DEBUG="1", DJANGO_TRUSTED_PROXIES=value)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: DJANGO_TRUSTED_PROXIES: {wrong!r} is not an IP address or "
        "network. Give a comma-separated list such as 10.0.0.1,10.0.1.0/24."
    )


def test_an_s3_bucket_stores_uploads_in_private_s3_compatible_storage():
    values = _settings(
        "STORAGES",
        AWS_STORAGE_BUCKET_NAME="partnership-documents",
        AWS_S3_ENDPOINT_URL="https://minio.internal:9000",
        AWS_S3_REGION_NAME="ap-southeast-1",
        AWS_ACCESS_KEY_ID="partnership",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
        AWS_S3_ADDRESSING_STYLE="path",
    )
    assert values["STORAGES"]["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "partnership-documents",
            "endpoint_url": "https://minio.internal:9000",
            "region_name": "ap-southeast-1",
            "access_key": "partnership",
            "secret_key": "not-a-real-secret",
            "addressing_style": "path",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Static files stay with WhiteNoise on every app server.
    assert values["STORAGES"]["staticfiles"] == _settings("STORAGES")["STORAGES"]["staticfiles"]


def test_without_an_s3_bucket_uploads_stay_on_the_local_disk():
    values = _settings("STORAGES")
    assert values["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_mistyped_flag_stops_start_up_naming_the_variable_and_the_value():
    result = _start_django(DJANGO_DEBUG="1", DJANGO_HTTPS="treu")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: DJANGO_HTTPS='treu' is not a flag: "
        "use 1 or 0, true or false, yes or no, on or off."
    )


def test_a_mistyped_number_stops_start_up_naming_the_variable_and_the_value():
    result = _start_django(DJANGO_DEBUG="1", PARTNERSHIP_STALE_DAYS="60d")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: PARTNERSHIP_STALE_DAYS='60d' is not a whole number."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" ON ", True),
        ("0", False),
        ("FALSE", False),
        ("no", False),
        ("Off", False),
    ],
)
def test_a_flag_takes_the_usual_words_in_any_case(monkeypatch, value, expected):
    monkeypatch.setenv("PARTNERSHIP_TEST_FLAG", value)
    assert env_flag("PARTNERSHIP_TEST_FLAG", default=not expected) is expected


@pytest.mark.parametrize("value", ["treu", "2", "y", "enabled", "-"])
def test_a_flag_refuses_any_other_word(monkeypatch, value):
    monkeypatch.setenv("PARTNERSHIP_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_flag("PARTNERSHIP_TEST_FLAG")
    assert str(refused.value) == (
        f"PARTNERSHIP_TEST_FLAG={value!r} is not a flag: use 1 or 0, true or false, yes or no, on or off."
    )


@pytest.mark.parametrize("value", [None, "", "  "])
def test_an_unset_or_empty_variable_gives_the_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("PARTNERSHIP_TEST_VALUE", raising=False)
    else:
        monkeypatch.setenv("PARTNERSHIP_TEST_VALUE", value)
    assert (env_flag("PARTNERSHIP_TEST_VALUE", default=True), env_int("PARTNERSHIP_TEST_VALUE", 25)) == (True, 25)


def test_a_number_is_read_as_a_whole_number(monkeypatch):
    monkeypatch.setenv("PARTNERSHIP_TEST_NUMBER", " 90 ")
    assert env_int("PARTNERSHIP_TEST_NUMBER", 60) == 90


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("60s", "PARTNERSHIP_TEST_NUMBER='60s' is not a whole number."),
        ("1.5", "PARTNERSHIP_TEST_NUMBER='1.5' is not a whole number."),
        ("sixty", "PARTNERSHIP_TEST_NUMBER='sixty' is not a whole number."),
        ("0", "PARTNERSHIP_TEST_NUMBER='0' is below 1."),
        ("-60", "PARTNERSHIP_TEST_NUMBER='-60' is below 1."),
    ],
)
def test_a_number_refuses_anything_else(monkeypatch, value, message):
    monkeypatch.setenv("PARTNERSHIP_TEST_NUMBER", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_int("PARTNERSHIP_TEST_NUMBER", 60, minimum=1)
    assert str(refused.value) == message


def test_the_iati_publisher_and_site_address_come_from_the_environment():
    assert _settings("IATI_REPORTING_ORG_REF", "IATI_BASE_URL") == {
        "IATI_REPORTING_ORG_REF": "XM-DAC-41302",
        "IATI_BASE_URL": "http://localhost:8000/",
    }
    assert _settings(
        "IATI_REPORTING_ORG_REF",
        "IATI_BASE_URL",
        PARTNERSHIP_IATI_REPORTING_ORG_REF="XM-DAC-47066",
        PARTNERSHIP_IATI_BASE_URL="https://partnership.example.org/",
    ) == {"IATI_REPORTING_ORG_REF": "XM-DAC-47066", "IATI_BASE_URL": "https://partnership.example.org/"}


def test_the_code_reads_only_settings_that_settings_py_declares():
    # getattr(settings, "X", default) hides a setting from settings.py and from anyone configuring the app.
    folders = [ROOT] + [path for path in ROOT.iterdir() if path.is_dir() and not path.name.startswith(".")]
    sources = {path for folder in folders for path in folder.glob("*.py" if folder == ROOT else "**/*.py")}
    sources.discard(Path(__file__))
    assert sorted(str(path.relative_to(ROOT)) for path in sources if "getattr(settings," in path.read_text()) == []


def test_every_variable_the_settings_read_is_in_the_readme_with_a_way_to_install_on_a_server():
    settings_text = (ROOT / "partnership" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    read = set(
        re.findall(
            r"""(?:env_flag|env_int|environ\.get|environ\[|ip_networks)\(?\s*["']([A-Z][A-Z0-9_]+)["']""", settings_text
        )
    )
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))
    assert (
        sorted(read - documented),
        "### Installing on a server" in readme,
        "manage.py createsuperuser" in readme,
    ) == (
        [],
        True,
        True,
    )


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("postgres://u@db:5432/p", "-c random_page_cost=1.1"),
        (
            "postgres://u@db:5432/p?options=-c%20statement_timeout%3D5000",
            "-c statement_timeout=5000 -c random_page_cost=1.1",
        ),
        ("postgres://u@db:5432/p?options=-c%20random_page_cost%3D2", "-c random_page_cost=2"),
    ],
)
def test_postgresql_connections_read_pages_out_of_order_at_a_cached_disks_cost_unless_the_url_says(url, options):
    result = _start_django(
        "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('options'))",
        DJANGO_DEBUG="1",
        DATABASE_URL=url,
    )
    assert result.stdout.strip() == options, result.stderr


@pytest.mark.django_db
def test_the_database_session_has_the_planner_cost_of_the_settings():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)
