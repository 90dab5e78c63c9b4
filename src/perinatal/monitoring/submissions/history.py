"""Which submissions a user may see, for the upload page and the API: a family-care
service's users see their own service's history (every version: received, late,
superseded); analysts and administrators see every service's. Who may submit at all is the
same rule as `services/permissions.py`. And the imports a user started (background jobs):
their own, as the jobs' pages show them.
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from perinatal.accounts.roles import is_kraamzorg_staff, is_monitoring_manager
from perinatal.jobs.constants import FINISHED
from perinatal.jobs.models import Job
from perinatal.jobs.selectors import job_for_user

from ..constants import IMPORT_JOB_KIND
from ..models import RejectedSubmission, Service, Submission


def may_submit(user: Any) -> bool:
    """Who may open the upload page and call the submissions API."""
    return is_monitoring_manager(user) or is_kraamzorg_staff(user)


def services_of_user(user: Any) -> QuerySet[Service]:
    """The services a service user submits for: the one linked to the organisation, or (not
    linked yet) the one carrying the organisation's recognition number. None for others."""
    if not is_kraamzorg_staff(user):
        return Service.objects.none()
    organisation = user.organisation
    number = organisation.recognition_number.strip()
    condition = Q(organisation=organisation)
    if number:
        condition |= Q(organisation__isnull=True, service_id=number)
    return Service.objects.filter(condition)


def submissions_for_user(
    user: Any, *, year: int | None = None, service_id: str = ""
) -> QuerySet[Submission]:
    """The submissions the user may see, newest work year first, then service and newest
    version first; an analyst may filter by service."""
    if is_monitoring_manager(user):
        found = Submission.objects.all()
        if service_id:
            found = found.filter(service__service_id=service_id)
    else:
        found = Submission.objects.filter(service__in=services_of_user(user))
    if year is not None:
        found = found.filter(work_year_id=year)
    return found.select_related("service").order_by(
        "-work_year_id", "service__service_id", "-version"
    )


@dataclass(frozen=True)
class Received:
    """A submission just stored, and the version it replaced (None for a first one)."""

    submission: Submission
    replaced: Submission | None


def received_for_user(user: Any, ids: list[int]) -> list[Received]:
    """The submissions of these ids the user may see, each with the version it replaced."""
    found = list(submissions_for_user(user).filter(pk__in=ids[:1000]))
    earlier = Q(pk__in=[])
    for sub in found:
        earlier |= Q(
            service_id=sub.service_id, work_year_id=sub.work_year_id, version=sub.version - 1
        )
    replaced = (
        {(sub.service_id, sub.work_year_id): sub for sub in Submission.objects.filter(earlier)}
        if found
        else {}
    )
    return [
        Received(sub, replaced.get((sub.service_id, sub.work_year_id)))
        for sub in sorted(found, key=lambda s: (s.work_year_id, s.service.service_id))
    ]


def imports_in_progress(user: Any, limit: int = 10) -> list[Job]:
    """The user's imports that are not finished, newest first."""
    return list(
        Job.objects.filter(kind=IMPORT_JOB_KIND, started_by=user)
        .exclude(status__in=FINISHED)
        .order_by("-created_at")[:limit]
    )


def import_for_user(user: Any, job_id: UUID) -> tuple[Job, RejectedSubmission | None] | None:
    """An import the user may follow (their own; administrators: any) and its refusal."""
    job = job_for_user(user, job_id)
    if job is None or job.kind != IMPORT_JOB_KIND:
        return None
    rejection = None
    if job.result.get("rejection"):
        rejection = RejectedSubmission.objects.filter(public_id=job.result["rejection"]).first()
    return job, rejection
