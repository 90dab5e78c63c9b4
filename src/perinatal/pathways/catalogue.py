"""Loading the screening catalogue from `data/screening_catalogue.yaml` (idempotent: a
version already stored is left as it is, so an administrator's edits in the admin stay).

A version must hold 13 indicators of which 8 are inclusion criteria (seed 002); a file that
breaks this is refused whole.
"""

from pathlib import Path
from typing import Any

import yaml

from django.db import transaction

CATALOGUE_FILE = Path(__file__).parent / "data" / "screening_catalogue.yaml"
INDICATORS = 13
INCLUSION_CRITERIA = 8


class CatalogueError(ValueError):
    pass


def read(path: Path = CATALOGUE_FILE) -> list[dict[str, Any]]:
    versions = yaml.safe_load(path.read_text(encoding="utf-8"))
    for version in versions:
        indicators = version.get("indicators", [])
        name = version.get("version", "?")
        if len(indicators) != INDICATORS:
            raise CatalogueError(f"{name}: {len(indicators)} indicators, {INDICATORS} expected")
        inclusion = sum(1 for i in indicators if i["inclusion"])
        if inclusion != INCLUSION_CRITERIA:
            raise CatalogueError(
                f"{name}: {inclusion} inclusion criteria, {INCLUSION_CRITERIA} expected"
            )
        codes = [i["code"] for i in indicators]
        if len(set(codes)) != len(codes):
            raise CatalogueError(f"{name}: an indicator code appears twice")
        if not version.get("sources"):
            raise CatalogueError(f"{name}: the sources are missing")
    return versions


@transaction.atomic
def load(catalogue_model=None, indicator_model=None, path: Path = CATALOGUE_FILE) -> int:
    """Store the versions not yet stored; returns how many were added. The models can be
    passed (a data migration passes its historical models)."""
    if catalogue_model is None:
        from .models import Indicator, IndicatorCatalogue

        catalogue_model, indicator_model = IndicatorCatalogue, Indicator
    added = 0
    for version in read(path):
        if catalogue_model.objects.filter(version=version["version"]).exists():
            continue
        catalogue = catalogue_model.objects.create(
            version=version["version"],
            valid_from=version["valid_from"],
            sources=version["sources"],
            notes=version.get("notes", ""),
        )
        indicator_model.objects.bulk_create(
            indicator_model(
                catalogue=catalogue,
                code=item["code"],
                position=position,
                label_nl=item["nl"],
                label_fr=item["fr"],
                label_en=item["en"],
                is_inclusion_criterion=item["inclusion"],
                source=item.get("source", ""),
            )
            for position, item in enumerate(version["indicators"], start=1)
        )
        added += 1
    return added
