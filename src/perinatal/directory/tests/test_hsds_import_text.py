"""`import-hsds` with control characters and other encodings (issue 17): a NUL or another
control character is refused naming the file, the line or record and the field; UTF-16 with a
byte order mark is read, without one refused; the command says so without a traceback and
nothing is stored."""

import codecs
import json
import os
import shutil
import subprocess
import sys

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from perinatal.directory.hsds.importer import import_path
from perinatal.directory.hsds.reader import ImportRefused
from perinatal.directory.models import Organization, Service

from .test_hsds_export import spec_dir
from .test_hsds_import import _counts, _organization, _service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_json_is_refused_naming_file_record_and_field(tmp_path, char):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([_organization(), _service(name=f"Borst{char}voeding")]))
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    [error] = refused.value.errors
    assert error.startswith("services.json, record 2: name holds a control character")
    assert f"U+{ord(char):04X}" in error
    assert _counts() == before


def test_a_control_character_in_a_nested_record_is_named(tmp_path):
    path = tmp_path / "services.json"
    phones = [{"id": "44444444-4444-4444-8444-444444444444", "number": "02\x00123"}]
    path.write_text(json.dumps([_organization(), _service(phones=phones)]))
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    assert refused.value.errors[0].startswith("services.json, record 2 › phones[0]: number")


def test_a_nul_in_a_csv_is_refused_naming_file_line_and_column(tmp_path):
    shutil.copytree(spec_dir() / "examples" / "csv", tmp_path / "csv")
    services = tmp_path / "csv" / "services.csv"
    lines = services.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("name")] = "Bad\x00name"
    lines[1] = ",".join(cells)
    services.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        import_path(tmp_path / "csv")
    assert refused.value.errors[0].startswith("services.csv, line 2: name holds")
    assert _counts() == before


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    path = tmp_path / "services.json"
    text = json.dumps(
        [_service(name="Crèche Ève", organization=_organization())], ensure_ascii=False
    )
    path.write_bytes(bom + text.encode(codec))
    import_path(path)
    assert Service.objects.get().name == "Crèche Ève"
    assert Organization.objects.count() == 1


def test_utf16_without_a_byte_order_mark_is_refused_clearly(tmp_path):
    path = tmp_path / "services.json"
    path.write_bytes(json.dumps([_organization()]).encode("utf-16-le"))
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    assert refused.value.errors == [
        "services.json: UTF-16 without a byte order mark: save it as UTF-8."
    ]


def test_the_command_says_why_and_stores_nothing(tmp_path):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([_organization(), _service(name="a\x00b")]))
    with pytest.raises(CommandError, match=r"services.json, record 2: name"):
        call_command("directory", "import-hsds", str(path))


def test_an_unreadable_path_is_said_not_a_traceback(tmp_path):
    folder = tmp_path / "services.json"
    folder.mkdir()
    (folder / "x.json").mkdir()  # a folder named like a file
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("directory", "import-hsds", str(folder))


def test_the_real_command_prints_no_traceback(tmp_path):
    """As run from a shell: one clear message, exit code 1, no Python traceback."""
    path = tmp_path / "services.json"
    path.write_bytes(json.dumps([_organization(), _service(name="a\x00b")]).encode() + b"\n")
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "perinatal.conf.test"}
    done = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "perinatal", "directory", "import-hsds", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "services.json, record 2: name" in done.stderr and "(U+0000)" in done.stderr
