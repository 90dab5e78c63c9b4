"""A rate limit holds across processes once they share Redis: three application servers
(three gunicorn processes, one worker each, as on three machines) in front of the test
database and the real Redis; the directory's error reports from one address are limited to
10 an hour, so the 11th is refused, whichever server each one reaches. Without the shared
cache each process would accept 10 (issue 12 measured 39 of 40 with four workers)."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from django.db import connection

from perinatal.core.processes import stop_process_groups
from perinatal.directory.models import ErrorReport

from .redis_support import REDIS_URL
from .test_serve import free_port

SERVERS = 3
CSRF_SECRET = "a" * 32  # a well-formed CSRF secret, sent as cookie and field alike


def database_url() -> str:
    """The test database, for the servers to use (SQLite: its file; PostgreSQL: test_…)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = urllib.parse.quote(settings["USER"] or "")
    password = urllib.parse.quote(settings["PASSWORD"] or "")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{credentials}{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def settings_module(directory: Path, prefix: str) -> str:
    """The production settings, with plain static file names (no collectstatic) and the
    cache's keys under this test's prefix."""
    (directory / "rate_limit_settings.py").write_text(
        "from perinatal.conf.production import *  # noqa: F403\n"
        "STORAGES = {\n"
        '    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},\n'
        '    "staticfiles": {"BACKEND": '
        '"django.contrib.staticfiles.storage.StaticFilesStorage"},\n'
        "}\n"
        f'CACHES["default"]["KEY_PREFIX"] = "{prefix}"  # noqa: F405\n'
    )
    return "rate_limit_settings"


def post_report(base: str, number: int) -> int:
    body = urllib.parse.urlencode(
        {
            "kind": "missing",
            "message": f"Er ontbreekt een dienst, melding {number}.",
            "csrfmiddlewaretoken": CSRF_SECRET,
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310 - a server of this test on loopback
        f"{base}/nl/report/",
        data=body,
        headers={"Cookie": f"csrftoken={CSRF_SECRET}"},
        method="POST",
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.django_db(transaction=True)
def test_the_eleventh_report_in_an_hour_is_refused_across_three_servers(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "PROMETHEUS_MULTIPROC_DIR"}
        and not key.startswith("SENTRY_")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings_module(tmp_path, f"rl-{uuid.uuid4().hex}"),
            "PYTHONPATH": os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")]),
            "DATABASE_URL": database_url(),
            "REDIS_URL": REDIS_URL,
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PERINATAL_HOME": str(tmp_path),
            "NATIONAL_NUMBER_HASH_KEY": "a-test-hash-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
            "SECURE_COOKIES": "false",
        }
    )
    ports = [free_port() for _ in range(SERVERS)]
    logs = [(tmp_path / f"server-{n}.log").open("w+") for n in range(SERVERS)]
    servers = [
        subprocess.Popen(  # noqa: S603 - gunicorn with the project's configuration
            [
                sys.executable,
                "-m",
                "gunicorn",
                "perinatal.wsgi:application",
                "--config",
                "python:perinatal.core.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--no-control-socket",
            ],
            env=env,
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 60
        waiting = set(bases)
        while waiting:
            for server, log in zip(servers, logs, strict=True):
                if server.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"a server stopped:\n{log.read()}")
            for base in sorted(waiting):
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2).close()  # noqa: S310
                    waiting.discard(base)
                except OSError:
                    pass
            assert time.monotonic() < deadline, "the servers did not start within 60 s"
            time.sleep(0.2)

        statuses = [post_report(bases[n % SERVERS], n) for n in range(11)]
    finally:
        stop_process_groups(servers, timeout=20)
        for log in logs:
            log.close()

    assert statuses == [302] * 10 + [429]
    assert ErrorReport.objects.count() == 10
