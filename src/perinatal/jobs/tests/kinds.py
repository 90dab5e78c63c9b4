"""Kinds of job registered by the tests (in this process only)."""

from typing import Any

from django.db import OperationalError
from django.utils.translation import gettext_noop

from perinatal.jobs.kinds import JobKind, JobRefused, job_kinds

CALLS: list[str] = []
FORGOTTEN: list[str] = []


def _count(job: Any, progress: Any) -> dict[str, Any]:
    total = int(job.params.get("total", 3))
    for done in range(1, total + 1):
        progress.report(done, total, stage="counting", force=True)
    return {"counted": total}


def _refuse(job: Any, progress: Any) -> dict[str, Any]:
    raise JobRefused(gettext_noop("Line %(line)s: the province is unknown."), line=7)


def _flaky(job: Any, progress: Any) -> dict[str, Any]:
    CALLS.append(str(job.pk))
    if job.attempts < int(job.params.get("succeed_at", 99)):
        raise OperationalError("server closed the connection unexpectedly")
    return {"ok": True}


def _broken(job: Any, progress: Any) -> dict[str, Any]:
    raise ValueError("Family Janssens, national number 85073003328")


def _forget(job: Any) -> None:
    if job.params.get("forget_fails"):
        raise OSError("the storage is away")
    FORGOTTEN.append(str(job.pk))


def register() -> None:
    for kind in (
        JobKind("test-count", "Counting", _count, stages={"counting": "Counting rows"}),
        JobKind("test-refuse", "Refusing", _refuse),
        JobKind("test-flaky", "Flaky", _flaky, max_attempts=3),
        JobKind("test-broken", "Broken", _broken),
        JobKind("test-long", "Rapport kraamzorg-2016-publicatie-definitief-versie.pdf", _count),
        JobKind(
            "test-keeps-a-file",
            "Keeps a file",
            _count,
            title=lambda job: f"Counting {job.params.get('total', 3)}",
            api_result_url=lambda job: f"/api/v1/test-results/{job.pk}",
            forget=_forget,
        ),
    ):
        if kind.key not in job_kinds:
            job_kinds.register(kind.key, kind)
