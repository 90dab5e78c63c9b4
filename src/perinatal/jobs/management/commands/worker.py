"""`perinatal worker`: takes tasks from the database queue and runs them (django-tasks-db's
`db_worker`, every queue by default), and says it is alive every 10 s (`/readyz`).

Run one or more per machine, on as many machines as needed: each task is claimed by one worker
under a row lock (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, an exclusive transaction on
SQLite). SIGTERM lets the running task finish; a second SIGTERM stops at once."""

import os
from typing import Any

from django_tasks_db.management.commands import db_worker

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from perinatal.jobs.worker import Heartbeat


class Command(db_worker.Command):
    help = "Run the background task worker (every queue unless --queue-name is given)."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(self, *args: Any, **options: Any) -> None:
        watcher = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if watcher and not options.get("batch"):
            super().handle(*args, **options)  # the reloader's parent: the child beats
            return
        heartbeat = Heartbeat(options["worker_id"], options["queue_name"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
