"""`perinatal scheduler`: enqueues the periodic work when it is due (jobs/scheduler.py).
`--once` enqueues what is due and exits (for a cron line); otherwise it checks every
`--interval` seconds until SIGTERM or Ctrl-C."""

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from perinatal.jobs.scheduler import periodic_tasks, tick


class Command(BaseCommand):
    help = "Enqueue the periodic tasks when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue what is due, then exit.")
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between checks (default 30)."
        )

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        stop = threading.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            names = ", ".join(periodic_tasks.keys())
            self.stdout.write(f"Scheduler started; periodic tasks: {names}")
        while True:
            close_old_connections()
            for name in tick():
                self.stdout.write(f"enqueued {name}")
            if once or stop.wait(interval):
                break
