"""With `REDIS_URL` the cache is Redis, shared by every process of every server: what one
counts (the API's throttles, the pages' rate limits, the chart cache) the others see. Against
the real Redis at 127.0.0.1:6379, in a database of its own (15) and under a key prefix per
test, so parallel workers do not meet."""

import copy
import os
import subprocess
import sys
import uuid

import pytest

from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from perinatal.api.v1 import api

REDIS_URL = os.environ.get("PERINATAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def prefix() -> str:
    return f"perinatal-test-{uuid.uuid4().hex}"


def _server(prefix: str) -> RedisCache:
    """The cache one server's process would have."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix, "TIMEOUT": 60})


def test_two_servers_see_the_same_counts(prefix):
    first, second = _server(prefix), _server(prefix)
    first.set("reports", 1)
    assert second.incr("reports") == 2
    assert first.get("reports") == 2
    first.delete("reports")


def test_redis_url_gives_a_working_redis_cache():
    """The settings with REDIS_URL, in a process of their own (the client is installed): the
    shared cache that misses while Redis is down (core/cache.py)."""
    code = (
        "import django; django.setup(); from django.core.cache import caches; "
        "cache = caches['default']; cache.set('perinatal-settings-check', 'ok', 5); "
        "print(type(cache).__name__, cache.get('perinatal-settings-check'))"
    )
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "perinatal.conf.base"}
    env.setdefault("SECRET_KEY", "test-only")
    done = subprocess.run(  # noqa: S603 - this interpreter, with our own fixed code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ResilientRedisCache", "ok"]


@pytest.mark.django_db
def test_the_api_throttle_counts_in_the_shared_cache(prefix, settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    (anonymous,) = [t for t in api.throttle if t.scope == "anon"]
    monkeypatch.setattr(anonymous, "num_requests", 2)
    monkeypatch.setattr(anonymous, "duration", 60)
    monkeypatch.setattr(anonymous, "timer", lambda: 1_000_040.0)  # 40 s before its window ends
    statuses = [
        Client(REMOTE_ADDR="192.0.2.30").get("/api/v1/taxonomy_terms").status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    # another server (process, its own cache client) sees the count and refuses too
    other = copy.copy(anonymous)
    other.cache = _server(prefix)
    assert not other.allow_request(RequestFactory(REMOTE_ADDR="192.0.2.30").get("/"))
