"""The pages of a person's jobs: the list, and one job with its progress, which follows the
job every few seconds until it is done (static/jobs/job.js; a reload by hand shows the same:
the state is in the database, not in the page)."""

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .constants import FINISHED
from .display import job_failure, job_title
from .kinds import job_kinds
from .models import Job
from .selectors import job_for_user, jobs_of_user

REFRESH_SECONDS = 2


def describe(job: Job) -> dict[str, Any]:
    kind = job_kinds.get(job.kind)
    percent = None
    if job.total:
        percent = min(100, round(100 * job.done / job.total))
    return {
        "job": job,
        "label": job_title(job),
        "stage": (kind.stages.get(job.stage, "") if kind else "") if job.stage else "",
        "finished": job.status in FINISHED,
        "percent": percent,
        "failure": job_failure(job),
        "result_url": kind.result_url(job) if kind and kind.result_url and job.result else None,
    }


@login_required
def job_list_view(request: HttpRequest) -> HttpResponse:
    jobs = [describe(job) for job in jobs_of_user(request.user)]
    return render(request, "jobs/list.html", {"jobs": jobs})


@login_required
def job_detail_view(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = job_for_user(request.user, job_id)
    if job is None:
        raise Http404
    context = describe(job)
    context["refresh"] = None if context["finished"] else REFRESH_SECONDS
    return render(request, "jobs/detail.html", context)
