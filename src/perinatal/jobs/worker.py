"""The worker's heartbeat: a thread that writes "alive" for its worker every few seconds, so
`/readyz` can tell that some worker takes jobs, and the housekeeping can give up on jobs whose
worker stopped."""

import os
import socket
import threading

from django.db import close_old_connections, connection
from django.utils import timezone

from .models import WorkerHeartbeat

HEARTBEAT_SECONDS = 10.0


class Heartbeat:
    def __init__(self, worker_id: str, queues: str, interval: float = HEARTBEAT_SECONDS) -> None:
        self.worker_id = worker_id
        self.queues = queues[:255]
        self.interval = interval
        self.started_at = timezone.now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="heartbeat", daemon=True)

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "queues": self.queues,
                "started_at": self.started_at,
                "last_seen_at": timezone.now(),
            },
        )

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                close_old_connections()
                self.beat()
            except Exception:  # noqa: BLE001 - a missed beat is retried; the worker goes on
                connection.close()
            self._stop.wait(self.interval)
        connection.close()

    def start(self) -> None:
        self.beat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 1)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
