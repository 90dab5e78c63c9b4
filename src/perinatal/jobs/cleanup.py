"""What a job keeps outside its row goes with the row: when a job is deleted (pruned after
`JOBS_RESULT_RETENTION_DAYS` by `housekeeping.prune_finished`, or by an administrator in the
admin), its kind's `forget(job)` runs once the deletion is committed, so a file is never
deleted for a row that a rollback keeps. A failure is logged and does not stop the others."""

import copy
import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete

from .kinds import job_kinds
from .models import Job

logger = logging.getLogger(__name__)


def _forget_after_commit(sender: type[Job], instance: Job, **kwargs: Any) -> None:
    kind = job_kinds.get(instance.kind)
    if kind is None or kind.forget is None:
        return
    forget = kind.forget
    # A copy: once the deletion is done Django sets the instance's pk to None, which is before
    # the commit when the deletion runs inside a larger transaction.
    job = copy.copy(instance)

    def run() -> None:
        try:
            forget(job)
        except Exception:
            logger.exception("could not delete what job %s (%s) kept", job.pk, job.kind)

    transaction.on_commit(run)


def connect() -> None:
    post_delete.connect(_forget_after_commit, sender=Job, dispatch_uid="jobs-forget")
