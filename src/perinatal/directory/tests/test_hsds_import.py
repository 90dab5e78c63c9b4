"""`import-hsds` reads HSDS JSON and CSV; a broken file is refused whole and stores nothing."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.directory.hsds.importer import import_path
from perinatal.directory.hsds.reader import ImportRefused
from perinatal.directory.models import (
    Address,
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

from .hsds_factories import rich_directory
from .test_hsds_export import spec_dir

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English (the command speaks the active language)."""
    with translation.override("en"):
        yield


ORG_ID = "11111111-1111-4111-8111-111111111111"
SERVICE_ID = "22222222-2222-4222-8222-222222222222"


def _examples() -> list[Path]:
    examples = spec_dir() / "examples"
    return sorted(examples.glob("*.json")) + [examples / "csv"]


def _counts() -> dict[str, int]:
    models = (Organization, Service, Location, Address, Phone, ServiceAtLocation, TaxonomyTerm)
    counts = {m.__name__: m.objects.count() for m in models}
    counts["ChangeEvent"] = ChangeEvent.objects.count()
    return counts


def _write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _service(**extra) -> dict:
    return {
        "id": SERVICE_ID,
        "organization_id": ORG_ID,
        "name": "Borstvoedingsondersteuning",
        "status": "active",
        **extra,
    }


def _organization() -> dict:
    return {"id": ORG_ID, "name": "Vroedvrouwen Brussel", "description": "Een praktijk."}


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_every_official_example_imports_and_again_changes_nothing(path):
    first = import_path(path)
    assert not first.updated
    second = import_path(path)
    assert not second.created and not second.updated and not second.deleted


def test_official_csv_example_stores_the_service_with_its_parts():
    summary = import_path(spec_dir() / "examples" / "csv")
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.name_nl == "Community Counselling"
    assert service.minimum_age == 12
    assert service.last_verified.isoformat() == "2005-01-01"
    assert service.service_at_locations.get().location.addresses.get().city_nl == "MyCity"
    assert list(service.languages.values_list("code", flat=True)) == ["ur"]
    assert summary.ignored_fields["wait_time"] == 1  # tolerated, counted


def test_import_writes_a_change_log_row_per_entry_with_the_file_name(tmp_path):
    path = _write(tmp_path / "services.json", [_service(organization=_organization())])
    import_path(path)
    events = ChangeEvent.objects.filter(object_id=SERVICE_ID)
    assert [(e.action, e.actor_id, e.reason) for e in events] == [
        ("create", None, "import-hsds services.json")
    ]
    assert ChangeEvent.objects.filter(object_id=ORG_ID, action="create").exists()


def test_reimport_with_a_change_updates_in_place(tmp_path):
    import_path(_write(tmp_path / "services.json", [_service(organization=_organization())]))
    import_path(
        _write(
            tmp_path / "services.json",
            [_service(organization=_organization(), name="Borstvoeding")],
        )
    )
    assert Service.objects.get().name_nl == "Borstvoeding"
    update = ChangeEvent.objects.get(object_id=SERVICE_ID, action="update")
    assert update.changes == {"name_nl": ["Borstvoedingsondersteuning", "Borstvoeding"]}


def test_round_trip_export_import_export_gives_the_same_json(tmp_path):
    rich_directory()
    call_command("directory", "export-hsds", str(tmp_path / "first"))
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    import_path(tmp_path / "first")
    call_command("directory", "export-hsds", str(tmp_path / "second"))
    for name in ("organizations.json", "services.json", "service_at_locations.json"):
        first = json.loads((tmp_path / "first" / name).read_text())
        second = json.loads((tmp_path / "second" / name).read_text())
        assert first == second, name
    service = Service.objects.get(key="prenatale-consultatie")
    assert service.name_fr == "Consultation prénatale"
    assert service.programme_1000_days and service.referral_required
    assert service.prescription_required is False
    assert set(service.phases.values_list("code", flat=True)) == {"prenatal", "birth"}


def test_importing_our_own_export_twice_changes_nothing(tmp_path):
    rich_directory()
    call_command("directory", "export-hsds", str(tmp_path))
    summary = import_path(tmp_path)
    assert not summary.created and not summary.updated and not summary.deleted


def _with_org(**extra) -> list[dict]:
    """A good service, then the one under test (both with their organisation nested)."""
    good = _service(id="55555555-5555-4555-8555-555555555555", organization=_organization())
    return [good, _service(organization=_organization(), **extra)]


BROKEN = {
    "missing required field": (
        _with_org(name=""),
        ["record 2", SERVICE_ID, "“name”", "required"],
    ),
    "bad uuid": (_with_org(id="not-a-uuid"), ["record 2", "“id”", "not-a-uuid"]),
    "bad number": (_with_org(minimum_age="twelve"), ["record 2", "“minimum_age”", "twelve"]),
    "unknown reference": (
        [_service(organization_id="33333333-3333-4333-8333-333333333333")],
        ["record 1", "“organization_id”", "33333333-3333-4333-8333-333333333333"],
    ),
    "bad nested record": (
        _with_org(phones=[{"id": "44444444-4444-4444-8444-444444444444"}]),
        ["record 2 › phones[0]", "“number”", "required"],
    ),
    "bad status": (_with_org(status="open"), ["record 2", "“status”"]),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_file_is_refused_whole_naming_file_record_and_field(tmp_path, case):
    data, expected = BROKEN[case]
    path = _write(tmp_path / "services.json", data)
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    message = "\n".join(refused.value.errors)
    for part in ["services.json", *expected]:
        assert part in message
    assert _counts() == before


def test_bad_json_is_refused_with_line_and_column(tmp_path):
    path = _write(tmp_path / "broken.json", '[\n  {"id": "x",\n   "name": }\n]')
    with pytest.raises(ImportRefused) as refused:
        import_path(path)
    assert refused.value.errors == [
        "broken.json: not valid JSON at line 3, column 12: Expecting value"
    ]


def test_one_broken_csv_line_stores_nothing_and_names_the_line(tmp_path):
    shutil.copytree(spec_dir() / "examples" / "csv", tmp_path / "csv")
    services = tmp_path / "csv" / "services.csv"
    lines = services.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1].replace("ac148810-d857-441c-9679-408f346de14b", "bad-id"))
    services.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = _counts()
    with pytest.raises(ImportRefused) as refused:
        import_path(tmp_path / "csv")
    assert "services.csv, line 3" in refused.value.errors[0]
    assert "“id”" in refused.value.errors[0]
    assert _counts() == before


def test_command_reports_the_refusal_and_stores_nothing(tmp_path):
    path = _write(tmp_path / "services.json", [_service()])
    before = _counts()
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("directory", "import-hsds", str(path))
    assert _counts() == before


def test_command_prints_a_summary_with_ignored_fields():
    out = StringIO()
    example = spec_dir() / "examples" / "service_full.json"
    call_command("directory", "import-hsds", str(example), stdout=out)
    text = out.getvalue()
    assert "Created:" in text and "service 1" in text
    assert "Ignored fields" in text and "wait_time" in text
