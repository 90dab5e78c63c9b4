"""The production server refuses to serve while migrations are unapplied: `perinatal serve
--prod` before it starts gunicorn, and the WSGI application itself under the production
settings (a gunicorn started directly fails at boot). Real subprocesses against a fresh SQLite
file that no migration has touched."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from perinatal.core.startup import unapplied_migrations

PERINATAL = Path(sys.executable).with_name("perinatal")


def production_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "PERINATAL_HOME", "STATIC_ROOT"}
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{home / 'fresh.sqlite3'}",
            "SECRET_KEY": "a-test-secret-key-that-is-long-enough-0123456789",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PERINATAL_HOME": str(home),
            "NATIONAL_NUMBER_HASH_KEY": "a-test-hash-key-that-is-long-enough-0123456789",
            "NATIONAL_NUMBER_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWZlcm5ldC1rZXktMDEyMzQ1Njc4OWE=",
        }
    )
    return env


def test_serve_prod_refuses_to_start_with_unapplied_migrations(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own command
        [str(PERINATAL), "serve", "--prod", "--bind", "127.0.0.1:1", "--workers", "1"],
        env=production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "unapplied migration(s) (contenttypes.0001_initial" in result.stderr
    assert "run `perinatal migrate`" in result.stderr
    assert "gunicorn" not in result.stderr.lower()
    # Refused before anything was collected or served.
    assert not (tmp_path / "staticfiles").exists()


def test_gunicorn_started_directly_fails_at_boot_with_unapplied_migrations(tmp_path):
    env = production_env(tmp_path) | {"DJANGO_SETTINGS_MODULE": "perinatal.conf.production"}
    result = subprocess.run(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "gunicorn",
            "perinatal.wsgi:application",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "1",
            "--no-control-socket",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "UnappliedMigrations" in output
    assert "run `perinatal migrate`" in output
    assert "Worker failed to boot" in output


def test_under_other_settings_the_wsgi_module_loads_without_migrations(tmp_path):
    # The guard belongs to the production settings: under the development settings the module
    # loads whatever the state of the database (`perinatal runserver` shows Django's warning).
    env = production_env(tmp_path) | {"DJANGO_SETTINGS_MODULE": "perinatal.conf.dev"}
    result = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-c", "import perinatal.wsgi"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    assert unapplied_migrations() == []
