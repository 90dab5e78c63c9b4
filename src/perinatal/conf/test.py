"""Test settings: the suite runs on SQLite or, with DATABASE_URL, on PostgreSQL."""

import os
import tempfile
from pathlib import Path
from typing import Any

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PERINATAL_ALLOW_DEMO_DATA = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The suite empties the cache before each test (conftest.py): always its own, never the Redis
# database that REDIS_URL names. In memory by default; with TEST_REDIS_URL (CI's PostgreSQL
# run, as a deployment with several servers) in Redis, one database number per pytest-xdist
# worker counted from the URL's (gw0 → the URL's number, gw1 → the next …, eight at most).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("TEST_REDIS_URL"):
    _redis, _, _number = os.environ["TEST_REDIS_URL"].rpartition("/")
    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _redis_cache: dict[str, Any] = {
        "BACKEND": "perinatal.core.cache.ResilientRedisCache",
        "LOCATION": f"{_redis}/{int(_number or 0) + _worker % 8}",
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
    }
    CACHES = {"default": _redis_cache}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}
WHITENOISE_AUTOREFRESH = True
# A test that delivers e-mail through a real SMTP server on loopback starts its worker with
# TEST_SMTP_PORT (notifications/tests/test_email_smtp.py).
if os.environ.get("TEST_SMTP_PORT"):
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None

NATIONAL_NUMBER_HASH_KEY = "test-only-national-number-hash-key-0123456789"  # noqa: S105
NATIONAL_NUMBER_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE="]

# On SQLite the test database is a file (one per test run), not memory: an in-memory database
# is one connection that the live server's request threads would share, while with a file
# each thread has its own connection as in production (WAL, immediate transactions, the busy
# timeout of base.py) — booklets/tests/test_concurrency.py sends 50 requests at once.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # Django's or django-prometheus'
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"perinatal-test-{os.getpid()}.sqlite3")
    }
