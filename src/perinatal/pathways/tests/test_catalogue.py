"""The screening catalogue: 13 indicators of which 8 are inclusion criteria, dated versions,
the version in force on a screening's date (catalogue.py, services/screening.py;
docs/decisions/0008-screening-catalogue.md)."""

from datetime import date

import pytest
import time_machine
import yaml

from perinatal.pathways import access, catalogue
from perinatal.pathways.models import Indicator, IndicatorCatalogue
from perinatal.pathways.services.screening import catalogue_on, screening_record

from .factories import participate, register

SOURCE_INCLUSION = {
    "communication",
    "residence_status",
    "finances",
    "housing",
    "social_support",
    "depression",
    "substance_use",
    "domestic_violence",
}


def _version(name: str = "TEST-1", valid_from: date = date(2026, 1, 1), **changes) -> dict:
    indicators = [
        {"code": f"i{n}", "inclusion": n < 8, "nl": f"nl {n}", "fr": f"fr {n}", "en": f"en {n}"}
        for n in range(13)
    ]
    version = {
        "version": name,
        "valid_from": valid_from,
        "sources": "test source",
        "indicators": indicators,
    }
    version.update(changes)
    return version


def _write(tmp_path, versions) -> object:
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(versions), encoding="utf-8")
    return path


def test_the_shipped_catalogue_has_13_indicators_and_8_inclusion_criteria():
    [version] = catalogue.read()
    assert len(version["indicators"]) == catalogue.INDICATORS == 13
    inclusion = {i["code"] for i in version["indicators"] if i["inclusion"]}
    assert inclusion == SOURCE_INCLUSION
    assert version["sources"].strip()
    assert all(i["nl"] and i["fr"] and i["en"] for i in version["indicators"])


@pytest.mark.django_db
def test_the_migration_stored_the_first_version():
    stored = IndicatorCatalogue.objects.get(version="BIB-2024.09")
    assert stored.valid_from == date(2024, 9, 1)
    assert stored.indicators.count() == 13
    assert stored.indicators.filter(is_inclusion_criterion=True).count() == 8
    assert list(stored.indicators.values_list("position", flat=True)) == list(range(1, 14))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda v: v["indicators"].pop(), "12 indicators"),
        (lambda v: v["indicators"][0].update(inclusion=False), "7 inclusion criteria"),
        (lambda v: v["indicators"][12].update(inclusion=True), "9 inclusion criteria"),
        (lambda v: v["indicators"][12].update(code="i0"), "appears twice"),
        (lambda v: v.update(sources=""), "sources are missing"),
    ],
)
def test_a_broken_version_is_refused_whole(tmp_path, change, message):
    broken = _version()
    change(broken)
    with pytest.raises(catalogue.CatalogueError, match=message):
        catalogue.read(_write(tmp_path, [_version("OK", date(2025, 1, 1)), broken]))


@pytest.mark.django_db
def test_load_adds_only_new_versions_and_keeps_edits(tmp_path):
    path = _write(tmp_path, [_version()])
    assert catalogue.load(path=path) == 1
    Indicator.objects.filter(catalogue__version="TEST-1", code="i0").update(label_en="edited")
    assert catalogue.load(path=path) == 0
    assert Indicator.objects.get(catalogue__version="TEST-1", code="i0").label_en == "edited"


@pytest.mark.django_db
def test_a_broken_file_stores_nothing(tmp_path):
    broken = _version("BROKEN")
    broken["indicators"].pop()
    with pytest.raises(catalogue.CatalogueError):
        catalogue.load(path=_write(tmp_path, [_version("GOOD"), broken]))
    assert not IndicatorCatalogue.objects.filter(version__in=["GOOD", "BROKEN"]).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "version"),
    [
        (date(2024, 8, 31), None),
        (date(2024, 9, 1), "BIB-2024.09"),
        (date(2025, 12, 31), "BIB-2024.09"),
        (date(2026, 1, 1), "TEST-1"),
        (date(2027, 1, 1), "TEST-1"),
    ],
)
def test_the_version_in_force_is_the_latest_on_or_before_the_day(tmp_path, day, version):
    catalogue.load(path=_write(tmp_path, [_version()]))
    found = catalogue_on(day)
    assert (found.version if found else None) == version


@pytest.mark.django_db
def test_a_screening_uses_the_version_in_force_on_its_date(tmp_path, midwife):
    catalogue.load(path=_write(tmp_path, [_version()]))
    participate(midwife)
    with time_machine.travel(date(2026, 1, 2), tick=False):
        pregnancy = register(midwife, registered_on=date(2025, 12, 20))
        grant = access.grant_for(midwife, pregnancy)
        before = screening_record(
            by=midwife, pregnancy=pregnancy, grant=grant, date=date(2025, 12, 31), positive=set()
        )
        after = screening_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=grant,
            date=date(2026, 1, 1),
            positive={"i0", "i9"},
            new_assessment_reason="new catalogue, new situation",
        )
    assert before.catalogue.version == "BIB-2024.09"
    assert after.catalogue.version == "TEST-1"
    assert (after.positive_inclusion_criteria, after.scenario) == (1, "A")  # i9 is no criterion
    assert after.answers.count() == 13


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("positive", "criteria", "scenario"),
    [
        (set(), 0, "none"),
        ({"anxiety", "education", "occupation"}, 0, "none"),  # no inclusion criteria
        ({"housing"}, 1, "A"),
        ({"housing", "anxiety"}, 1, "A"),
        ({"housing", "depression"}, 2, "B"),
        (SOURCE_INCLUSION, 8, "B"),
    ],
)
def test_the_scenario_counts_only_inclusion_criteria(midwife, positive, criteria, scenario):
    participate(midwife)
    with time_machine.travel(date(2025, 3, 1), tick=False):
        pregnancy = register(midwife, registered_on=date(2025, 3, 1))
        result = screening_record(
            by=midwife,
            pregnancy=pregnancy,
            grant=access.grant_for(midwife, pregnancy),
            date=date(2025, 3, 1),
            positive=positive,
        )
    assert (result.positive_inclusion_criteria, result.scenario) == (criteria, scenario)
    assert result.answers.filter(positive=True).count() == len(positive)
