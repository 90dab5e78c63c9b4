"""The families' periodic work: the retention purge, once a day from the scheduler (the
same as `perinatal families purge`)."""

from datetime import timedelta

from django_tasks import task

from django.utils.translation import gettext_lazy as _

from perinatal.jobs.constants import QUEUE_PERIODIC
from perinatal.jobs.scheduler import Periodic, periodic_tasks

from .services import retention


@task(queue_name=QUEUE_PERIODIC)
def purge_expired_families() -> int:
    """Pseudonymise the records past their retention period; returns how many."""
    return len(retention.purge())


def register() -> None:
    periodic_tasks.register(
        "families-purge",
        Periodic(
            "families-purge",
            _("Pseudonymise family records past their retention period"),
            purge_expired_families,
            timedelta(days=1),
        ),
    )
