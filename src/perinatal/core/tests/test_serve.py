"""`perinatal serve --prod`: the migrations checked, collectstatic, then gunicorn under the
production settings; every line it writes is JSON, a bad Host header is one WARNING line,
/metrics adds up the workers.

Started for real as a subprocess on a free port (two workers), against a temporary SQLite file
migrated first (test_startup_guard.py: the refusal without migrations) and no task worker (so
/readyz says not ready), its stdout and stderr kept apart.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

from perinatal.core.processes import stop_process_groups

PERINATAL = Path(sys.executable).with_name("perinatal")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local server
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@dataclass
class Server:
    base: str
    home: Path
    process: subprocess.Popen
    stdout: IO[str]
    stderr: IO[str]

    def stop(self) -> None:
        stop_process_groups([self.process], timeout=20)

    def lines(self, stream: IO[str]) -> list[str]:
        stream.flush()
        stream.seek(0)
        return [line for line in stream.read().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """One server for the module (each start runs collectstatic and boots gunicorn); the
    last test stops it to read its last lines."""
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PERINATAL_HOME", "REDIS_URL"}
        and not key.startswith("SENTRY_")
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'perinatal.sqlite3'}",
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PERINATAL_HOME": str(tmp_path),
            "NATIONAL_NUMBER_HASH_KEY": "a-test-hash-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        }
    )
    # a previous run's file, which serve must remove (prometheus_client would add it up)
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "counter_999999.db").write_bytes(b"stale")
    subprocess.run(  # noqa: S603 - our own command
        [str(PERINATAL), "migrate", "--no-input", "--verbosity", "0"],
        env=env | {"DJANGO_SETTINGS_MODULE": "perinatal.conf.production"},
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    stdout = (tmp_path / "stdout.log").open("w+")
    stderr = (tmp_path / "stderr.log").open("w+")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [str(PERINATAL), "serve", "--prod", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        cwd=tmp_path,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
    )
    server = Server(f"http://127.0.0.1:{port}", tmp_path, process, stdout, stderr)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail("the server stopped:\n" + "\n".join(server.lines(stderr)))
            try:
                if fetch(f"{server.base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("no /healthz within 60 s:\n" + "\n".join(server.lines(stderr)))
            time.sleep(0.3)
        yield server
    finally:
        server.stop()
        stdout.close()
        stderr.close()


def test_serve_prod_answers_probes_and_static_files(production_server):
    base, home = production_server.base, production_server.home

    status, headers, body = fetch(f"{base}/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok"}
    assert headers["Cache-Control"] == "no-store"

    # alive, but not ready while no task worker runs
    status, headers, body = fetch(f"{base}/readyz")
    assert status == 503
    assert json.loads(body)["checks"] == {
        "worker": {"ok": False, "detail": "no task worker has been seen"}
    }

    status, headers, body = fetch(f"{base}/static/perinatal/site.css")
    assert status == 200
    assert b"--accent" in body
    assert headers["Content-Type"].startswith("text/css")
    assert (home / "staticfiles" / "staticfiles.json").exists()  # collectstatic ran

    status, headers, _ = fetch(f"{base}/nl/account/login/")
    assert status == 200
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Cache-Control"] == "no-store"
    request_id = headers["X-Request-ID"]

    time.sleep(0.5)
    access = [json.loads(line) for line in production_server.lines(production_server.stdout)]
    (entry,) = [entry for entry in access if entry["request_id"] == request_id]
    assert entry["logger"] == "gunicorn.access"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/nl/account/login/", 200)
    assert entry["message"] == "GET /nl/account/login/ 200"


def test_one_scrape_sees_every_worker(production_server):
    base = production_server.base
    for _ in range(12):
        assert fetch(f"{base}/healthz")[0] == 200

    def requests_counted() -> float:
        status, _, body = fetch(f"{base}/metrics")
        assert status == 200
        match = re.search(
            rb"^django_http_requests_before_middlewares_total (\S+)$", body, re.MULTILINE
        )
        assert match, body[:500]
        assert b"perinatal_task_queue_up 1.0" in body  # the task table could be counted
        return float(match.group(1))

    # both workers' requests, whichever worker answers the scrape: the 12 above and the
    # scrapes themselves, never fewer
    counts = [requests_counted() for _ in range(4)]
    assert counts[0] >= 13
    assert counts == sorted(counts)
    # each worker writes its own files, which a scrape adds up; the stale one is gone
    files = list((production_server.home / "metrics").glob("counter_*.db"))
    assert len({path.stem.split("_")[1] for path in files}) == 2
    assert not (production_server.home / "metrics" / "counter_999999.db").exists()


def test_every_line_is_json_and_a_bad_host_is_one_warning(production_server):
    base = production_server.base
    status, _, _ = fetch(f"{base}/nl/?q=Janssens", headers={"Host": "evil.example"})
    assert status == 400
    assert fetch(f"{base}/nl/account/login/")[0] == 200
    time.sleep(0.5)
    production_server.stop()  # its last lines too

    out = production_server.lines(production_server.stdout)
    err = production_server.lines(production_server.stderr)
    assert out and err
    records = []
    for line in out + err:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            pytest.fail(f"a line that is not JSON: {line!r}")
    assert all({"time", "level", "logger", "message"} <= record.keys() for record in records)
    assert any(record["logger"] == "gunicorn.error" for record in records)  # gunicorn's own

    (bad_host,) = [r for r in records if r["logger"] == "django.security.DisallowedHost"]
    assert bad_host["level"] == "WARNING"
    assert "evil.example" in bad_host["message"]
    assert "exc_info" not in bad_host
    text = "\n".join(out + err)
    assert "Traceback" not in text
    assert "Janssens" not in text  # no query string in any line
