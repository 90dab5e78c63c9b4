"""The jobs' readiness check: some task worker said it is alive within the last minute
(`/readyz`, core/health.py). Without a worker nothing in the background happens: no import,
no e-mail, no purge."""

from django.utils import timezone

from perinatal.core.health import CheckResult, readiness_checks

from .selectors import worker_last_seen

WORKER_SEEN_WITHIN_SECONDS = 60


def worker_seen() -> CheckResult:
    last = worker_last_seen()
    if last is None:
        return CheckResult("worker", ok=False, detail="no task worker has been seen")
    age = (timezone.now() - last).total_seconds()
    ok = age <= WORKER_SEEN_WITHIN_SECONDS
    return CheckResult("worker", ok=ok, detail=f"last seen {age:.0f} s ago")


def register() -> None:
    readiness_checks.register("worker", worker_seen)
