"""`perinatal scheduler`: enqueues the periodic work when it is due (jobs/scheduler.py).
`--once` enqueues what is due and exits (for a cron line); otherwise it checks every
`--interval` seconds until SIGTERM or Ctrl-C."""

import argparse
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.translation import gettext as _

from perinatal.jobs.scheduler import periodic_tasks, tick


def seconds_between_checks(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise argparse.ArgumentTypeError(
            _("the interval is a number of seconds above 0 and at most 3600: %(value)s")
            % {"value": value}
        )
    return seconds


class Command(BaseCommand):
    help = "Enqueue the periodic tasks when they are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Enqueue what is due, then exit.")
        parser.add_argument(
            "--interval",
            type=seconds_between_checks,
            default=30.0,
            help="Seconds between checks (default 30, at most 3600).",
        )

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        stop = threading.Event()
        if not once:
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: stop.set())
            names = ", ".join(periodic_tasks.keys())
            self.stdout.write(_("Scheduler started; periodic tasks: %(names)s") % {"names": names})
        while True:
            close_old_connections()
            for name in tick():
                self.stdout.write(_("enqueued %(name)s") % {"name": name})
            if once or stop.wait(interval):
                break
