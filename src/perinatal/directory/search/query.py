"""Search entry point: `search(SearchQuery(...)) -> SearchPage`.

A question is first planned (expansion.py): groups of alternatives from its words, their forms
and compound parts, and the synonyms the editors keep (a phrase people use stands for the
needs and words it means). It is then answered in up to four tries, the same on both databases:
1. every group (each word as a prefix of a stem: "zwanger" finds "zwangerschap");
2. when that finds fewer than `FEW_RESULTS`, words the index does not know (and nothing else
   explains) are widened with similar words from its vocabulary (trigram similarity:
   "borstvoedng" -> "borstvoeding"), and the page offers the corrected question
   (`SearchPage.suggestion`);
3. fewer than `FILL`: a long question with one word too many, all groups but one plain word
   (a synonym's group is always kept); then the synonyms' groups alone must match, the other
   words only rank ("sans papiers accouchement" finds the services for people without papers,
   those that mention giving birth first);
4. still fewer: any group, best matches first.
What an earlier try found stays on top. Without text, all services that pass the filters, by
name. Any input is accepted: what is not a letter or digit only separates words, and filters
with impossible values match nothing.

A place (`places`: NIS codes of municipalities, found by `core.municipalities.find_place`)
keeps the services that serve it: those located there, those whose areas name the
municipality, and those that serve its province or region. Without text they come in that
order (then by name); with text the best matches come first and the place only breaks ties
(docs/decisions/0019-areas-served.md).
"""

import re
from dataclasses import dataclass, field
from uuid import UUID

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When, Window

from perinatal.core.municipalities import municipality_by_code
from perinatal.directory.constants import PUBLIC_STATUSES

from . import backends, expansion, index, text, vendors
from .backends import Operand
from .code_lists import codes_overlap
from .models import SearchDocument

FEW_RESULTS = 3  # fewer: widen unknown words with their likely corrections
FILL = 5  # fewer: add the lenient tries' answers below (the first five are what people read)
MAX_ALL_BUT_ONE = 6  # groups up to which "all but one" is tried (it asks one conjunction each)
TYPO_SIMILARITY = 0.4  # pg_trgm similarity a correction needs at least
MAX_CORRECTIONS = 3  # per unknown word
MAX_LIMIT = 1000
WORD = re.compile(r"[^\W_]+")  # a word of a question, as text.words() reads it (before folding)


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
    suggestion: str = ""  # the question with its typos corrected, when corrections were used
    estimated: bool = False  # `count` is an estimate (a word found in most of the directory)


def _codes(values: tuple[str, ...] | list[str] | str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    cleaned = (re.sub(r"[^\w-]", "", str(v)).lower()[:64] for v in values)
    return [code for code in cleaned if code]


def _any_of(field_name: str, codes: list[str]) -> Q:
    """The documents whose "|code|code|" list `field_name` holds any of `codes`: on
    PostgreSQL as arrays that overlap (read from the column's array index, migration 0011),
    elsewhere as text that contains "|code|"."""
    if connection.vendor == "postgresql":
        return Q(codes_overlap(field_name, codes))
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


def _place_tier(located: list[str], named: list[str]) -> Case:
    """0 located in the place, 1 its areas name it, 2 it serves the place's province or region."""
    return Case(
        When(_any_of("municipalities", located), then=Value(0)),
        When(_any_of("served", named), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def by_place_then_name(
    documents: QuerySet[SearchDocument], places: tuple[str, ...], offset: int, limit: int
) -> tuple[list[UUID], int, bool]:
    """(this page's service ids, how many passed, whether that is an estimate): located in the place first, then those
    whose areas name it, then the wider ones, each by name.

    Each tier is read on its own, by name and only as far as the page (a name index walked
    or a few rows sorted): ordering every match by a computed tier read and sorted 11,000
    wide rows for one Brussels municipality at 100,000 services. Past COUNT_CAP the count is
    estimated, as a common word's (docs/decisions/0022-search-at-scale.md, point 10)."""
    located, named, _wider = place_codes(places)
    if not located:  # no municipality among them: nothing passed the filter either
        return [], 0, False
    tier = _place_tier(located, named)
    tiers = (
        documents.filter(_any_of("municipalities", located)),
        documents.filter(_any_of("served", named)).annotate(place_tier=tier).filter(place_tier=1),
        documents.annotate(place_tier=tier).filter(place_tier=2),
    )
    ids: list[UUID] = []
    skip, wanted = offset, limit
    for rows in tiers:
        found = list(
            rows.order_by("sort_name", "service_id").values_list("service_id", flat=True)[
                : skip + wanted
            ]
        )
        ids += found[skip:]
        wanted -= len(found[skip:])
        skip = max(skip - len(found), 0)
        if not wanted:
            break
    return ids, *vendors.for_connection().count(documents)


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


def is_text_only(query: SearchQuery) -> bool:
    """A question without filters (besides its language), in the public statuses."""
    return _is_plain(query)


def _corrections(backend: backends.Backend, lang: str, words: list[str]) -> dict[str, list[str]]:
    """Likely corrections of words the index does not know (trigram similarity), best first."""
    corrections = {}
    for word in words:
        scored = sorted(
            ((text.similarity(word, known), known) for known in backend.candidates(lang, word)),
            key=lambda pair: (-pair[0], pair[1]),
        )
        found = [w for score, w in scored if score >= TYPO_SIMILARITY and w != word]
        if found:
            corrections[word] = found[:MAX_CORRECTIONS]
    return corrections


def _merge(ids: list[UUID], more: list[UUID]) -> list[UUID]:
    """What a try found stays on top; a later try only adds below."""
    first = set(ids)
    return ids + [i for i in more if i not in first]


def search(query: SearchQuery, *, offset: int = 0, limit: int = 20) -> SearchPage:
    """The services matching a query: their total number and one page of ids, best first."""
    index.flush_pending()
    lang = query.lang if query.lang in text.LANGUAGES else text.LANGUAGES[0]
    offset = max(int(offset), 0)
    limit = min(max(int(limit), 0), MAX_LIMIT)
    documents = filtered_documents(query, lang)

    if not query.text.strip():
        if query.places:
            ids, count, estimated = by_place_then_name(documents, query.places, offset, limit)
            return SearchPage(count=count, ids=ids, estimated=estimated)
        ordered = documents.order_by("sort_name", "service_id")
        # One pass: the page and, beside each row, the total (a window over the same rows).
        rows = list(
            ordered.annotate(total=Window(Count("id"))).values_list("service_id", "total")[
                offset : offset + limit
            ]
        )
        if rows:
            return SearchPage(count=rows[0][1], ids=[row[0] for row in rows])
        return SearchPage(count=documents.count() if offset else 0)

    planned = expansion.plan(query.text, lang)
    if not planned:  # only stop words, punctuation or symbols: nothing to look for
        return SearchPage(count=0)

    backend = vendors.for_connection()
    wanted = offset + limit
    groups: list[list[Operand]] = [group.operands() for group in planned]
    plain = _is_plain(query)
    tiers = place_codes(query.places)[:2] if query.places else None
    found = backend.match(documents, lang, groups, True, max(wanted, FILL), plain, tiers)
    count, ids, estimated = found.total, found.ids, found.estimated
    suggestion = ""
    if count < FEW_RESULTS:
        unknown = [
            g.word
            for g in planned
            if g.word and not g.known and not g.word.isdigit() and (count == 0 or not g.split)
        ]
        corrections = _corrections(backend, lang, unknown) if unknown else {}
        if corrections:
            groups = [[*g.operands(), *corrections.get(g.word, [])] for g in planned]
            more = backend.match(documents, lang, groups, True, wanted + count, plain, tiers)
            ids, count = _merge(ids, more.ids), max(count, more.total)
            estimated = estimated or more.estimated
            suggestion = corrected(query.text, {w: c[0] for w, c in corrections.items()})
    for lenient in _lenient_tries(planned, groups):
        if count >= FILL:
            break
        more = backend.match(documents, lang, lenient, True, wanted + count, plain, tiers)
        ids, count = _merge(ids, more.ids), max(count, more.total)
        estimated = estimated or more.estimated
    return SearchPage(
        count=count,
        ids=ids[offset : offset + limit],
        suggestion=suggestion,
        estimated=estimated,
    )


def _lenient_tries(
    planned: list[expansion.Group], groups: list[list[Operand]]
) -> list[list[list[Operand]]]:
    """The lenient tries, in order, each a conjunction of groups; in each, any word of the
    question still ranks (its last group)."""
    every: list[Operand] = [alt for group in groups for alt in group]
    tries: list[list[list[Operand]]] = []
    meanings = [i for i, g in enumerate(planned) if g.synonym]
    words = [i for i in range(len(groups)) if i not in meanings]
    if len(groups) >= 3 and len(words) >= 2 and len(groups) <= MAX_ALL_BUT_ONE:
        # A long question with one word too many: all groups but one of its plain words.
        dropped: list[Operand] = [tuple(g for j, g in enumerate(groups) if j != i) for i in words]
        tries.append([dropped, every])
    if meanings and len(meanings) < len(groups):  # the synonyms must be there, not the rest
        tries.append([*[groups[i] for i in meanings], every])
    if len(groups) > 1:  # any group
        tries.append([every])
    return tries


def corrected(question: str, corrections: dict[str, str]) -> str:
    """The question with each corrected word replaced, the rest as it was typed."""
    question = " ".join(question[: text.MAX_QUERY_CHARS].split())
    return WORD.sub(lambda m: corrections.get(text.fold(m.group(0)), m.group(0)), question)
