"""What the production server makes sure of before it serves: every migration applied, and
the static files collected in STATIC_ROOT.

- `unapplied_migrations()` lists the migrations of this code that the database lacks;
  `refuse_unapplied_migrations()` raises `UnappliedMigrations` naming how many and what to
  run. `perinatal serve --prod` calls it before it starts gunicorn, and `perinatal/wsgi.py`
  under the production settings (`REFUSE_UNAPPLIED_MIGRATIONS`), so a gunicorn started
  directly fails at boot instead of serving pages that break on a missing column.
- `static_files_current()` says whether STATIC_ROOT already holds every static file of this
  code, unchanged, with its manifest (`staticfiles.json`): then `serve --prod` collects
  nothing and writes nothing (a read-only file system works once `make build` ran).
"""

import filecmp
import json
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger("perinatal.startup")


class UnappliedMigrations(ImproperlyConfigured):
    """The database lacks migrations of this code."""


def unapplied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """`app_label.migration_name` of every migration of this code not applied to `using`."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan]


def refuse_unapplied_migrations(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise `UnappliedMigrations` when migrations are missing; closes the connection it used
    (a gunicorn worker opens its own for the first request).

    A database that does not answer does not stop the start: the server then answers its
    friendly 503 and `/readyz` says not ready until the database is back, instead of a server
    that crash-loops through an outage (and the migrations are checked by `/readyz` too)."""
    try:
        missing = unapplied_migrations(using)
    except DatabaseError as exc:
        logger.warning(
            "the database does not answer (%s): starting anyway; /readyz says not ready",
            type(exc).__name__,
        )
        return
    finally:
        connections[using].close()
    if missing:
        shown = ", ".join(missing[:5]) + (", …" if len(missing) > 5 else "")
        raise UnappliedMigrations(
            f"{len(missing)} unapplied migration(s) ({shown}): run `perinatal migrate` "
            "with the production settings first. The application was not started."
        )


def _manifest_paths(root: Path) -> dict[str, str] | None:
    storage = staticfiles_storage
    if not isinstance(storage, ManifestFilesMixin):
        return None
    try:
        manifest = json.loads((root / storage.manifest_name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    paths = manifest.get("paths") if isinstance(manifest, dict) else None
    return paths if isinstance(paths, dict) else None


def static_files_current() -> bool:
    """Whether STATIC_ROOT holds every file the finders find, byte for byte, with its hashed
    copy named in the manifest. False when STATIC_ROOT or the manifest is missing."""
    if not settings.STATIC_ROOT:
        return False
    root = Path(settings.STATIC_ROOT)
    paths = _manifest_paths(root)
    if paths is None:
        return False
    ignore = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            prefix = getattr(storage, "prefix", None)
            name = f"{prefix}/{path}" if prefix else path
            name = name.replace("\\", "/")
            hashed = paths.get(name)
            collected = root / name
            if hashed is None or not (root / hashed).is_file() or not collected.is_file():
                return False
            if not filecmp.cmp(storage.path(path), collected, shallow=False):
                return False
    return True


class StaticFilesNotCollected(ImproperlyConfigured):
    """The static files are missing or out of date and STATIC_ROOT cannot be written."""


def collect_static_files_if_needed() -> bool:
    """Run `collectstatic` unless `static_files_current()`; True when it ran. On a read-only
    STATIC_ROOT that is not current, `StaticFilesNotCollected` says to collect at build time."""
    if static_files_current():
        return False
    from django.core.management import call_command

    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except OSError as exc:
        raise StaticFilesNotCollected(
            f"The static files in STATIC_ROOT ({settings.STATIC_ROOT}) are missing or out of "
            f"date, and it cannot be written ({exc.strerror}): run `perinatal collectstatic "
            "--no-input` (`make build`) when the image is built."
        ) from exc
    return True
