"""How far a job is: written to its row outside the job's own transaction, at most a few
times a second, so the page that a person reloads shows it."""

import time

from django.db import connection

from .models import Job

# The shortest time between two writes of the same job's progress.
MIN_INTERVAL = 0.5


class Progress:
    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self._written_at = 0.0

    def report(
        self, done: int, total: int | None = None, stage: str = "", force: bool = False
    ) -> None:
        """Record that `done` of `total` units of `stage` are done. Skipped inside an atomic
        block (the page could not see it before the commit, and on SQLite the write would wait
        for the job's own lock) and when the last write is less than MIN_INTERVAL old."""
        now = time.monotonic()
        if connection.in_atomic_block or (not force and now - self._written_at < MIN_INTERVAL):
            return
        self._written_at = now
        changes: dict[str, object] = {"done": done, "stage": stage}
        if total is not None:
            changes["total"] = max(total, done)
        Job.objects.filter(pk=self.job_id).update(**changes)
