"""`/healthz` (alive: nothing asked) and `/readyz` (database, cache, migrations and the checks
that apps register), both answered before the Host header is read."""

import logging

import pytest

from django.db import connection

from perinatal.core.health import (
    CheckResult,
    migrations_applied,
    readiness_checks,
    run_readiness_checks,
)


def test_healthz_says_only_that_the_process_is_alive(client):
    # no django_db mark: a database query would fail the test
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


@pytest.fixture
def worker_alive(db):
    """A task worker that said it is alive just now (jobs/health.py asks for one)."""
    from perinatal.jobs.testing import mark_worker_alive

    mark_worker_alive()


@pytest.mark.django_db
def test_a_load_balancer_probing_by_address_is_answered(client, settings, worker_alive):
    """A probe sends the server's address as Host, which ALLOWED_HOSTS does not name."""
    settings.ALLOWED_HOSTS = ["perinatal.example"]
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = client.get(path, HTTP_HOST="10.1.2.3:8000")
        assert response.status_code == 200, path
        assert response.json()["status"] == "ok"
        assert response["Cache-Control"] == "no-store"
        assert "default-src 'self'" in response["Content-Security-Policy"]
    # every other page still checks the Host header
    assert client.get("/nl/", HTTP_HOST="10.1.2.3:8000", secure=True).status_code == 400


@pytest.mark.django_db
def test_readyz_lists_every_check_when_all_pass(client, worker_alive):
    migrations_applied.forget()
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "detail": connection.vendor}
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["migrations"] == {"ok": True, "detail": "all applied"}
    assert body["checks"]["worker"]["ok"] is True
    assert response["Cache-Control"] == "no-store"


@pytest.fixture
def extra_check():
    """Register a check for one test, as an app would from its ready()."""
    added = []

    def add(key, check):
        readiness_checks.register(key, check)
        added.append(key)

    yield add
    for key in added:
        readiness_checks._items.pop(key)


@pytest.mark.django_db
def test_a_failing_registered_check_makes_the_server_not_ready(
    client, extra_check, caplog, worker_alive
):
    extra_check("mailer", lambda: CheckResult("mailer", ok=False, detail="not seen for 95 s"))
    with caplog.at_level(logging.INFO):
        response = client.get("/readyz")
    # one WARNING saying what fails, not Django's ERROR line per probe
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "not ready: mailer (not seen for 95 s)")
    ]
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"mailer": {"ok": False, "detail": "not seen for 95 s"}},
    }


@pytest.mark.django_db
def test_a_check_that_raises_counts_as_failing_with_its_exception_class(extra_check):
    def broken() -> CheckResult:
        raise ConnectionRefusedError("secret-host:5432 password=hunter2")

    extra_check("broken", broken)
    result = [r for r in run_readiness_checks() if r.name == "broken"]
    assert result == [CheckResult("broken", ok=False, detail="ConnectionRefusedError")]


@pytest.mark.django_db
def test_unapplied_migrations_make_the_server_not_ready(client):
    """As after a release whose `migrate` has not run yet: one migration is not recorded."""
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="sessions").delete()
    migrations_applied.forget()
    response = client.get("/readyz")
    migrations_applied.forget()
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["migrations"]["ok"] is False
    assert checks["migrations"]["detail"].endswith("not applied")
    assert "database" not in checks  # only the failing ones


def test_the_migrations_plan_is_not_computed_for_every_probe(django_db_blocker):
    with django_db_blocker.unblock():
        migrations_applied.forget()
        first = migrations_applied()
    # a second probe within the interval reads no database at all (the blocker is back on)
    assert migrations_applied() is first


def test_a_key_is_registered_once():
    from perinatal.core.registry import AlreadyRegistered

    with pytest.raises(AlreadyRegistered):
        readiness_checks.register("database", lambda: CheckResult("database", ok=True))
