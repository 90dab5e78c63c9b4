"""The monitoring sits below the feature apps: none of its modules (tests apart, which may use
other apps' factories to make data) imports the booklets, kraamzorg or pathways apps; those
apps register their figures with it instead (monitoring/figures/sources.py)."""

import ast
from pathlib import Path

import perinatal.monitoring

FEATURE_APPS = ("perinatal.booklets", "perinatal.kraamzorg", "perinatal.pathways")
ROOT = Path(perinatal.monitoring.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _feature_imports() -> set[tuple[str, str]]:
    found = set()
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] == "tests":
            continue
        for name in _imports(path):
            if name.startswith(FEATURE_APPS):
                found.add((str(relative), name))
    return found


def test_monitoring_imports_no_feature_app():
    assert _feature_imports() == set()


def test_the_check_sees_an_import_of_a_feature_app(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from perinatal.booklets.models import Booklet\nimport perinatal.kraamzorg\n")
    assert {"perinatal.booklets.models", "perinatal.kraamzorg"} <= _imports(module)
