"""Settings for the test suite: the real settings with test-friendly defaults."""

import os
import tempfile

os.environ.setdefault("KINERJA_DEBUG", "0")
os.environ.setdefault("KINERJA_SECRET_KEY", "test-secret-key-" + "x" * 48)
os.environ.setdefault("KINERJA_JOBS_BACKEND", "inline")
os.environ.setdefault("KINERJA_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("KINERJA_DATA_DIR", tempfile.mkdtemp(prefix="kinerja-test-"))

from kinerja.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: with WAL, the browser tests' live server
    # reads while a background job writes, as in production (shared memory locks whole tables).
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
