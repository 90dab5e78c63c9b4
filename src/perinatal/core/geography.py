"""Belgian areas: the provinces and the Brussels-Capital Region, with their NIS codes and
names, and the area a postcode belongs to (bpost's postcode ranges follow the provinces); and the
three regions (`REGIONS`: the Brussels-Capital Region is both an area and a region).

`area_by_code("10000")` → Antwerpen.
Monitoring reports list the Flemish areas in the fixed order of `FLEMISH_REPORT_ORDER`.
The municipalities, each in its area, are in `core.municipalities` (Statbel's list).
"""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class Area:
    nis: str
    name_nl: str
    name_fr: str
    name_en: str
    region: str  # "brussels", "flanders", "wallonia"

    @property
    def name(self) -> str:
        lang = (get_language() or "nl")[:2]
        return getattr(self, f"name_{lang}", self.name_nl)

    def __str__(self) -> str:
        return self.name


BRUSSELS = Area(
    "04000",
    "Brussels Hoofdstedelijk Gewest",
    "Région de Bruxelles-Capitale",
    "Brussels-Capital Region",
    "brussels",
)
ANTWERPEN = Area("10000", "Antwerpen", "Anvers", "Antwerp", "flanders")
VLAAMS_BRABANT = Area("20001", "Vlaams-Brabant", "Brabant flamand", "Flemish Brabant", "flanders")
WAALS_BRABANT = Area("20002", "Waals-Brabant", "Brabant wallon", "Walloon Brabant", "wallonia")
WEST_VLAANDEREN = Area(
    "30000", "West-Vlaanderen", "Flandre occidentale", "West Flanders", "flanders"
)
OOST_VLAANDEREN = Area("40000", "Oost-Vlaanderen", "Flandre orientale", "East Flanders", "flanders")
HENEGOUWEN = Area("50000", "Henegouwen", "Hainaut", "Hainaut", "wallonia")
LUIK = Area("60000", "Luik", "Liège", "Liège", "wallonia")
LIMBURG = Area("70000", "Limburg", "Limbourg", "Limburg", "flanders")
LUXEMBURG = Area("80000", "Luxemburg", "Luxembourg", "Luxembourg", "wallonia")
NAMEN = Area("90000", "Namen", "Namur", "Namur", "wallonia")

# The regions (NIS codes and Dutch/French names as in Statbel's REFNIS list; the test
# core/tests/test_municipalities.py compares them with the reference data).
FLANDERS = Area("02000", "Vlaams Gewest", "Région flamande", "Flemish Region", "flanders")
WALLONIA = Area("03000", "Waals Gewest", "Région wallonne", "Walloon Region", "wallonia")
REGIONS = (FLANDERS, WALLONIA, BRUSSELS)

AREAS = (
    BRUSSELS,
    ANTWERPEN,
    VLAAMS_BRABANT,
    WAALS_BRABANT,
    WEST_VLAANDEREN,
    OOST_VLAANDEREN,
    HENEGOUWEN,
    LUIK,
    LIMBURG,
    LUXEMBURG,
    NAMEN,
)
FLEMISH_REPORT_ORDER = (
    ANTWERPEN,
    LIMBURG,
    OOST_VLAANDEREN,
    VLAAMS_BRABANT,
    WEST_VLAANDEREN,
    BRUSSELS,
)


def area_by_code(nis: str) -> Area | None:
    return next((a for a in AREAS if a.nis == nis), None)


def region_by_code(nis: str) -> Area | None:
    """One of the three regions by its NIS code ("02000", "03000", "04000"), or None."""
    return next((r for r in REGIONS if r.nis == nis), None)


def region_of(area: Area) -> Area:
    """The region a province (or the Brussels-Capital Region) lies in."""
    return next(r for r in REGIONS if r.region == area.region)


AREA_CHOICES = [(a.nis, a.name_nl) for a in AREAS]
