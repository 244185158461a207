"""Bilan's only settings module: every deployment-specific value comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DATA_DIR = Path(env("BILAN_DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("BILAN_DEBUG", default=False)
# A development key is fine for `make run` on loopback; production must set BILAN_SECRET_KEY
# (`bilan check --deploy` says so).
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-for-any-deployment"  # noqa: S105 (public on purpose)
SECRET_KEY = env("BILAN_SECRET_KEY", DEV_SECRET_KEY)
ALLOWED_HOSTS = env_list("BILAN_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("BILAN_CSRF_TRUSTED_ORIGINS")
SITE_URL = env("BILAN_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bilan.core",
    "bilan.accounts",
    "bilan.dossiers",
    "bilan.skills",
    "bilan.jobs",
    "bilan.evidence",
    "bilan.writing",
    "bilan.synthesis",
    "bilan.feedback",
    "bilan.meeting",
    "bilan.career",
    "bilan.rehearsal",
    "bilan.overview",
    "bilan.schools",
    "bilan.privacy",
    "bilan.demo",
    "bilan.api",
    # Only for its templates and static files: with it installed, the API's docs page serves
    # the Swagger UI that ships inside the django-ninja wheel instead of loading it from a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bilan.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "bilan.urls"
WSGI_APPLICATION = "bilan.wsgi.application"

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
                "bilan.writing.context_processors.coach",
                "bilan.schools.navigation.school_navigation",
            ],
        },
    }
]

if env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "bilan.sqlite3"),
            "OPTIONS": {
                # WAL lets the worker write while web requests read.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dossiers:list"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["bilan.formats"]
TIME_ZONE = env("BILAN_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env("BILAN_STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
MEDIA_ROOT = Path(env("BILAN_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "media/"

# WhiteNoise serves static files from each app process, so no extra web server is needed;
# finders let `make run` work without a collectstatic step.
WHITENOISE_USE_FINDERS = env_bool("BILAN_STATIC_FROM_FINDERS", default=True)

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("BILAN_S3_BUCKET"):
    # Any S3-compatible service (MinIO, Garage, Scaleway, OVH ...) through django-storages.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("BILAN_S3_BUCKET"),
            "endpoint_url": env("BILAN_S3_ENDPOINT_URL") or None,
            "region_name": env("BILAN_S3_REGION") or None,
            "access_key": env("BILAN_S3_ACCESS_KEY") or None,
            "secret_key": env("BILAN_S3_SECRET_KEY") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# E-mail: printed on the console unless an SMTP host is configured.
EMAIL_HOST = env("BILAN_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("BILAN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("BILAN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("BILAN_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("BILAN_EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("BILAN_EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("BILAN_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("BILAN_FROM_EMAIL", "Bilan <bilan@localhost>")

# Requests carry long texts (mission, journal); the per-field limits below give a clear
# message, so the transport limit sits above them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("BILAN_MAX_REQUEST_BYTES", 16 * 1024 * 1024)
BILAN_LIMITS = {
    "mission_chars": env_int("BILAN_MAX_MISSION_CHARS", 20_000),
    "text_chars": env_int("BILAN_MAX_TEXT_CHARS", 10_000),
    "objectives_per_dossier": env_int("BILAN_MAX_OBJECTIVES", 200),
    "journal_entries_per_dossier": env_int("BILAN_MAX_JOURNAL_ENTRIES", 5_000),
}

# The writing coach refuses longer texts with a message (a synthesis is ~1,000 words).
BILAN_COACH_MAX_CHARS = env_int("BILAN_COACH_MAX_CHARS", 100_000)

# Traces: per file, per import (a mailbox export), and what one extraction may use.
BILAN_TRACE_LIMITS = {
    "file_bytes": env_int("BILAN_MAX_FILE_BYTES", 25 * 1024 * 1024),
    "import_bytes": env_int("BILAN_MAX_IMPORT_BYTES", 500 * 1024 * 1024),
    "messages": env_int("BILAN_MAX_MESSAGES", 10_000),
    "pages": env_int("BILAN_MAX_PAGES", 500),
    "seconds": env_int("BILAN_EXTRACTION_SECONDS", 30),
    "memory_bytes": env_int("BILAN_EXTRACTION_MEMORY_BYTES", 1024 * 1024 * 1024),
}

# Feedback links: days a rater's link stays valid, days after the invitation when a reminder
# goes to those who have not answered (one per value, never more), and the brute-force guard
# (refused links per address and window, in seconds; a shared cache when several processes).
BILAN_FEEDBACK_LINK_DAYS = env_int("BILAN_FEEDBACK_LINK_DAYS", 21)
BILAN_FEEDBACK_REMINDER_DAYS = [int(d) for d in env_list("BILAN_FEEDBACK_REMINDER_DAYS", "3,7")]
BILAN_FEEDBACK_RATE_LIMIT = env_int("BILAN_FEEDBACK_RATE_LIMIT", 20)
BILAN_FEEDBACK_RATE_WINDOW = env_int("BILAN_FEEDBACK_RATE_WINDOW", 900)
# Enrolling interns from a school's CSV file, and the invitation link they receive.
BILAN_ENROLMENT_MAX_BYTES = env_int("BILAN_ENROLMENT_MAX_BYTES", 1024 * 1024)
BILAN_ENROLMENT_MAX_ROWS = env_int("BILAN_ENROLMENT_MAX_ROWS", 2_000)
BILAN_ENROLMENT_INVITATION_DAYS = env_int("BILAN_ENROLMENT_INVITATION_DAYS", 30)

# School side: how much one person or one organisation may create.
BILAN_SCHOOL_LIMITS = {
    "organisations_per_user": env_int("BILAN_MAX_ORGANISATIONS_PER_USER", 20),
    "programmes_per_organisation": env_int("BILAN_MAX_PROGRAMMES", 200),
    "cohorts_per_organisation": env_int("BILAN_MAX_COHORTS", 1_000),
    "members_per_organisation": env_int("BILAN_MAX_MEMBERS", 1_000),
}

# Organisations (schools). Retention: days a dossier enrolled with an organisation is kept after
# its internship ends, unless the organisation sets its own period (default two years). The
# settings pages take a framework CSV of at most BILAN_ORG_FRAMEWORK_BYTES and grids of at most
# BILAN_ORG_GRID_CRITERIA criteria.
BILAN_RETENTION_DAYS = env_int("BILAN_RETENTION_DAYS", 730)
BILAN_ORG_FRAMEWORK_BYTES = env_int("BILAN_ORG_FRAMEWORK_BYTES", 2 * 1024 * 1024)
BILAN_ORG_GRID_CRITERIA = env_int("BILAN_ORG_GRID_CRITERIA", 60)

# The cohort dashboard: interns per page (the page lets the user pick up to `page_size_max`),
# and the most rows one CSV or XLSX export may hold (a larger filtered set is refused).
BILAN_DASHBOARD = {
    "page_size": env_int("BILAN_DASHBOARD_PAGE_SIZE", 50),
    "page_size_max": env_int("BILAN_DASHBOARD_PAGE_SIZE_MAX", 200),
    "export_max_rows": env_int("BILAN_DASHBOARD_EXPORT_MAX_ROWS", 20_000),
}

# Personal data (RGPD), see bilan/privacy. Every dossier is deleted BILAN_RETENTION_DAYS (above)
# after its internship's end unless its organisation sets its own period; the intern is warned
# by e-mail BILAN_RETENTION_WARNING_DAYS before.
BILAN_RETENTION_WARNING_DAYS = env_int("BILAN_RETENTION_WARNING_DAYS", 30)
# What erasing an account does to the answers its owner gave as a rater on other interns'
# dossiers, unless the dossier's organisation decides: "anonymise" keeps the ratings and blanks
# the name, e-mail and free texts; "delete" removes the answer.
BILAN_RATER_ANSWER_POLICY = env("BILAN_RATER_ANSWER_POLICY", "anonymise")
# Who to write to about personal data (the privacy page); empty: the sender address.
BILAN_PRIVACY_CONTACT_EMAIL = env("BILAN_PRIVACY_CONTACT_EMAIL")
# Exports and imports of an account (ZIP). Below `sync_export_bytes` of stored files the web
# export is built in the request; above, by the worker, kept `export_keep_hours` for download.
BILAN_PRIVACY_LIMITS = {
    "sync_export_bytes": env_int("BILAN_EXPORT_SYNC_MAX_BYTES", 20 * 1024 * 1024),
    "export_keep_hours": env_int("BILAN_EXPORT_KEEP_HOURS", 48),
    "import_bytes": env_int("BILAN_IMPORT_MAX_BYTES", 1024 * 1024 * 1024),
    "import_uncompressed_bytes": env_int("BILAN_IMPORT_MAX_UNCOMPRESSED_BYTES", 2 * 1024**3),
    "import_members": env_int("BILAN_IMPORT_MAX_MEMBERS", 50_000),
    "import_json_bytes": env_int("BILAN_IMPORT_MAX_JSON_BYTES", 200 * 1024 * 1024),
    "import_ratio": env_int("BILAN_IMPORT_MAX_RATIO", 200),
}

# The HTTP API (/api/v1/): requests per token ("N/second|minute|hour|day"), page sizes, and how
# often a token's "last used" date is written (a write per request would be wasted work).
BILAN_API_RATE = env("BILAN_API_RATE", "600/hour")
BILAN_API_PAGE_SIZE = env_int("BILAN_API_PAGE_SIZE", 50)
BILAN_API_MAX_PAGE_SIZE = env_int("BILAN_API_MAX_PAGE_SIZE", 200)
BILAN_API_LAST_USED_SECONDS = env_int("BILAN_API_LAST_USED_SECONDS", 60)

# HTTPS. Development (`make run`) is plain HTTP on loopback, so everything below is opt-in:
# a deployment served over HTTPS sets BILAN_HTTPS=1 (BILAN_SECURE_COOKIES=1, the older name,
# still works) and gets secure cookies, the redirect to HTTPS and HSTS.
HTTPS = env_bool("BILAN_HTTPS", default=env_bool("BILAN_SECURE_COOKIES", default=False))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("BILAN_SSL_REDIRECT", default=HTTPS)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("BILAN_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BILAN_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("BILAN_HSTS_PRELOAD", default=True)
SESSION_COOKIE_HTTPONLY = True
# Only behind our own proxy (which sets X-Forwarded-Proto and X-Forwarded-For itself) may a
# header say the request came over HTTPS; anywhere else a client could claim it.
BEHIND_PROXY = env_bool("BILAN_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): nothing inline, every script and style comes from
# our static files; no framing; forms post only here. img-src allows data: for the favicon.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Logins: failures are counted per client address and per account in the cache; past the
# limit within the window, the login form refuses (with a message) until the window ends.
BILAN_LOGIN_RATE_LIMIT_IP = env_int("BILAN_LOGIN_RATE_LIMIT_IP", 50)
BILAN_LOGIN_RATE_LIMIT_ACCOUNT = env_int("BILAN_LOGIN_RATE_LIMIT_ACCOUNT", 10)
BILAN_LOGIN_RATE_WINDOW = env_int("BILAN_LOGIN_RATE_WINDOW", 900)

# Per-process memory by default; several app processes share counters (the feedback links'
# brute-force limit) through a database table: set BILAN_CACHE_TABLE, then run
# `bilan createcachetable` once.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": env("BILAN_CACHE_TABLE"),
        }
        if env("BILAN_CACHE_TABLE")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Argon2id first; the others verify older hashes, which are rewritten as Argon2 at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if env_bool("BILAN_FAST_PASSWORD_HASHER"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("BILAN_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every render step at INFO; only its warnings are worth a line.
    "loggers": {
        "django.server": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
