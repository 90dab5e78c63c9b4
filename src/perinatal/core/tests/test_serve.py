"""`perinatal serve --prod`: the migrations checked, collectstatic, then gunicorn under the
production settings.

Started for real as a subprocess on a free port, against a temporary SQLite file migrated
first (test_startup_guard.py: the refusal without migrations).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PERINATAL = Path(sys.executable).with_name("perinatal")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local server
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def production_server(tmp_path):
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PERINATAL_HOME"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'perinatal.sqlite3'}",
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PERINATAL_HOME": str(tmp_path),
            "NATIONAL_NUMBER_HASH_KEY": "a-test-hash-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
        }
    )
    subprocess.run(  # noqa: S603 - our own command
        [str(PERINATAL), "migrate", "--no-input", "--verbosity", "0"],
        env=env | {"DJANGO_SETTINGS_MODULE": "perinatal.conf.production"},
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    log = (tmp_path / "server.log").open("w+")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [str(PERINATAL), "serve", "--prod", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"the server stopped:\n{log.read()}")
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"no answer from /healthz within 60 s:\n{log.read()}")
            time.sleep(0.3)
        yield base, log, tmp_path
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def test_serve_prod_answers_health_checks_and_static_files(production_server):
    base, log, home = production_server

    status, headers, body = fetch(f"{base}/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "database": "sqlite"}

    status, headers, body = fetch(f"{base}/static/perinatal/site.css")
    assert status == 200
    assert b"--accent" in body
    assert headers["Content-Type"].startswith("text/css")
    assert (home / "staticfiles" / "staticfiles.json").exists()  # collectstatic ran
    log.seek(0)
    assert "static files collected into" in log.read()

    status, headers, _ = fetch(f"{base}/nl/account/login/")
    assert status == 200
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    request_id = headers["X-Request-ID"]

    time.sleep(0.5)
    log.seek(0)
    access = [
        json.loads(line)
        for line in log.read().splitlines()
        if line.startswith("{") and '"gunicorn.access"' in line
    ]
    assert any(entry["request_id"] == request_id for entry in access)
