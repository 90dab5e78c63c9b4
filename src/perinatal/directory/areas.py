"""Areas served: which NIS codes a service may name, what they are called, and writing them.

An area is a region (the Brussels-Capital Region, Flanders, Wallonia), a province, or a
municipality of today's list (`core.municipalities`). `areas_describe` says them in words for a
reader ("Whole Brussels-Capital Region", "Molenbeek-Saint-Jean and Koekelberg").
"""

from collections.abc import Iterable

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from perinatal.core.geography import REGIONS, area_by_code, region_by_code
from perinatal.core.municipalities import MAX_PLACE_LENGTH, municipality_by_code, province_name

from .constants import AreaLevel
from .models import Service, ServiceArea
from .search.index import mark_dirty


class UnknownArea(ValueError):
    """A code that is no region, province or municipality of today's list."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def unknown_place_message(place: str) -> str:
    """What the search says of a place that is no postcode or municipality of the list."""
    return _(
        "“%(place)s” is not a Belgian postcode or municipality we know. Type a postcode "
        "(for example 1080) or the name of a municipality (for example Molenbeek)."
    ) % {"place": place[:MAX_PLACE_LENGTH]}


def area_level(nis: str) -> AreaLevel | None:
    """What a NIS code stands for (None: nothing on today's lists)."""
    if region_by_code(nis):
        return AreaLevel.REGION
    if area_by_code(nis):
        return AreaLevel.PROVINCE
    if municipality_by_code(nis):
        return AreaLevel.MUNICIPALITY
    return None


def areas_clean(codes: Iterable[str]) -> list[str]:
    """The codes, each once, in order; raises UnknownArea for the first one that is unknown."""
    cleaned = list(dict.fromkeys(str(c).strip() for c in codes))
    for code in cleaned:
        if area_level(code) is None:
            raise UnknownArea(code)
    return cleaned


def area_name(nis: str, lang: str) -> str:
    """The name of an area for a reader of `lang` (the code itself when unknown)."""
    region = region_by_code(nis)
    if region:
        return getattr(region, f"name_{lang}", region.name_nl)
    province = area_by_code(nis)
    if province:
        return province_name(province, lang)
    municipality = municipality_by_code(nis)
    return municipality.name_in(lang) if municipality else nis


def _joined(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def areas_describe(codes: Iterable[str], lang: str) -> str:
    """The areas in words, regions first, then provinces, then municipalities by name."""
    codes = set(codes)
    with translation.override(lang):
        if codes >= {r.nis for r in REGIONS}:
            return _("All of Belgium")
        parts = [
            _("whole %(region)s") % {"region": getattr(r, f"name_{lang}", r.name_nl)}
            for r in REGIONS
            if r.nis in codes
        ]
        provinces = [c for c in codes if area_level(c) == AreaLevel.PROVINCE]
        parts += sorted(area_name(c, lang) for c in provinces)
        municipalities = [c for c in codes if area_level(c) == AreaLevel.MUNICIPALITY]
        parts += sorted(area_name(c, lang) for c in municipalities)
        return capfirst(_joined(parts))


def service_areas_set(*, service: Service, codes: list[str]) -> bool:
    """Make the service's areas exactly `codes` (already cleaned) inside the caller's
    transaction; returns whether anything changed. The caller records the change."""
    have = set(service.areas.values_list("nis", flat=True)) if service.pk else set()
    wanted = set(codes)
    if have == wanted:
        return False
    ServiceArea.objects.filter(service=service).exclude(nis__in=wanted).delete()
    ServiceArea.objects.bulk_create(
        [
            ServiceArea(service=service, nis=code, level=str(area_level(code)))
            for code in codes
            if code not in have
        ]
    )
    mark_dirty([service.pk])  # bulk_create sends no signal
    return True
