"""The project's papers at the repository's root: LICENSE (the EUPL-1.2 text that
pyproject.toml names), SECURITY.md, CHANGELOG.md and publiccode.yml (the publiccode.yml
standard, version 0.4), and that they agree with the package's version."""

import re
import tomllib
from datetime import date
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[4]
LANGUAGES = ["nl", "fr", "en"]


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_the_licence_is_the_eupl_1_2_text_that_pyproject_names():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    for article in ("1.Definitions", "5.Obligations of the Licensee", "15.Applicable Law"):
        assert article in text
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in text
    assert "European Union Public Licence (EUPL) v. 1.1, v. 1.2" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]


def test_publiccode_has_the_keys_the_standard_requires(publiccode):
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    for key in ("name", "url", "releaseDate", "platforms", "categories", "legal"):
        assert publiccode[key], key
    assert publiccode["url"].startswith("https://")
    date.fromisoformat(publiccode["releaseDate"])
    assert publiccode["platforms"] == ["web"]
    assert publiccode["developmentStatus"] == "beta"
    assert publiccode["softwareType"] == "standalone/web"
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    assert publiccode["legal"]["mainCopyrightOwner"]
    assert publiccode["maintenance"]["type"] == "internal"
    assert all(contact["name"] for contact in publiccode["maintenance"]["contacts"])
    assert publiccode["localisation"] == {
        "localisationReady": True,
        "availableLanguages": LANGUAGES,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_publiccode_describes_the_software_in_each_language(publiccode, language):
    description = publiccode["description"][language]
    assert 0 < len(description["shortDescription"]) <= 150
    assert "\n" not in description["shortDescription"]
    assert 150 <= len(description["longDescription"]) <= 10_000
    assert len(description["features"]) >= 5


def test_publiccode_and_the_changelog_name_the_package_version(publiccode):
    installed = version("perinatal")
    assert publiccode["softwareVersion"] == installed
    assert installed == tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    released = re.search(rf"^## \[{re.escape(installed)}\] - (\S+)$", changelog, re.MULTILINE)
    assert released, f"CHANGELOG.md has no section for {installed}"
    assert released.group(1) == publiccode["releaseDate"]


def test_security_md_says_how_to_report_privately():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "security@perinatal.example" in text
    assert "Do not open a public issue" in text
    assert "## Supported versions" in text
