"""The search index's background work: a full rebuild, which `migrate` asks for when it
finds services without an index (signals.index_if_empty)."""

from django_tasks import task

from perinatal.jobs.constants import QUEUE_PERIODIC

from . import index


@task(queue_name=QUEUE_PERIODIC)
def reindex_all() -> int:
    """Rebuild every service's search documents; returns how many were written."""
    return index.reindex_services()
