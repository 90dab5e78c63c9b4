"""Search entry point: `search(SearchQuery(...)) -> SearchPage`.

A question is answered in up to three tries, the same on both databases:
1. every word (as a prefix of a stem: "zwanger" finds "zwangerschap");
2. when that finds fewer than `FEW_RESULTS`, words the index does not know are widened with
   similar words from its vocabulary (trigram similarity: "borstvoedng" -> "borstvoeding");
   what the first try found stays on top;
3. when still nothing, any of the words, best matches first.
Without text, all services that pass the filters, by name. Any input is accepted: what is
not a letter or digit only separates words, and filters with impossible values match nothing.

A place (`places`: NIS codes of municipalities, found by `core.municipalities.find_place`)
keeps the services that serve it: those located there, those whose areas name the
municipality, and those that serve its province or region. Without text they come in that
order (then by name); with text the best matches come first and the place only breaks ties
(docs/decisions/0019-areas-served.md).
"""

import re
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from perinatal.core.municipalities import municipality_by_code
from perinatal.directory.constants import ServiceStatus

from . import backends, index, text
from .models import SearchDocument, SearchTerm

FEW_RESULTS = 3
TYPO_SIMILARITY = 0.4  # pg_trgm similarity a correction needs at least
MAX_CORRECTIONS = 3  # per unknown word
MAX_LIMIT = 1000
PUBLIC_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    lang: str = "nl"  # nl | fr | en: which language's columns and stemmer to use
    phases: tuple[str, ...] = ()  # Phase codes: a service matches if it has ANY of them
    needs: tuple[str, ...] = ()  # Need codes: ANY of them
    languages: tuple[str, ...] = ()  # ISO 639-1 service languages: ANY of them
    low_cost: bool = False  # free or social tariff only
    programme: bool = False  # only services in the first-1000-days programme
    places: tuple[str, ...] = ()  # NIS codes of municipalities: services that serve ANY of them
    include_inactive: bool = False  # also inactive and defunct services (editors)


@dataclass(frozen=True)
class SearchPage:
    count: int  # total number of matching services
    ids: list[UUID] = field(default_factory=list)  # this page's service ids, best first


def _codes(values: tuple[str, ...] | list[str] | str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    cleaned = (re.sub(r"[^\w-]", "", str(v)).lower()[:64] for v in values)
    return [code for code in cleaned if code]


def _any_of(field_name: str, codes: list[str]) -> Q:
    condition = Q()
    for code in codes:
        condition |= Q(**{f"{field_name}__contains": f"|{code}|"})
    return condition


def filtered_documents(query: SearchQuery, lang: str) -> QuerySet[SearchDocument]:
    """The documents in `lang` of the services that pass the query's filters."""
    documents = SearchDocument.objects.filter(lang=lang)
    if not query.include_inactive:
        documents = documents.filter(status__in=PUBLIC_STATUSES)
    for field_name, values in (
        ("phases", query.phases),
        ("needs", query.needs),
        ("languages", query.languages),
    ):
        if not values:
            continue
        codes = _codes(values)
        if not codes:
            return documents.none()
        documents = documents.filter(_any_of(field_name, codes))
    if query.low_cost:
        documents = documents.filter(low_cost=True)
    if query.programme:
        documents = documents.filter(programme=True)
    if query.places:
        located, named, wider = place_codes(query.places)
        if not located:
            return documents.none()
        documents = documents.filter(
            _any_of("municipalities", located) | _any_of("served", [*named, *wider])
        )
    return documents


def place_codes(places: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """(the municipalities' codes to be located in, the codes an area may name for them, the
    codes of their provinces and regions); empty lists when no code is a municipality."""
    municipalities = [m for m in (municipality_by_code(str(c)) for c in places[:20]) if m]
    codes = sorted({m.nis for m in municipalities})
    wider = sorted({a.nis for m in municipalities for a in (m.area, m.region)})
    return codes, codes, wider


def by_place_then_name(documents: QuerySet[SearchDocument], places: tuple[str, ...]) -> QuerySet:
    """Located in the place first, then those whose areas name it, then the wider ones."""
    located, named, _wider = place_codes(places)
    if not located:  # no municipality among them: nothing passed the filter either
        return documents.order_by("sort_name", "service_id")
    tier = Case(
        When(_any_of("municipalities", located), then=Value(0)),
        When(_any_of("served", named), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return documents.annotate(place_tier=tier).order_by("place_tier", "sort_name", "service_id")


def _is_plain(query: SearchQuery) -> bool:
    """Only text: no filter but the language and the public statuses."""
    return not (
        query.phases
        or query.needs
        or query.languages
        or query.low_cost
        or query.programme
        or query.places
        or query.include_inactive
    )


def _widened(backend: backends.Backend, lang: str, terms: list[str]) -> list[list[str]] | None:
    """Each term with its likely corrections when the vocabulary does not know it (or None)."""
    unknown = [t for t in terms if len(t) >= text.MIN_VOCABULARY_LENGTH and not t.isdigit()]
    known = set(
        SearchTerm.objects.filter(lang=lang, word__in=unknown).values_list("word", flat=True)
    )
    groups, widened = [], False
    for term in terms:
        group = [term]
        if term in unknown and term not in known:
            scored = sorted(
                ((text.similarity(term, word), word) for word in backend.candidates(lang, term)),
                key=lambda pair: (-pair[0], pair[1]),
            )
            group += [w for score, w in scored if score >= TYPO_SIMILARITY][:MAX_CORRECTIONS]
            widened = widened or len(group) > 1
        groups.append(group)
    return groups if widened else None


def search(query: SearchQuery, *, offset: int = 0, limit: int = 20) -> SearchPage:
    """The services matching a query: their total number and one page of ids, best first."""
    index.flush_pending()
    lang = query.lang if query.lang in text.LANGUAGES else text.LANGUAGES[0]
    offset = max(int(offset), 0)
    limit = min(max(int(limit), 0), MAX_LIMIT)
    documents = filtered_documents(query, lang)

    if not query.text.strip():
        if query.places:
            ordered = by_place_then_name(documents, query.places)
        else:
            ordered = documents.order_by("sort_name", "service_id")
        page_ids = ordered.values_list("service_id", flat=True)[offset : offset + limit]
        return SearchPage(count=documents.count(), ids=list(page_ids))

    terms = text.query_terms(query.text, lang)
    if not terms:  # only stop words, punctuation or symbols: nothing to look for
        return SearchPage(count=0)

    backend = backends.for_connection()
    wanted = offset + limit
    groups = [[term] for term in terms]
    plain = _is_plain(query)
    tiers = place_codes(query.places)[:2] if query.places else None
    count, ids = backend.match(
        documents, lang, groups, True, max(wanted, FEW_RESULTS), plain, tiers
    )
    if count < FEW_RESULTS:
        widened = _widened(backend, lang, terms)
        if widened:
            groups = widened
            more_count, more = backend.match(
                documents, lang, groups, True, wanted + count, plain, tiers
            )
            first = set(ids)
            ids += [i for i in more if i not in first]
            count = max(count, more_count)
    if count == 0 and len(groups) > 1:
        count, ids = backend.match(documents, lang, groups, False, wanted, plain, tiers)
    return SearchPage(count=count, ids=ids[offset : offset + limit])
