"""With the database really down: the production server (`perinatal serve --prod`, gunicorn)
started against a PostgreSQL address where nothing listens. A page that needs the database
answers the 503 page in the visitor's language, the API a 503 problem; neither shows what
failed."""

import json
import os
import subprocess
import time

import pytest

from perinatal.core.processes import stop_process_groups

from .test_serve import PERINATAL, fetch, free_port

CLOSED_DATABASE = "postgres://postgres@127.0.0.1:1/none"


@pytest.fixture(scope="module")
def server_without_database(tmp_path_factory):
    home = tmp_path_factory.mktemp("database-down")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PERINATAL_HOME", "REDIS_URL"}
    }
    env.update(
        {
            "DATABASE_URL": CLOSED_DATABASE,
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PERINATAL_HOME": str(home),
            "NATIONAL_NUMBER_HASH_KEY": "a-test-hash-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
        }
    )
    log = (home / "server.log").open("w+")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [str(PERINATAL), "serve", "--prod", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=home,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # up when it answers at all (its health check says the database is down)
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"the server stopped:\n{log.read()}")
            try:
                fetch(f"{base}/healthz")
                break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"no answer within 60 s:\n{log.read()}")
            time.sleep(0.3)
        yield base, log
    finally:
        stop_process_groups([process], timeout=20)
        log.close()


def get(url: str, **headers: str) -> tuple[int, dict, bytes]:
    import urllib.request

    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - local server
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_a_page_that_needs_the_database_answers_503_in_french(server_without_database):
    # The home page without a search needs no database (it answers 200 even now); a search does.
    base, log = server_without_database
    status, headers, body = get(f"{base}/fr/?q=rouw")
    page = body.decode()
    assert status == 503, page[:500]
    assert headers["Retry-After"] == "30"
    assert headers["Content-Language"] == "fr"
    assert "Le site est momentanément indisponible" in page
    request_id = headers["X-Request-ID"]
    assert len(request_id) == 32 and f"<code>{request_id}</code>" in page
    assert "/static/perinatal/site." in page  # the collected, hashed stylesheet
    assert "port 1" not in page and "OperationalError" not in page


def test_the_api_answers_a_503_problem(server_without_database):
    base, log = server_without_database
    status, headers, body = get(f"{base}/api/v1/services?q=rouw", **{"Accept-Language": "fr"})
    assert status == 503
    assert headers["Content-Type"] == "application/problem+json"
    assert headers["Retry-After"] == "30"
    problem = json.loads(body)
    assert problem["type"] == "/api/v1/problems/unavailable"
    assert problem["status"] == 503
    assert problem["code"] == "unavailable"
    assert problem["title"] == "Service indisponible"
    assert problem["instance"] == "/api/v1/services"
    assert problem["request_id"] == headers["X-Request-ID"]
    assert "port 1" not in body.decode() and "OperationalError" not in body.decode()


def test_the_failure_is_logged_with_the_request_id(server_without_database):
    base, log = server_without_database
    status, headers, _ = get(f"{base}/nl/?q=kraamzorg")
    assert status == 503
    time.sleep(0.5)
    log.seek(0)
    records = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    mine = [r for r in records if r.get("request_id") == headers["X-Request-ID"]]
    errors = [r for r in mine if r["level"] == "ERROR" and r["logger"] == "django.request"]
    assert len(errors) == 1, mine
    assert "OperationalError" in errors[0]["exc_info"]  # the cause is in the log, not the answer


def test_an_api_failure_is_logged_once(server_without_database):
    base, log = server_without_database
    status, headers, _ = get(f"{base}/api/v1/services?q=rouw")
    assert status == 503
    time.sleep(0.5)
    log.seek(0)
    records = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    mine = [r for r in records if r.get("request_id") == headers["X-Request-ID"]]
    errors = [r for r in mine if r["level"] == "ERROR" and r["logger"] == "django.request"]
    assert len(errors) == 1, mine
