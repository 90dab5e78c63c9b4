"""The house keeps its shape (docs/architecture.md):

- the apps are layered: an app imports only the apps below it, and the apps of one layer do
  not import each other (import-linter's contract in pyproject.toml: `core` and `audit`
  import no app, `monitoring` no feature app);
- no app imports another app's private module (a `_`-prefixed module) or its views.

Tests are left out: they may use any app's factories to make their data.
"""

import ast
from pathlib import Path

import pytest
from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

PACKAGE = Path(__file__).resolve().parents[2]  # src/perinatal
ROOT = PACKAGE.parents[1]  # where pyproject.toml is
APPS = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _modules() -> list[tuple[str, Path]]:
    """(app, file) of every non-test module of the apps."""
    found = []
    for app in APPS:
        for path in (PACKAGE / app).rglob("*.py"):
            if {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts):
                continue
            found.append((app, path))
    return found


def _imported(path: Path) -> list[tuple[int, list[str]]]:
    """(line, module parts) of each import of a `perinatal.` module; for `from M import n` the
    parts of `M.n` when `n` is a module (`from perinatal.x import views`), else of `M`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            names = [a.name for a in node.names if a.name == "views" or _private(a.name)]
            found.append((node.lineno, parts + names[:1]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")) for a in node.names]
    return [(line, parts) for line, parts in found if parts[0] == "perinatal"]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _breaches() -> list[str]:
    breaches = []
    for app, path in _modules():
        for line, parts in _imported(path):
            if len(parts) < 3 or parts[1] == app:
                continue
            inner = parts[2:]
            where = f"{path.relative_to(PACKAGE)}:{line} imports {'.'.join(parts)}"
            if "views" in inner:
                breaches.append(f"{where} (another app's views)")
            elif any(_private(p) for p in inner):
                breaches.append(f"{where} (another app's private module)")
    return breaches


def test_the_apps_are_the_ones_the_layers_name():
    assert {"core", "audit", "accounts", "directory", "monitoring", "pathways"} <= set(APPS)
    assert {"booklets", "kraamzorg", "api"} <= set(APPS)


def test_no_app_imports_another_apps_private_modules_or_views():
    assert _breaches() == []


def test_the_check_finds_a_private_or_views_import(tmp_path, monkeypatch):
    """The check above can fail: a module that breaks both rules is found twice."""
    fake = tmp_path / "perinatal"
    (fake / "booklets").mkdir(parents=True)
    (fake / "booklets" / "__init__.py").write_text("")
    (fake / "booklets" / "bad.py").write_text(
        "from perinatal.pathways.views.families import x\n"
        "from perinatal.pathways.services._log import log_access\n"
        "from perinatal.booklets._own import fine\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "PACKAGE", fake)
    monkeypatch.setattr(__import__(__name__, fromlist=["x"]), "APPS", ["booklets"])
    found = _breaches()
    assert [b.split(" (")[1] for b in found] == [
        "another app's views)",
        "another app's private module)",
    ]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_import_layers_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_logo=True, no_cache=True)
    assert status == EXIT_STATUS_SUCCESS  # the broken contracts are printed above
