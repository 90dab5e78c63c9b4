"""Search entry point (interface; implemented by the search work)."""

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    lang: str = "nl"  # nl | fr | en: which language's columns and stemmer to use
    phases: tuple[str, ...] = ()  # Phase codes: a service matches if it has ANY of them
    needs: tuple[str, ...] = ()  # Need codes: ANY of them
    languages: tuple[str, ...] = ()  # ISO 639-1 service languages: ANY of them
    low_cost: bool = False  # free or social tariff only
    programme: bool = False  # only services in the first-1000-days programme
    postcode: str = ""  # exact postcode of one of its locations
    municipality: str = ""  # municipality name (any language, case/accent-insensitive)


@dataclass(frozen=True)
class SearchPage:
    count: int  # total number of matching services
    ids: list[UUID] = field(default_factory=list)  # this page's service ids, best first


def search(query: SearchQuery, *, offset: int = 0, limit: int = 20) -> SearchPage:
    raise NotImplementedError
