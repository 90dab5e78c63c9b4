"""Readiness: whether this server can serve real requests (`/readyz`), as a list of checks that
apps add to.

A check is a function without arguments that returns a `CheckResult`: a name, whether it
passed, and a short detail for the operator — never a secret, a host name with a password, a
query or anything personal. It should answer within a fraction of a second (a load balancer
probes every few seconds) and may raise: an exception counts as a failure, with the
exception's class as its detail. An app registers its checks from its `AppConfig.ready()`:

    from perinatal.core.health import CheckResult, readiness_checks

    def worker_seen() -> CheckResult:
        ...
        return CheckResult("worker", ok=True, detail="seen 12 s ago")

    readiness_checks.register("worker", worker_seen)

Core registers three (`register_core_checks`): the database answers, the cache gives back a
probe key, every migration is applied (the plan is computed at most every
`MIGRATIONS_CHECK_SECONDS` per process, since loading the migration graph costs more than a
probe should). `/healthz` runs none of these: it says only that the process is alive.
"""

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

from .registry import Registry
from .startup import unapplied_migrations


@dataclass(frozen=True)
class CheckResult:
    """One check's answer: `name`, `ok`, and a short non-secret `detail`."""

    name: str
    ok: bool
    detail: str = ""


ReadinessCheck = Callable[[], CheckResult]

readiness_checks: Registry[ReadinessCheck] = Registry("readiness checks")


def run_readiness_checks() -> list[CheckResult]:
    """Every registered check's answer, in the order they were registered."""
    results = []
    for key, check in readiness_checks.items():
        try:
            results.append(check())
        except Exception as exc:  # noqa: BLE001 - a check that fails in any way is not ready
            results.append(CheckResult(key, ok=False, detail=type(exc).__name__))
    return results


def database_answers() -> CheckResult:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return CheckResult("database", ok=True, detail=connection.vendor)


PROBE_KEY = "perinatal:readiness-probe"


def cache_answers() -> CheckResult:
    """Set and read back a probe key (a value of its own, so two servers cannot mix theirs)."""
    cache = caches["default"]
    value = uuid.uuid4().hex
    cache.set(PROBE_KEY, value, 30)
    if cache.get(PROBE_KEY) != value:
        return CheckResult("cache", ok=False, detail="the probe key did not come back")
    return CheckResult("cache", ok=True, detail=type(cache).__name__)


MIGRATIONS_CHECK_SECONDS = 10.0


class _MigrationsCheck:
    """Whether the migration plan is empty, computed at most every few seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._result: CheckResult | None = None
        self._at = float("-inf")

    def __call__(self) -> CheckResult:
        with self._lock:
            if self._result is None or time.monotonic() - self._at >= MIGRATIONS_CHECK_SECONDS:
                self._result = self._compute()
                self._at = time.monotonic()
            return self._result

    def forget(self) -> None:
        """Compute the plan again at the next call (for tests)."""
        with self._lock:
            self._result = None

    @staticmethod
    def _compute() -> CheckResult:
        missing = unapplied_migrations()
        if missing:
            return CheckResult("migrations", ok=False, detail=f"{len(missing)} not applied")
        return CheckResult("migrations", ok=True, detail="all applied")


migrations_applied = _MigrationsCheck()


def register_core_checks() -> None:
    """Core's checks (from `CoreConfig.ready()`): database, cache, migrations."""
    readiness_checks.register("database", database_answers)
    readiness_checks.register("cache", cache_answers)
    readiness_checks.register("migrations", migrations_applied)
