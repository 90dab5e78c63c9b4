"""`perinatal serve`: the development server, or with `--prod` the production server.

`perinatal serve --prod [--bind 127.0.0.1:8000] [--workers N]` runs under
`perinatal.conf.production` (or the DJANGO_SETTINGS_MODULE given with `--settings`; started
under other settings, it starts itself again under those). Before it replaces itself with
gunicorn running `perinatal.wsgi:application` it refuses to go on while migrations are
unapplied, and collects the static files (served by WhiteNoise) only when STATIC_ROOT does not
already hold them current (core/startup.py), so a read-only file system works after
`make build`. Everything else comes from the environment: see docs/deploy.md.
"""

import logging
import os
import sys
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from perinatal.core.startup import collect_static_files_if_needed, refuse_unapplied_migrations

logger = logging.getLogger("perinatal.serve")

PRODUCTION_SETTINGS = "perinatal.conf.production"
# One JSON object per request on stdout, with the id the application logged under.
ACCESS_LOG_FORMAT = (
    '{"time": "%(t)s", "level": "INFO", "logger": "gunicorn.access", "remote": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", '
    '"duration_ms": %(M)s, "request_id": "%({x-request-id}o)s"}'
)


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
            "--workers",
            type=int,
            default=None,
            help="gunicorn worker processes (default $WEB_CONCURRENCY or 2 × CPUs + 1, max 9).",
        )

    def handle(self, *args, prod: bool, bind: str, workers: int | None, **options) -> None:
        if not prod:
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
        self._replace_process(argv, env)

    def _check_before_serving(self) -> None:
        try:
            refuse_unapplied_migrations()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"The database does not answer ({exc}); the server was not started."
            ) from exc
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
