"""gunicorn's configuration for `perinatal serve --prod` (`--config python:perinatal.core.gunicorn_conf`).

- Every line JSON: gunicorn's error log (start, workers, errors) on stderr and its access log
  (one line per request, `core.logging.AccessLogFormatter`) on stdout, with the same fields
  as the application's own lines (conf/base.py LOGGING).
- Prometheus' multiprocess mode: with `PROMETHEUS_MULTIPROC_DIR` set, a worker that stops has
  its live gauges marked dead; the directory is removed at exit when `perinatal serve` made it
  (`prepare_metrics_directory`).

The bind address, the number of workers and the timeout come from `perinatal serve`'s command
line. Importing this module has no side effect (the deploy checks read `default_workers`).
"""

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from perinatal.core.logging import JSON_FIELDS, JSON_RENAMES

OWNED_METRICS_DIR = "PERINATAL_OWNS_PROMETHEUS_MULTIPROC_DIR"


def default_workers() -> int:
    """`WEB_CONCURRENCY`, else 2 × CPUs + 1, at most 9."""
    return int(os.environ.get("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 9)))


def prepare_metrics_directory(env: dict[str, str]) -> None:
    """Give the server an empty `PROMETHEUS_MULTIPROC_DIR`: the operator's (emptied of a
    previous run's files, as prometheus_client requires) or a new temporary one."""
    given = env.get("PROMETHEUS_MULTIPROC_DIR")
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()
        env.pop(OWNED_METRICS_DIR, None)
    else:
        env["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="perinatal-prometheus-")
        env[OWNED_METRICS_DIR] = "1"


access_log_format = "%(m)s %(U)s %(s)s"
errorlog = "-"
# The access log is on as soon as a logging configuration is given (gunicorn's rule).
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "perinatal.core.logging.JsonLineFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": JSON_RENAMES,
        },
        "access": {
            "()": "perinatal.core.logging.AccessLogFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": JSON_RENAMES,
        },
    },
    "filters": {"request_id": {"()": "perinatal.core.logging.RequestIdFilter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["request_id"],
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"level": "INFO", "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}


def child_exit(server: Any, worker: Any) -> None:
    """A worker stopped: its live gauges no longer count (multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Any) -> None:
    """Remove the metrics directory that `perinatal serve` made for this run."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory and os.environ.get(OWNED_METRICS_DIR) == "1":
        shutil.rmtree(directory, ignore_errors=True)
