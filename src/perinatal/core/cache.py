"""The shared cache (Redis, with `REDIS_URL`), which a Redis that is down does not take down.

`ResilientRedisCache` is Django's `RedisCache` with two differences:

- When Redis cannot be reached (a refused or timed-out connection), reading and writing
  degrade: `get`/`get_many` miss, `set`/`set_many`/`delete`/`delete_many`/`touch` do nothing,
  `has_key` is False. Pages keep working (the chart cache just misses, the API's throttles
  count nothing). One WARNING per minute and process says so, without a traceback.
- Counting does not pretend: `add`, `incr` and `decr` raise `CacheUnavailable` (`get_or_set`
  gives its default without storing it), so the one
  who counts (the pages' rate limits, `core/ratelimits.py`) decides whether to refuse or to
  let the request through.

After a failed call the cache stays "down" for `RETRY_AFTER` seconds: calls in between fail
at once instead of each waiting for the connection timeout (`socket_connect_timeout` and
`socket_timeout` in the cache's OPTIONS, 0.25 s in conf/base.py). `get` counts gets, hits,
misses and failures in django-prometheus' cache metrics (backend "redis").
"""

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django_prometheus.cache.metrics import (
    django_cache_get_fail_total,
    django_cache_get_total,
    django_cache_hits_total,
    django_cache_misses_total,
)
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What "Redis cannot be reached" is; any other Redis error is a bug and is raised.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 2.0  # seconds without trying Redis after a failed call
WARNING_INTERVAL = 60.0  # seconds between two warnings of one process
METRICS_BACKEND = "redis"


class CacheUnavailable(Exception):
    """The cache could not be reached to count (add, incr, decr)."""


class _Health:
    """Whether this process's last call to Redis failed, and when it last said so."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.down_until = 0.0
        self.last_warning = float("-inf")

    def is_down(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, location: str, exc: BaseException) -> None:
        now = time.monotonic()
        with self._lock:
            self.down_until = now + RETRY_AFTER
            warn = now - self.last_warning >= WARNING_INTERVAL
            if warn:
                self.last_warning = now
        if warn:
            logger.warning(
                "The cache at %s cannot be reached (%s); reads miss, writes are dropped, "
                "rate limits decide per page (next warning in a minute at the earliest).",
                location,
                type(exc).__name__,
            )

    def answered(self) -> None:
        self.down_until = 0.0


def _safe_location(server: str) -> str:
    """The Redis address without its password (redis://:secret@host → redis://host)."""
    scheme, sep, rest = server.partition("://")
    return f"{scheme}{sep}{rest.rpartition('@')[2]}" if sep else server


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that misses instead of failing when Redis is down (module doc)."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self.health = _Health()
        servers = re.split("[;,]", server) if isinstance(server, str) else list(server)
        self.location = ",".join(_safe_location(s) for s in servers)

    def _degrade(self, call: Callable[[], T], fallback: T) -> T:
        """Run a read or write; `fallback` when Redis cannot be reached."""
        if self.health.is_down():
            return fallback
        try:
            result = call()
        except UNREACHABLE as exc:
            self.health.failed(self.location, exc)
            return fallback
        self.health.answered()
        return result

    def _count(self, call: Callable[[], T]) -> T:
        """Run a counting call; `CacheUnavailable` when Redis cannot be reached."""
        if self.health.is_down():
            raise CacheUnavailable(self.location)
        try:
            result = call()
        except UNREACHABLE as exc:
            self.health.failed(self.location, exc)
            raise CacheUnavailable(self.location) from exc
        self.health.answered()
        return result

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        django_cache_get_total.labels(backend=METRICS_BACKEND).inc()
        if self.health.is_down():
            django_cache_get_fail_total.labels(backend=METRICS_BACKEND).inc()
            return default
        missing = object()
        try:
            value = super().get(key, missing, version)
        except UNREACHABLE as exc:
            django_cache_get_fail_total.labels(backend=METRICS_BACKEND).inc()
            self.health.failed(self.location, exc)
            return default
        self.health.answered()
        if value is missing:
            django_cache_misses_total.labels(backend=METRICS_BACKEND).inc()
            return default
        django_cache_hits_total.labels(backend=METRICS_BACKEND).inc()
        return value

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._degrade(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._degrade(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._degrade(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def set_many(
        self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        # Django's contract: the keys that could not be set.
        return self._degrade(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._degrade(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._degrade(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._degrade(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._count(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version)
        )

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._count(lambda: super(ResilientRedisCache, self).incr(key, delta, version))

    # `decr` is `incr` of the opposite (BaseCache).

    def get_or_set(
        self, key: Any, default: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> Any:
        """The cached value, else `default` (called if callable) stored; with Redis down,
        the default without storing it."""
        missing = object()
        value = self.get(key, missing, version=version)
        if value is not missing:
            return value
        value = default() if callable(default) else default
        try:
            self.add(key, value, timeout=timeout, version=version)
        except CacheUnavailable:
            return value
        # Another process may have stored its value first: that one wins, as in Django.
        return self.get(key, value, version=version)
