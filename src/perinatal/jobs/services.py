"""Starting a job and giving up on jobs whose worker stopped."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from .constants import JobStatus
from .kinds import job_kinds
from .models import Job, WorkerHeartbeat
from .runner import retry_delay, run_job

ABANDONED = gettext_noop(
    "The worker that ran this job stopped before it was done. Please start it again."
)
# A worker that has not said it is alive for this long is gone (it writes every 10 s).
WORKER_GONE_AFTER = timedelta(minutes=2)


def job_start(*, kind: str, by: Any, params: dict[str, Any] | None = None) -> Job:
    """Record a job of `kind` started by `by` (a user, or None for the operator) and hand it to
    a worker once the caller's transaction commits."""
    if kind not in job_kinds:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, started_by=by, params=params or {})
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def jobs_recover_abandoned(*, now: Any = None) -> int:
    """Jobs left running by a worker that stopped (killed, its machine gone): run again where
    the kind allows it and attempts remain, else failed with a message. Returns how many."""
    now = now or timezone.now()
    alive = WorkerHeartbeat.objects.filter(last_seen_at__gte=now - WORKER_GONE_AFTER)
    stuck = Job.objects.filter(
        status=JobStatus.RUNNING, started_at__lt=now - WORKER_GONE_AFTER
    ).exclude(worker_id__in=alive.values("worker_id"))
    count = 0
    for job in stuck:
        kind = job_kinds.get(job.kind)
        with transaction.atomic():
            if kind is not None and job.attempts < kind.max_attempts:
                claimed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                    status=JobStatus.RETRYING, failure_detail="worker stopped"
                )
                if claimed:
                    when = now + retry_delay(job.attempts)
                    run_job.using(run_after=when).enqueue(str(job.pk))
            else:
                claimed = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
                    status=JobStatus.FAILED,
                    finished_at=now,
                    failure_message=ABANDONED,
                    failure_detail="worker stopped",
                )
        count += claimed
    return count
