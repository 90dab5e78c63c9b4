"""`perinatal serve`: the development server, or with `--prod` the production server.

`perinatal serve --prod [--bind 127.0.0.1:8000] [--workers N]` runs under
`perinatal.conf.production` (or the DJANGO_SETTINGS_MODULE given with `--settings`; started
under other settings, it starts itself again under those). Before it replaces itself with
gunicorn running `perinatal.wsgi:application` it refuses to go on while migrations are
unapplied, and collects the static files (served by WhiteNoise) only when STATIC_ROOT does not
already hold them current (core/startup.py), so a read-only file system works after
`make build`. gunicorn is configured by `core/gunicorn_conf.py` (JSON logs; Prometheus'
multiprocess mode in `PROMETHEUS_MULTIPROC_DIR`, a temporary directory when unset). Everything
else comes from the environment: see docs/deploy.md.

`perinatal serve --with-workers` (the development server of `make run`) also runs a task
worker and the scheduler beside it.
"""

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from perinatal.core.gunicorn_conf import default_workers, prepare_metrics_directory
from perinatal.core.processes import stop_process_groups
from perinatal.core.startup import collect_static_files_if_needed, refuse_unapplied_migrations

logger = logging.getLogger("perinatal.serve")

PRODUCTION_SETTINGS = "perinatal.conf.production"
# gunicorn's settings that do not change per site: JSON logs, the metrics' multiprocess hooks.
GUNICORN_CONFIG = "python:perinatal.core.gunicorn_conf"


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
        stop_process_groups(children, timeout=10)


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
        target = options.get("settings") or PRODUCTION_SETTINGS
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": target}
        if target != settings.SETTINGS_MODULE:
            # Start again under the production settings, so they are read and checked from
            # the start and the checks below see the production database.
            again = [sys.executable, "-m", "perinatal", "serve", "--prod", "--bind", bind]
            if workers:
                again += ["--workers", str(workers)]
            self._replace_process(again, env)
        self._check_before_serving()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "perinatal.wsgi:application",
            "--config",
            GUNICORN_CONFIG,
            "--bind",
            bind,
            "--workers",
            str(workers or default_workers()),
            "--timeout",
            os.environ.get("GUNICORN_TIMEOUT", "60"),
            # gunicorn 27's control socket lives in $HOME: one per machine, often read-only.
            "--no-control-socket",
        ]
        # One scrape of /metrics sees every worker (prometheus_client's multiprocess mode).
        prepare_metrics_directory(env)
        self._replace_process(argv, env)

    def _check_before_serving(self) -> None:
        try:
            refuse_unapplied_migrations()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        try:
            collected = collect_static_files_if_needed()
        except ImproperlyConfigured as exc:
            raise CommandError(f"{exc} The server was not started.") from exc
        if collected:
            logger.info("static files collected into %s", settings.STATIC_ROOT)
        else:
            logger.info("static files in %s are current: nothing collected", settings.STATIC_ROOT)

    def _replace_process(self, argv: list[str], env: dict[str, str]) -> NoReturn:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, env)  # noqa: S606 - our own command line
