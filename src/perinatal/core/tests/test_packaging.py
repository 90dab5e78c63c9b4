"""What `pip install .` installs: the package without its tests, with the templates,
translations, static files and data it needs; and the two lock files, production without the
test tools. The wheel is built for real (pip, from a copy of the sources) in a temporary
directory."""

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
TEST_TOOLS = {"pytest", "playwright", "hypothesis", "ruff", "mypy", "factory-boy", "uv"}


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503


def requirement_name(spec: str) -> str:
    return normalised(re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0])


def pinned(lock: Path) -> set[str]:
    return {
        normalised(match.group(1))
        for match in re.finditer(r"^([A-Za-z0-9_.-]+)==", lock.read_text(), re.MULTILINE)
    }


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> list[str]:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src",
        source / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.sqlite3*"),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(  # noqa: S603 - pip on our own sources
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(source), "-w", str(out)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    (wheel,) = out.glob("perinatal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_the_wheel_carries_no_tests(wheel_names):
    assert not [name for name in wheel_names if "/tests/" in name or name.endswith("conftest.py")]


def test_the_wheel_carries_what_the_application_needs(wheel_names):
    names = set(wheel_names)
    for needed in (
        "perinatal/templates/base.html",
        "perinatal/locale/nl/LC_MESSAGES/django.mo",
        "perinatal/locale/fr/LC_MESSAGES/django.po",
        "perinatal/static/perinatal/site.css",
        "perinatal/booklets/data/parameters.yaml",
        "perinatal/pathways/migrations/0001_initial.py",
        "perinatal/wsgi.py",
    ):
        assert needed in names, needed
    # Every non-Python file of the package outside the tests (the stopwords' README aside).
    missing = [
        str(path.relative_to(ROOT / "src"))
        for path in (ROOT / "src" / "perinatal").rglob("*")
        if path.is_file()
        and "tests" not in path.parts
        and "__pycache__" not in path.parts
        and path.name != "README.md"
        and str(path.relative_to(ROOT / "src")) not in names
    ]
    assert missing == []
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


def test_the_production_lock_holds_the_runtime_dependencies_and_no_test_tools():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    production = pinned(ROOT / "requirements" / "production.lock")
    development = pinned(ROOT / "requirements" / "dev.lock")
    runtime = {requirement_name(spec) for spec in project["dependencies"]}
    dev = {requirement_name(spec) for spec in project["optional-dependencies"]["dev"]}

    assert runtime <= production
    assert not production & TEST_TOOLS
    assert production <= development
    assert runtime | dev <= development


@pytest.mark.parametrize("lock", ["production.lock", "dev.lock"])
def test_every_pin_of_the_locks_carries_its_hashes(lock):
    text = (ROOT / "requirements" / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 2)[2])
    assert entries
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_perinatal_version_prints_the_package_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = subprocess.run(  # noqa: S603 - our own command
        [str(Path(sys.executable).with_name("perinatal")), "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert result.stdout == f"perinatal {version}\n"
