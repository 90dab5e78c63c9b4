"""`export-hsds` writes HSDS 3.0 JSON that the official schemas accept and keeps our facts."""

import json
import os
from pathlib import Path

import jsonschema
import pytest

from django.core.management import call_command

from perinatal.directory.hsds import vocabulary as v

from .hsds_factories import rich_directory

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[4]


def spec_dir() -> Path:
    """The official HSDS 3.0 spec (`../shared/hsds-3.0`, or HSDS_SPEC_DIR); missing fails."""
    path = Path(os.environ.get("HSDS_SPEC_DIR") or REPO_ROOT.parent / "shared" / "hsds-3.0")
    if not (path / "schema" / "compiled" / "service.json").is_file():
        pytest.fail(f"The HSDS 3.0 specification is missing at {path} (set HSDS_SPEC_DIR).")
    return path


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((spec_dir() / "schema" / "compiled" / name).read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def term_validator() -> jsonschema.protocols.Validator:
    service = json.loads((spec_dir() / "schema" / "compiled" / "service.json").read_text())
    schema = service["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid(check: jsonschema.protocols.Validator, items: list[dict]) -> None:
    assert items
    for item in items:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(item)]
        assert not errors, (item.get("id"), errors)


@pytest.fixture
def exported(tmp_path: Path) -> dict[str, list[dict]]:
    rich_directory()
    call_command("directory", "export-hsds", str(tmp_path))
    return {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}


def test_export_writes_the_four_files(exported):
    assert set(exported) == {
        "organizations.json",
        "services.json",
        "service_at_locations.json",
        "taxonomy_terms.json",
    }
    assert len(exported["services.json"]) == 3
    assert len(exported["organizations.json"]) == 2
    assert len(exported["service_at_locations.json"]) == 3


def test_export_validates_against_the_official_compiled_schemas(exported):
    assert_valid(validator("organization.json"), exported["organizations.json"])
    assert_valid(validator("service.json"), exported["services.json"])
    assert_valid(validator("service_at_location.json"), exported["service_at_locations.json"])
    assert_valid(term_validator(), exported["taxonomy_terms.json"])


def _service(exported, name: str) -> dict:
    return next(s for s in exported["services.json"] if s["name"] == name)


def _attributes(service: dict, taxonomy: str) -> list[dict]:
    return [a for a in service["attributes"] if a["taxonomy_term"]["taxonomy"] == taxonomy]


def test_export_keeps_phases_needs_cost_programme_requirements_and_verification(exported):
    service = _service(exported, "Prenatale consultatie")
    assert {a["taxonomy_term"]["code"] for a in _attributes(service, v.PHASE)} == {
        "prenatal",
        "birth",
    }
    assert {a["taxonomy_term"]["code"] for a in _attributes(service, v.NEED)} == {
        "medical_follow_up",
        "no_insurance",
    }
    assert [a["taxonomy_term"]["code"] for a in _attributes(service, v.COST)] == ["free"]
    flags = {a["taxonomy_term"]["code"]: a["value"] for a in _attributes(service, v.FLAG)}
    assert flags == {
        "programme-1000-days": "true",
        "prescription-required": "false",
        "referral-required": "true",
    }
    assert service["assured_date"] == "2025-03-01"
    assert {lang["code"] for lang in service["languages"]} == {"nl", "fr", "ar"}
    assert service["cost_options"][0]["amount"] == 4.5
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["city"]) == ("1190", "Vorst")


def test_export_text_is_dutch_with_french_and_english_as_translation_attributes(exported):
    service = _service(exported, "Prenatale consultatie")
    translations = {
        (a["taxonomy_term"]["code"], a["link_type"]): a["value"]
        for a in _attributes(service, v.TRANSLATION)
    }
    assert translations[("fr", "name")] == "Consultation prénatale"
    assert translations[("en", "name")] == "Prenatal consultation"
    assert translations[("fr", "eligibility_description")] == "Pour toutes les femmes enceintes."
    city = service["service_at_locations"][0]["location"]["addresses"][0]["attributes"]
    assert [(a["taxonomy_term"]["code"], a["value"]) for a in city] == [("fr", "Forest")]


def test_two_exports_of_the_same_data_are_identical(tmp_path):
    rich_directory()
    call_command("directory", "export-hsds", str(tmp_path / "a"))
    call_command("directory", "export-hsds", str(tmp_path / "b"))
    for name in ("organizations.json", "services.json", "taxonomy_terms.json"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
