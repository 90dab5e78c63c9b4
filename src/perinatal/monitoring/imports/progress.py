"""An import's progress on its job's page. The import is one transaction, and the jobs' own
`Progress` writes nothing inside a transaction (the page could not see it before the commit).
So on PostgreSQL a thread with a database connection of its own writes the latest figures to
the job's row at most every `interval` seconds while the import goes on. On SQLite, whose one
writer is the import itself, only what is reported outside the transaction is written, and
the last figures when the import is over."""

import threading
from types import TracebackType

from django.db import close_old_connections, connection, connections

from perinatal.jobs.models import Job
from perinatal.jobs.progress import MIN_INTERVAL, Progress

# Seconds between two writes of the figures (the jobs' own rate).
INTERVAL = MIN_INTERVAL


class ImportProgressWriter:
    """`with ImportProgressWriter(job, progress) as report:` … `report(done, total, stage)`."""

    def __init__(self, job: Job, progress: Progress, interval: float | None = None) -> None:
        self.job_id = job.pk
        self.progress = progress
        self.interval = interval or INTERVAL
        self.threaded = connection.vendor == "postgresql"
        self._latest: tuple[int, int | None, str] | None = None
        self._written: tuple[int, int | None, str] | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="import-progress", daemon=True)

    def __call__(self, done: int, total: int | None, stage: str) -> None:
        if not connection.in_atomic_block:
            self.progress.report(done, total, stage, force=True)
        with self._lock:
            self._latest = (done, total, stage)

    def _write(self, *, last: bool = False) -> None:
        with self._lock:
            latest = self._latest
        if latest is None or (latest == self._written and not last):
            return
        done, total, stage = latest
        if last:
            stage = ""  # over: the job's state says how it ended
        changes: dict[str, object] = {"done": done, "stage": stage}
        if total is not None:
            changes["total"] = max(total, done)
        Job.objects.filter(pk=self.job_id).update(**changes)
        self._written = latest

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    close_old_connections()
                    self._write()
                except Exception:  # noqa: BLE001 - a missed report is not worth failing for
                    connections.close_all()
        finally:
            connections.close_all()

    def __enter__(self) -> "ImportProgressWriter":
        if self.threaded:
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.threaded:
            self._stop.set()
            self._thread.join(timeout=self.interval + 5)
        if not connection.in_atomic_block:
            self._write(last=True)
