"""Once a day, the kept files that no unfinished import needs any more (a job given up after
its worker stopped, an upload whose job was never started) are deleted."""

from datetime import timedelta

from django_tasks import task

from django.utils.translation import gettext_lazy as _

from perinatal.jobs.constants import FINISHED, QUEUE_PERIODIC
from perinatal.jobs.models import Job
from perinatal.jobs.scheduler import Periodic, periodic_tasks

from ..constants import IMPORT_JOB_KIND as KIND
from .incoming import incoming_forget_leftovers

NAME = "monitoring-incoming-cleanup"


@task(queue_name=QUEUE_PERIODIC)
def incoming_cleanup() -> int:
    unfinished = Job.objects.filter(kind=KIND).exclude(status__in=FINISHED)
    in_use = [params.get("folder", "") for params in unfinished.values_list("params", flat=True)]
    return len(incoming_forget_leftovers(in_use))


def register() -> None:
    if NAME not in periodic_tasks:
        periodic_tasks.register(
            NAME,
            Periodic(
                NAME,
                _("Delete the files of finished monitoring imports"),
                incoming_cleanup,
                timedelta(days=1),
            ),
        )
