"""The search's background work: a full rebuild of the index, which `migrate` asks for when it
finds services without an index (signals.index_if_empty); and, once a day from the scheduler,
forgetting old questions that found nothing (services.questions_prune)."""

from datetime import timedelta

from django_tasks import task

from django.utils.translation import gettext_lazy as _

from perinatal.jobs.constants import QUEUE_PERIODIC
from perinatal.jobs.scheduler import Periodic, periodic_tasks

from . import index, services


@task(queue_name=QUEUE_PERIODIC)
def reindex_all() -> int:
    """Rebuild every service's search documents; returns how many were written."""
    return index.reindex_services()


@task(queue_name=QUEUE_PERIODIC)
def prune_unanswered() -> int:
    """Forget the questions that found nothing not asked for a year (and beyond the most
    recent few thousand); returns how many."""
    return services.questions_prune()


def register() -> None:
    periodic_tasks.register(
        "search-prune-unanswered",
        Periodic(
            "search-prune-unanswered",
            _("Forget old questions that found nothing"),
            prune_unanswered,
            timedelta(days=1),
        ),
    )
