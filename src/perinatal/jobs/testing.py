"""For the suite: run the real worker (django-tasks-db's `Worker`) in this process until no
task is ready, as `perinatal worker --batch` would. Needs committed data (a transactional
test), since the worker claims each task in a transaction of its own."""

from django_tasks_db.management.commands.db_worker import Worker


def run_pending_tasks(worker_id: str = "test-worker", queues: tuple[str, ...] = ("*",)) -> int:
    worker = Worker(
        queue_names=list(queues),
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


def mark_worker_alive(worker_id: str = "test-worker") -> None:
    """A heartbeat of a worker just now, as a running `perinatal worker` writes (`/readyz`)."""
    from django.utils import timezone

    from .models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": "test",
            "pid": 1,
            "queues": "*",
            "started_at": now,
            "last_seen_at": now,
        },
    )
