"""Django settings for Kinerja, read from environment variables (see `.env.example`)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kinerja.core.env import EnvironmentReader

env = EnvironmentReader()

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env.path("KINERJA_DATA_DIR", Path.cwd() / "var")

DEBUG = env.boolean("KINERJA_DEBUG", default=False)
SECRET_KEY = env.string(
    "KINERJA_SECRET_KEY",  # required in production; development (KINERJA_DEBUG=1) has a default
    default="insecure-development-key-change-me" if DEBUG else None,
    required=not DEBUG,
)
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Environment variable KINERJA_SECRET_KEY must be at least 50 characters."
    )

ALLOWED_HOSTS = env.string_list(
    "KINERJA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.string_list("KINERJA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "kinerja.core",
    "kinerja.akun",
    "kinerja.audit",
    "kinerja.jobs",
    "kinerja.organisasi",
    "kinerja.aturan",
    "kinerja.periode",
    "kinerja.skp",
    "kinerja.realisasi",
    "kinerja.notifikasi",
    "kinerja.penilaian",
    "kinerja.tukin",
    "kinerja.angka_kredit",
    "kinerja.talenta",
    "kinerja.rekap",
    "kinerja.pemantauan",
    "kinerja.pertukaran",
    "kinerja.demo",
]

MIDDLEWARE = [
    "kinerja.core.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kinerja.akun.middleware.WajibGantiSandiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kinerja.core.context_processors.navigation",
            ],
        },
    }
]

# Database: embedded SQLite by default, PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASE_URL = env.url("DATABASE_URL", schemes=("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "kinerja.sqlite3"),
            "OPTIONS": {
                # Writers lock at BEGIN: two requests never interleave a read and a write.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {"NAME": None})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "akun.Pengguna"
AUTHENTICATION_BACKENDS = ["kinerja.akun.backends.ThrottledNipBackend"]
LOGIN_URL = "akun:login"
LOGIN_REDIRECT_URL = "core:beranda"
LOGOUT_REDIRECT_URL = "akun:login"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("nip", "nama")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_MAX_FAILURES = env.integer("KINERJA_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env.integer("KINERJA_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
LOGIN_MAX_FAILURES_PER_ADDRESS = env.integer(
    "KINERJA_LOGIN_MAX_FAILURES_PER_ADDRESS", 30, minimum=1
)

# Behind N trusted reverse proxies, the client address is the N-th from the right of
# X-Forwarded-For (login throttling and the audit log use it). 0 = use the socket address.
TRUSTED_PROXY_COUNT = env.integer("KINERJA_TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)

# Internationalisation: Indonesian by default, English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.string("KINERJA_TIME_ZONE", "Asia/Jakarta")
FORMAT_MODULE_PATH = ["kinerja.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("KINERJA_STATIC_ROOT", DATA_DIR / "static")
MEDIA_ROOT = env.path("KINERJA_MEDIA_ROOT", DATA_DIR / "media")
MEDIA_URL = "/media-not-served/"
# Uploaded files go through Django's storage API: local files under MEDIA_ROOT (outside the
# static root, never served directly) or, with a bucket configured, S3-compatible object storage
# (e.g. MinIO). Files are served only by views that check access.
_S3_BUCKET = env.optional_string("KINERJA_S3_BUCKET")
_DEFAULT_STORAGE: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if _S3_BUCKET:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": env.optional_string("KINERJA_S3_ENDPOINT_URL"),
            "access_key": env.optional_string("KINERJA_S3_ACCESS_KEY"),
            "secret_key": env.optional_string("KINERJA_S3_SECRET_KEY"),
            "region_name": env.optional_string("KINERJA_S3_REGION"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: spreadsheets for import. Larger bodies are refused before they reach a view.
IMPORT_MAX_UPLOAD_MB = env.integer("KINERJA_IMPORT_MAX_UPLOAD_MB", 50, minimum=1, maximum=1024)
# A workbook is a zip: refuse one whose contents unpack to more than this (zip bombs).
IMPORT_MAX_UNCOMPRESSED_MB = env.integer(
    "KINERJA_IMPORT_MAX_UNCOMPRESSED_MB", 20 * IMPORT_MAX_UPLOAD_MB, minimum=1
)
# Evidence (bukti dukung): the largest file accepted.
EVIDENCE_MAX_UPLOAD_MB = env.integer("KINERJA_EVIDENCE_MAX_UPLOAD_MB", 10, minimum=1, maximum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background jobs: Celery with Redis when a broker is configured, else threads in the web process.
CELERY_BROKER_URL = env.url("CELERY_BROKER_URL", schemes=("redis", "rediss", "amqp"))
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
JOBS_BACKEND = env.choice(
    "KINERJA_JOBS_BACKEND",
    "celery" if CELERY_BROKER_URL else "thread",
    ("celery", "thread", "inline"),
)
if JOBS_BACKEND == "celery" and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("KINERJA_JOBS_BACKEND=celery needs CELERY_BROKER_URL.")
JOBS_THREAD_WORKERS = env.integer("KINERJA_JOBS_THREAD_WORKERS", 2, minimum=1, maximum=16)

# Cache: shared by the web processes and job runners (job progress, login throttling).
CACHE_URL = env.url("KINERJA_CACHE_URL", schemes=("redis", "rediss"))
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

# Security. Production sets KINERJA_HTTPS=1 behind TLS.
HTTPS = env.boolean("KINERJA_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.integer("KINERJA_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.integer("KINERJA_SESSION_HOURS", 10, minimum=1) * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env.string(
    "KINERJA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.string("KINERJA_EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("KINERJA_EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env.string("KINERJA_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env.string("KINERJA_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("KINERJA_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env.string("KINERJA_EMAIL_FROM", "kinerja@localhost")
SITE_URL = env.string("KINERJA_SITE_URL", "http://127.0.0.1:8000")
"""The address links in e-mails point to."""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("KINERJA_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; only its warnings matter here.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

AGENCY_NAME = env.string("KINERJA_AGENCY_NAME", "Instansi Pemerintah")
AGENCY_CITY = env.string("KINERJA_AGENCY_CITY", "Jakarta")
"""Where official documents are signed (the place in "Jakarta, 21 November 2024")."""
