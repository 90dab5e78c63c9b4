"""The platform's own periodic work: expired sessions, old task results and jobs whose worker
stopped. Other apps register theirs (the families' retention purge, …) the same way."""

from datetime import timedelta

from django_tasks import task
from django_tasks_db.models import DBTaskResult

from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import FINISHED, QUEUE_EMAIL, QUEUE_PERIODIC
from .models import Job
from .scheduler import Periodic, periodic_tasks
from .services import jobs_recover_abandoned


@task(queue_name=QUEUE_PERIODIC)
def clear_sessions() -> int:
    """Delete expired sessions (Django's `clearsessions`, for the database sessions)."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@task(queue_name=QUEUE_PERIODIC)
def prune_finished() -> int:
    """Forget finished tasks after `JOBS_RESULT_RETENTION_DAYS` (e-mail tasks, which hold
    the message, after a day) and finished jobs after the same time."""
    now = timezone.now()
    keep = timedelta(days=settings.JOBS_RESULT_RETENTION_DAYS)
    finished = DBTaskResult.objects.finished()
    deleted = finished.filter(queue_name=QUEUE_EMAIL, finished_at__lt=now - timedelta(days=1))
    count = deleted.delete()[0]
    count += finished.filter(finished_at__lt=now - keep).delete()[0]
    count += Job.objects.filter(status__in=FINISHED, finished_at__lt=now - keep).delete()[0]
    return count


@task(queue_name=QUEUE_PERIODIC)
def recover_abandoned() -> int:
    return jobs_recover_abandoned()


def register() -> None:
    periodic_tasks.register(
        "clear-sessions",
        Periodic(
            "clear-sessions", _("Delete expired sessions"), clear_sessions, timedelta(hours=1)
        ),
    )
    periodic_tasks.register(
        "prune-finished-tasks",
        Periodic(
            "prune-finished-tasks",
            _("Forget old finished tasks"),
            prune_finished,
            timedelta(days=1),
        ),
    )
    periodic_tasks.register(
        "recover-abandoned-jobs",
        Periodic(
            "recover-abandoned-jobs",
            _("Take back jobs whose worker stopped"),
            recover_abandoned,
            timedelta(minutes=1),
        ),
    )
