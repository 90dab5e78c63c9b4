"""Start real `perinatal worker` processes against the test database (for the tests that
need several workers, or a worker beside a live server)."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def start_worker(worker_id: str, *extra: str, log: Path | None = None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "perinatal.conf.test",
        "DATABASE_URL": database_url(),
    }
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    return subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "perinatal",
            "worker",
            "--worker-id",
            worker_id,
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.05",
            *extra,
        ],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
