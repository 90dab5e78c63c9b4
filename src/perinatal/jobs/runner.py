"""The one task that runs a job: marks it running, calls its kind, and records the outcome —
done with its result, refused with a message for the person, failed with a reason for the
administrators, or put back in the queue when the failure is transient and the kind allows a
second attempt (after 10 s, then 20 s, 40 s …)."""

import logging
from datetime import timedelta
from uuid import UUID

from django_tasks import TaskContext, task

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from .constants import FINISHED, QUEUE_JOBS, JobStatus
from .kinds import JobKind, JobRefused, job_kinds
from .models import Job
from .progress import Progress

logger = logging.getLogger(__name__)

RETRY_BASE_DELAY = timedelta(seconds=10)
# What the person reads when the work broke for a reason that is not theirs.
UNEXPECTED = gettext_noop(
    "The job stopped because of an error on our side. The administrators can see what went "
    "wrong; please try again later or contact them."
)
UNKNOWN_KIND = gettext_noop("This kind of job is no longer known to the platform.")


def retry_delay(attempt: int) -> timedelta:
    return RETRY_BASE_DELAY * (2 ** max(attempt - 1, 0))


def _finish(job_id: UUID, status: str, **changes: object) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), **changes)


def _technical(exc: BaseException) -> str:
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}"[:2000]


@task(queue_name=QUEUE_JOBS, takes_context=True)
def run_job(context: TaskContext, job_id: str) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status in FINISHED:
        return "gone" if job is None else job.status  # delivered twice: nothing to do again
    kind = job_kinds.get(job.kind)
    if kind is None:
        _finish(job.pk, JobStatus.FAILED, failure_message=UNKNOWN_KIND, failure_detail=job.kind)
        return JobStatus.FAILED
    worker_ids = context.task_result.worker_ids
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        worker_id=worker_ids[-1] if worker_ids else "",
    )
    job.refresh_from_db()
    return _run(kind, job)


def _run(kind: JobKind, job: Job) -> str:
    try:
        result = kind.run(job, Progress(job))
    except JobRefused as refused:
        _finish(
            job.pk,
            JobStatus.FAILED,
            failure_message=refused.message,
            failure_params=refused.params,
            failure_detail="",
        )
        logger.info("job %s (%s) refused: %s", job.pk, job.kind, refused.message)
        return JobStatus.FAILED
    except kind.retry_on as exc:
        if job.attempts < kind.max_attempts:
            Job.objects.filter(pk=job.pk).update(
                status=JobStatus.RETRYING, failure_detail=_technical(exc)
            )
            when = timezone.now() + retry_delay(job.attempts)
            run_job.using(run_after=when).enqueue(str(job.pk))
            logger.warning("job %s (%s) will be retried: %s", job.pk, job.kind, type(exc).__name__)
            raise
        _fail(job, exc)
        raise
    except Exception as exc:
        _fail(job, exc)
        raise
    _finish(job.pk, JobStatus.SUCCEEDED, result=result or {}, failure_detail="")
    return JobStatus.SUCCEEDED


def _fail(job: Job, exc: BaseException) -> None:
    logger.exception("job %s (%s) failed", job.pk, job.kind)
    _finish(job.pk, JobStatus.FAILED, failure_message=UNEXPECTED, failure_detail=_technical(exc))
