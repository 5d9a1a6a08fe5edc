"""Settings for Partnership, read from the environment with safe local defaults.

DATABASE_URL          PostgreSQL (postgres://…) or any dj-database-url URL; unset → SQLite file db.sqlite3
DJANGO_SECRET_KEY     required when DJANGO_DEBUG is off
DJANGO_DEBUG          1/true/yes/on turns debug on, 0/false/no/off (or unset) leaves it off; flags take only these
DJANGO_ALLOWED_HOSTS  comma-separated; defaults to localhost names
REDIS_URL             redis://host:6379/0: a cache and cached sessions shared by all app servers; unset → per process
DJANGO_TRUSTED_PROXIES  comma-separated addresses or networks (10.0.0.1, 10.0.0.0/24) of the proxies whose
                      X-Forwarded-For header names the client; unset → the connecting address is the client
AWS_STORAGE_BUCKET_NAME  uploaded documents in S3-compatible storage (see AWS_S3_* below); unset → DJANGO_MEDIA_ROOT
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# A mistyped value ("treu", "60s") stops start-up: read as the default it would quietly turn off what was asked for.
# An empty value counts as unset, as `VARIABLE=` in an env file or a compose file means.
FLAG_WORDS = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def env_flag(name, default=False):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return FLAG_WORDS[value.lower()]
    except KeyError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a flag: use 1 or 0, true or false, yes or no, on or off."
        ) from None


def env_int(name, default, minimum=0):
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} is below {minimum}.")
    return number


def ip_networks(name, value):
    """The comma-separated addresses and networks in `value`; anything else stops start-up."""
    if not value.strip():
        return []
    networks = []
    for item in value.split(","):
        try:
            # strict: "10.0.0.5/24" is a typo for an address or a network, and either guess could trust a stranger.
            networks.append(ipaddress.ip_network(item.strip(), strict=True))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {item.strip()!r} is not an IP address or network. "
                "Give a comma-separated list such as 10.0.0.1,10.0.1.0/24."
            ) from None
    return networks


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development (see README.md)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "common",
    "accounts",
    "institutes",
    "participants",
    "workshops",
    "agreements",
    "results",
    "notifications",
    "overview",
    "reports",
    "demo",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.uploads.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "common.middleware.IdleSessionTimeoutMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "partnership.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "partnership.wsgi.application"

# SQLite waits up to 20 s for a lock and starts every transaction as IMMEDIATE, so two writers queue
# instead of one failing with "database is locked" half-way through a save.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
        DATABASES["default"]["CONN_MAX_AGE"] = 0
    elif "postgresql" in DATABASES["default"]["ENGINE"]:
        # The planner's cost of reading a page out of order, for data that is cached or on SSD (PostgreSQL's 4 is
        # a spinning disk's): with 4, the 10,000 organisations of a million workshops were read whole to join a
        # record's 117 host links (5.6 ms), where looking each up takes 1.2 ms (docs/performance.md). Only this
        # app's connections; a DATABASE_URL that sets random_page_cost itself (?options=...) keeps its value.
        options = DATABASES["default"].setdefault("OPTIONS", {})
        if "random_page_cost" not in options.get("options", ""):
            options["options"] = f"{options.get('options', '')} -c random_page_cost=1.1".strip()
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }

# Several app servers share one Redis: the cache, and the sessions, which are written to the database and cached
# there, so a sign-in on one server is valid on every other and survives a Redis restart. While Redis is down the
# app keeps serving: the cache misses and sessions are read from the database (common/cache.py). Without REDIS_URL
# each process keeps its own memory cache and sessions live in the database alone (one server).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering costs each request a fraction of a second, not a worker timeout.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out sign-in before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("km", _("Khmer")),
]
# locale/ is what makemessages maintains. locale_extra/ adds Khmer for what the libraries leave untranslated: the
# country names of django-countries and the Django messages a user sees (form errors, "3 days").
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_extra"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# After `collectstatic` (production) files get hashed names and long cache lifetimes; a checkout that
# never ran it (development, tests) serves the files as they are through WhiteNoise's finders.
_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if _COLLECTED
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Several app servers share uploaded documents through S3-compatible object storage (AWS S3, MinIO, …). The
# bucket stays private: a file's download view checks permission, then hands out a link signed for
# FILE_LINK_SECONDS. An upload never replaces an earlier file of the same name, as on the local disk.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Unset keys leave boto3 to find credentials itself (an instance role, ~/.aws).
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Uploaded files are served only through permission-checked views (common/files.py); from S3, as a redirect to a
# link signed for this many seconds.
FILE_LINK_SECONDS = 60
# `manage.py backup` encrypts its archive with this Fernet key when set, and `restore` decrypts with it.
BACKUP_KEY = os.environ.get("PARTNERSHIP_BACKUP_KEY", "")
WHITENOISE_USE_FINDERS = not _COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Email: printed to the console unless an SMTP server is configured (DJANGO_EMAIL_BACKEND=...smtp.EmailBackend).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "partnership@localhost")
# The site's public address, which the links in e-mails (the reminder digest) start with: mail is sent by a job
# with no request to take the host from.
SITE_URL = os.environ.get("PARTNERSHIP_SITE_URL", "http://localhost:8000/")
# A draft with no status change for this many days is "stale" on the dashboard and in reminders.
STALE_AGREEMENT_DAYS = env_int("PARTNERSHIP_STALE_DAYS", 60, minimum=1)
# People with no activity (no workshop, statement, action, signature or sending, no change to their record) for this
# many days are anonymised by `apply_retention`; 0 keeps everyone until someone decides a period.
RETENTION_DAYS = env_int("PARTNERSHIP_RETENTION_DAYS", 0)
# Where the privacy notice tells people to write to ask for their export or their erasure.
PRIVACY_CONTACT = os.environ.get("PARTNERSHIP_PRIVACY_CONTACT") or DEFAULT_FROM_EMAIL
# IATI activity XML (export_iati, the IATI pages): the publisher's IATI organisation identifier (the ILO's by
# default), and the site address that document links in a file written from the command line start with.
IATI_REPORTING_ORG_REF = os.environ.get("PARTNERSHIP_IATI_REPORTING_ORG_REF", "XM-DAC-41302")
IATI_BASE_URL = os.environ.get("PARTNERSHIP_IATI_BASE_URL", "http://localhost:8000/")

# The letterhead of the meeting record (its PDF and its printed page): the sending organisation's name, and its logo
# as a path among the static files (empty: no logo).
MEETING_RECORD_ORGANISATION = os.environ.get("MEETING_RECORD_ORGANISATION", "").strip() or "Partnership"
MEETING_RECORD_LOGO = os.environ.get("MEETING_RECORD_LOGO", "favicon.svg").strip().lstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A calendar feed's URL is its own credential: it never reaches a log line ("Not Found: /calendar/…").
    "filters": {"calendar_tokens": {"()": "common.log_filters.MaskCalendarTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["calendar_tokens"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Sign-ins, failed sign-ins, lockouts and permission refusals (common/security.py).
    "loggers": {
        "common.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # The development server's request lines, through the same filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint (the PDF of a meeting record) warns about every CSS rule of Bootstrap it does not support.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# --- Security -------------------------------------------------------------------------------------------------
# Production serves over HTTPS: redirect, secure cookies and HSTS follow DJANGO_HTTPS, which is on unless debugging.
HTTPS = env_flag("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_flag("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day, at most
SESSION_IDLE_TIMEOUT = env_int("DJANGO_SESSION_IDLE_TIMEOUT", 60 * 60, minimum=1)  # signed out after 1 h idle

# Everything comes from this server: no inline script or style, no other origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Uploads (common/uploads.py): a request declaring a body over MAX_REQUEST_BYTES is answered 413 unread, an uploaded
# file is stopped as it passes MAX_UPLOAD_BYTES, and the other fields of a form may hold 10 MB in all; forms set
# tighter limits per field.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024  # the file, the form's other fields and the multipart framing
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "common.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Seconds a PDF may take to make (common/pdf.py); under the app server's worker timeout.
PDF_TIMEOUT = float(os.environ.get("DJANGO_PDF_TIMEOUT", 20))

# Behind a proxy every connection comes from the proxy: the client's address is taken from X-Forwarded-For, but
# only when the connection comes from one of these (common.security.client_ip).
TRUSTED_PROXIES = ip_networks("DJANGO_TRUSTED_PROXIES", os.environ.get("DJANGO_TRUSTED_PROXIES", ""))

# Five failed sign-ins for one username from one client address lock that pair for 15 minutes, counted from the
# fifth failure: more tries during the lockout do not extend it, and the user signs in from anywhere else.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "common.security.client_ip"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# REST API at /api/: session or token sign-in; reads need the view permission and writes the same model
# permissions the roles have on the pages; 25 records a page; filtered with the apps' FilterSets.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous request is told to authenticate (401) rather than refused (403). Only the
        # tokens' hashes are stored (accounts.models.ApiToken).
        "accounts.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Each viewset adds the role check (common.api.RolePermissions); anything else needs a signed-in user.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "common.api_pagination.CappedPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # `?format=` filters workshops by format (online, in person); it must not pick a renderer.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Every answer to an API client is JSON, a model's refusal and a server error included (see partnership/urls.py).
    "EXCEPTION_HANDLER": "common.errors.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Partnership API",
    "DESCRIPTION": "Organisations, people, workshops with attendance, agreements with parties, and action items.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["accounts.roles.HasRole"],
    # Swagger UI from static files (drf-spectacular-sidecar), never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api.document_errors",
    ],
}
