"""Scale-out: two worker processes take tasks from one queue, and no task runs twice (row
locks: SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an exclusive transaction on SQLite)."""

from collections import Counter

import pytest
from django_tasks_db.models import DBTaskResult

from .tasks import record_run
from .workers import start_worker

pytestmark = pytest.mark.django_db(transaction=True)

TASKS = 40


def test_two_workers_share_one_queue_without_doing_any_task_twice(tmp_path):
    runs = tmp_path / "runs.txt"
    for number in range(TASKS):
        record_run.enqueue(str(runs), number, 0.05)
    workers = [start_worker(f"w{n}", "--batch", log=tmp_path / f"w{n}.log") for n in (1, 2)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, (tmp_path / "w1.log").read_text()

    counts = Counter(int(line) for line in runs.read_text().split())
    assert counts == Counter(range(TASKS))  # each exactly once
    results = DBTaskResult.objects.all()
    assert {result.status for result in results} == {"SUCCESSFUL"}
    by_worker = Counter(result.worker_ids[-1] for result in results)
    assert set(by_worker) == {"w1", "w2"}  # both took work
    assert sum(by_worker.values()) == TASKS
