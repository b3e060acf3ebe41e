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
