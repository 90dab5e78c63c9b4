"""The whole directory written out as HSDS 3.0 JSON, built by `export.py`'s `*_to_hsds`.

- The querysets that load everything the builders touch (the API lists use them too).
- `export_directory` writes the directory to a folder, one file of `FILES` per kind.
- `service_hsds_json` is a service as the API's search answer shows it, as JSON text (stored
  in the search index).
"""

import json
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet

from ..models import (
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from . import vocabulary as v
from .export import organization_to_hsds, service_to_hsds, term_to_hsds, virtual_terms

FILES = ("organizations.json", "services.json", "service_at_locations.json", "taxonomy_terms.json")


# Querysets with everything the builders touch ------------------------------------------

_LOCATION_PARTS = ("addresses", "phones", "schedules")


def services_for_export() -> QuerySet[Service]:
    at_locations = Prefetch(
        "service_at_locations",
        queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
            *(f"location__{part}" for part in _LOCATION_PARTS)
        ),
    )
    return Service.objects.prefetch_related(
        "phases",
        "needs",
        "languages",
        "cost_options",
        "phones",
        "contacts__phones",
        "schedules",
        "areas",
        at_locations,
    ).order_by("id")


def organizations_for_export() -> QuerySet[Organization]:
    locations = Prefetch("locations", queryset=Location.objects.prefetch_related(*_LOCATION_PARTS))
    return Organization.objects.prefetch_related("phones", "contacts__phones", locations).order_by(
        "id"
    )


def export_directory(directory: Path, *, lang: str | None = None) -> dict[str, int]:
    """Write the directory as HSDS JSON files into `directory`; return counts per file."""
    lang = lang or v.default_language()
    directory.mkdir(parents=True, exist_ok=True)
    services = [service_to_hsds(s, lang=lang) for s in services_for_export()]
    organizations = [organization_to_hsds(o, lang=lang) for o in organizations_for_export()]
    sals = [sal for service in services for sal in service.get("service_at_locations", [])]
    terms = [
        term_to_hsds(t, lang=lang) for t in TaxonomyTerm.objects.order_by("taxonomy", "id")
    ] + virtual_terms(lang=lang)
    data = {
        "organizations.json": organizations,
        "services.json": services,
        "service_at_locations.json": sorted(sals, key=lambda s: s["id"]),
        "taxonomy_terms.json": terms,
    }
    for name, items in data.items():
        (directory / name).write_text(
            json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return {name: len(items) for name, items in data.items()}


def without_none(value: Any) -> Any:
    """The object without its None values (what `exclude_none` does for a response model)."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def service_hsds_json(service: Service, lang: str) -> str:
    """The service as the API's search answer shows it, as JSON text (stored in the index)."""
    return json.dumps(
        without_none(service_to_hsds(service, lang=lang, translations=False)),
        ensure_ascii=False,
        separators=(",", ":"),
    )
