"""Reading jobs (each person sees their own; administrators see all) and the state of the
workers and queues, for `/readyz` and the metrics."""

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django_tasks_db.models import DBTaskResult

from django.db.models import Max, QuerySet
from django.utils import timezone

from perinatal.accounts import roles

from .models import Job, WorkerHeartbeat


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    if roles.is_administrator(user):
        return Job.objects.all()
    if not roles.is_signed_in(user):
        return Job.objects.none()
    return Job.objects.filter(started_by=user)


def job_for_user(user: Any, job_id: UUID) -> Job | None:
    return jobs_visible_to(user).filter(pk=job_id).select_related("started_by").first()


def jobs_of_user(user: Any, limit: int = 50) -> list[Job]:
    return list(Job.objects.filter(started_by=user).order_by("-created_at")[:limit])


def worker_last_seen() -> datetime | None:
    return WorkerHeartbeat.objects.aggregate(last=Max("last_seen_at"))["last"]


def worker_seen_within(seconds: int = 60) -> bool:
    last = worker_last_seen()
    return last is not None and timezone.now() - last <= timedelta(seconds=seconds)


def queue_depth() -> int:
    """Tasks a worker could take now."""
    return DBTaskResult.objects.ready().count()


def failed_tasks() -> int:
    return DBTaskResult.objects.failed().count()
