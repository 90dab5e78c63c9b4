"""`perinatal serve`: the development server, or with `--prod` the production server.

`perinatal serve --prod [--bind 127.0.0.1:8000] [--workers N]` collects the static files (served
by WhiteNoise) and then replaces itself with gunicorn running `perinatal.wsgi:application` under
`perinatal.conf.production` (or the DJANGO_SETTINGS_MODULE given with `--settings`). Everything
else comes from the environment: see docs/deploy.md.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

PRODUCTION_SETTINGS = "perinatal.conf.production"
# One JSON object per request on stdout, with the id the application logged under.
ACCESS_LOG_FORMAT = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "remote": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)


@contextmanager
def background_processes(with_workers: bool) -> Iterator[None]:
    """With `with_workers`, run a task worker and the scheduler beside the development server
    (`make run`), each in a process group of its own that is stopped with the server. Only in
    the outer process: runserver's autoreloader runs this command again in a child."""
    if not with_workers or os.environ.get("RUN_MAIN") == "true":
        yield
        return
    children = [
        subprocess.Popen(  # noqa: S603 - our own command
            [sys.executable, "-m", "perinatal", *command], start_new_session=True
        )
        for command in (["worker"], ["scheduler"])
    ]
    try:
        yield
    finally:
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)


def default_workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 9)))


class Command(BaseCommand):
    help = "Serve the site: the development server, or gunicorn with --prod."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--prod", action="store_true", help="Run gunicorn (production).")
        parser.add_argument(
            "--bind",
            default=os.environ.get("BIND", "127.0.0.1:8000"),
            help="Address and port (default 127.0.0.1:8000, or $BIND).",
        )
        parser.add_argument(
            "--with-workers",
            action="store_true",
            help="Development: also run a task worker and the scheduler (make run).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn worker processes (default $WEB_CONCURRENCY or 2 × CPUs + 1, max 9).",
        )

    def handle(
        self, *args, prod: bool, bind: str, workers: int | None, with_workers: bool, **options
    ) -> None:
        if not prod:
            with background_processes(with_workers):
                call_command("runserver", bind)
            return
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": options.get("settings") or PRODUCTION_SETTINGS,
        }
        # A fresh process, so the production settings are read and checked from the start.
        collect = subprocess.run(  # noqa: S603 - fixed command line
            [sys.executable, "-m", "perinatal", "collectstatic", "--no-input", "--verbosity", "0"],
            env=env,
            check=False,
        )
        if collect.returncode != 0:
            raise CommandError("collectstatic failed; the server was not started.")
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "perinatal.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers or default_workers()),
            "--access-logfile",
            "-",
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            "-",
            "--timeout",
            os.environ.get("GUNICORN_TIMEOUT", "60"),
            # gunicorn 27's control socket lives in $HOME: one per machine, often read-only.
            "--no-control-socket",
        ]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, env)  # noqa: S606 - replaces this process by gunicorn
