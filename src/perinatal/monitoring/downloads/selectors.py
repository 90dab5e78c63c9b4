"""A finished report file, for the person who asked for it (or an administrator) while they
may still have it."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from perinatal.jobs.constants import JobStatus
from perinatal.jobs.models import Job
from perinatal.jobs.selectors import job_for_user

from .kind import REPORT_FILE
from .producers import report_producers
from .storage import file_find


@dataclass(frozen=True)
class StoredReport:
    job: Job
    path: str
    name: str
    content_type: str


def report_job_for_user(user: Any, job_id: UUID) -> Job | None:
    """The `report-file` job `job_id` if `user` sees it (theirs, or any for an administrator)
    and may still have its producer's files; else None."""
    job = job_for_user(user, job_id)
    if job is None or job.kind != REPORT_FILE:
        return None
    producer = report_producers.get(job.params.get("producer", ""))
    if producer is None or not producer.allowed(user):
        return None
    return job


def report_file_for_user(user: Any, job_id: UUID) -> StoredReport | None:
    """The finished file of `report_job_for_user`; None when not done yet or gone."""
    job = report_job_for_user(user, job_id)
    if job is None or job.status != JobStatus.SUCCEEDED:
        return None
    path = file_find(job.pk)
    if path is None:
        return None
    return StoredReport(job, path, job.result["name"], job.result["content_type"])
