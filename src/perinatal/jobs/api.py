"""A background job through the API (`GET /api/v1/jobs/{job_id}`, tag "jobs"), with an API
token: its state, progress and, when it is done, its result and where to fetch it (a report
file: `result_url`); when it failed, the reason in the caller's language. A person sees the
jobs they started, an administrator every job; any other id answers 404 `not_found`.

An operation that hands its work to a worker answers 202 with the job's id and this
address (`status_url`); the client asks here until `finished` is true."""

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, NinjaAPI, Router, Schema, Status

from django.urls import reverse
from django.utils.translation import gettext as _

from perinatal.accounts.tokens import BearerToken
from perinatal.api.problems import problem_response
from perinatal.api.requests import ApiRequest
from perinatal.api.schemas import Problem

from .constants import FINISHED, JobStatus
from .display import job_failure, job_title
from .kinds import job_kinds
from .models import Job
from .selectors import job_for_user

router = Router(tags=["jobs"], auth=BearerToken())


class JobOut(Schema):
    id: UUID
    kind: str = Field(description="The kind of work, e.g. `report-file`.")
    title: str = Field(description="What the job is, in the caller's language.")
    status: str = Field(description=" ".join(f"`{status}`" for status in JobStatus.values))
    finished: bool = Field(description="True once the job succeeded or failed for good.")
    done: int
    total: int | None
    failure: str | None = Field(description="Why the job failed, in the caller's language.")
    result: dict[str, Any] = Field(description="What the job reports when it succeeded.")
    result_url: str | None = Field(
        description="Where to fetch the result (a file) once the job succeeded; null before."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class JobAcceptedOut(Schema):
    """The answer of an operation whose work a worker does (202 Accepted)."""

    job_id: UUID
    status: str
    status_url: str = Field(description="`GET` it for the job's state (`job_get`).")


def job_status_url(request: Any, job: Job) -> str:
    return request.build_absolute_uri(reverse("api-v1:job_get", args=[job.pk]))


def job_accepted(request: Any, job: Job) -> Status:
    """The 202 answer for a job handed to a worker, with `Location` set to its status."""
    url = job_status_url(request, job)
    return Status(202, {"job_id": job.pk, "status": job.status, "status_url": url})


def job_out(request: Any, job: Job) -> dict[str, Any]:
    kind = job_kinds.get(job.kind)
    result_url = None
    if job.status == JobStatus.SUCCEEDED and kind is not None and kind.api_result_url:
        path = kind.api_result_url(job)
        result_url = request.build_absolute_uri(path) if path else None
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": str(job_title(job)),
        "status": job.status,
        "finished": job.status in FINISHED,
        "done": job.done,
        "total": job.total,
        "failure": job_failure(job) or None,
        "result": job.result if job.status == JobStatus.SUCCEEDED else {},
        "result_url": result_url,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


@router.get(
    "/{job_id}",
    operation_id="job_get",
    url_name="job_get",
    response={200: JobOut, 401: Problem, 404: Problem},
    summary="A background job: its state and, when done, where its result is",
)
def job_get(request: ApiRequest, job_id: UUID):
    job = job_for_user(request.auth, job_id)
    if job is None:
        return problem_response(
            request, 404, code="not_found", detail=_("No job with this id is yours.")
        )
    return job_out(request, job)


def register(api: NinjaAPI) -> None:
    api.add_router("/jobs", router)
