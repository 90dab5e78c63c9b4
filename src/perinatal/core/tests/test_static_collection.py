"""`perinatal serve --prod` collects the static files only when STATIC_ROOT does not already
hold them current (core/startup.py): after `make build` it writes nothing at start, so a
read-only file system works; a changed or missing file makes it collect again."""

from pathlib import Path

import pytest

from perinatal.core.startup import collect_static_files_if_needed, static_files_current

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def snapshot(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def static_settings(settings, tmp_path):
    """The production storage, STATIC_ROOT in a temporary directory, and one more source
    directory whose file a test can change."""
    extra = tmp_path / "extra"
    (extra / "build-check").mkdir(parents=True)
    (extra / "build-check" / "marker.css").write_text("body { color: black; }\n")
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, extra]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE},
    }
    return settings.STATIC_ROOT, extra / "build-check" / "marker.css"


def test_static_files_are_collected_once_then_left_alone(static_settings):
    root, _ = static_settings
    assert not static_files_current()

    assert collect_static_files_if_needed() is True
    assert (root / "staticfiles.json").is_file()
    assert (root / "perinatal" / "site.css").is_file()
    assert static_files_current()

    before = snapshot(root)
    assert collect_static_files_if_needed() is False  # nothing to do: nothing written
    assert snapshot(root) == before


def test_a_changed_source_file_makes_them_out_of_date(static_settings):
    root, marker = static_settings
    collect_static_files_if_needed()
    marker.write_text("body { color: navy; }\n")
    assert not static_files_current()
    assert collect_static_files_if_needed() is True
    assert (root / "build-check" / "marker.css").read_text() == "body { color: navy; }\n"
    assert static_files_current()


def test_a_missing_hashed_copy_or_manifest_makes_them_out_of_date(static_settings):
    root, _ = static_settings
    collect_static_files_if_needed()
    hashed = next((root / "perinatal").glob("site.*.css"))
    hashed.unlink()
    assert not static_files_current()
    collect_static_files_if_needed()
    assert static_files_current()
    (root / "staticfiles.json").unlink()
    assert not static_files_current()


def test_without_a_manifest_storage_nothing_counts_as_current(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert not static_files_current()
