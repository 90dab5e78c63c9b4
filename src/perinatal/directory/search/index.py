"""Building the search index from the directory tables.

`reindex_services(ids)` rewrites the documents of those services (all when None) in batches
of a fixed number of queries per batch, whatever the number of services. `remove_services`
drops documents. Changes to the directory mark services dirty (`signals.py`); the dirty ones
are reindexed once when the transaction commits, or earlier by `flush_pending()`, which
`query.search()` calls so a search always sees the writes of its own transaction.
"""

import threading
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction

from perinatal.core.municipalities import municipality_of_address
from perinatal.directory.constants import LOW_COST
from perinatal.directory.models import (
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)

from . import enrich, text
from .models import SearchDocument, SearchTerm

BATCH_SIZE = 1000
SERVICE_FIELDS = ("name", "alternate_name", "description", "eligibility_description")
SERVICE_TEXT = (*SERVICE_FIELDS, "fees_description")


def _batched(items: list, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _chain(lang: str) -> list[str]:
    """The languages whose value a reader of `lang` sees, in order (the visible fallback)."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    chain = fallbacks.get(lang, fallbacks.get("default", ()))
    return [lang, *(other for other in chain if other != lang)]


CHAINS = {lang: _chain(lang) for lang in text.LANGUAGES}


def _pick(row: dict, field: str, lang: str) -> str:
    for candidate in CHAINS[lang]:
        value = row.get(f"{field}_{candidate}")
        if value:
            return value
    return row.get(field) or ""


def _codes(values: Iterable[str]) -> str:
    values = sorted(set(values))
    return f"|{'|'.join(values)}|" if values else ""


def _terms() -> dict[UUID, dict]:
    fields = ["id", "code", "position", "name", *(f"name_{lang}" for lang in text.LANGUAGES)]
    return {row["id"]: row for row in TaxonomyTerm.objects.values(*fields)}


def _documents(
    chunk: list[UUID], terms: dict[UUID, dict], seen: dict[str, set[str]]
) -> tuple[list[SearchDocument], list[SearchTerm]]:
    """The documents of one batch of services (in a fixed number of queries), and the words
    they bring to the vocabulary that `seen` does not hold yet."""
    fields = ["id", "status", "cost_category", "programme_1000_days"]
    for field in SERVICE_TEXT:
        fields += [field, *(f"{field}_{lang}" for lang in text.LANGUAGES)]
    for field in ("name", "alternate_name"):
        fields += [f"organization__{field}_{lang}" for lang in text.LANGUAGES]
    services = Service.objects.filter(id__in=chunk).values(*fields)

    taxonomy: dict[UUID, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for relation in ("phases", "needs"):
        through = getattr(Service, relation).through.objects.filter(service_id__in=chunk)
        for service_id, term_id in through.values_list("service_id", "taxonomyterm_id"):
            taxonomy[service_id][relation].append(terms[term_id])
    spoken: dict[UUID, list[str]] = defaultdict(list)
    languages = ServiceLanguage.objects.filter(service_id__in=chunk)
    for service_id, code in languages.values_list("service_id", "code"):
        spoken[service_id].append(code.lower())
    places: dict[UUID, list[dict]] = defaultdict(list)
    city_fields = ["city", *(f"city_{lang}" for lang in text.LANGUAGES)]
    located = ServiceAtLocation.objects.filter(service_id__in=chunk).values(
        "service_id",
        "location__addresses__postal_code",
        *(f"location__addresses__{f}" for f in city_fields),
    )
    for row in located:
        if row["location__addresses__postal_code"] is None:
            continue  # a location without an address
        places[row["service_id"]].append(
            {
                "postcode": (row["location__addresses__postal_code"] or "").strip(),
                **{f: row[f"location__addresses__{f}"] or "" for f in city_fields},
            }
        )

    served: dict[UUID, list[str]] = defaultdict(list)
    areas = ServiceArea.objects.filter(service_id__in=chunk)
    for service_id, nis in areas.values_list("service_id", "nis"):
        served[service_id].append(nis)

    stem = connection.vendor == "sqlite"
    documents, new_terms = [], []
    for row in services:
        service_id = row["id"]
        phases = sorted(taxonomy[service_id]["phases"], key=lambda t: t["position"])
        needs = sorted(taxonomy[service_id]["needs"], key=lambda t: t["position"])
        addresses = places[service_id]
        located_in = {
            m.nis
            for a in addresses
            for m in municipality_of_address(a["postcode"], [a[f] for f in city_fields])
        }
        shared = {
            "service_id": service_id,
            "status": row["status"],
            "phases": _codes(t["code"] for t in phases),
            "needs": _codes(t["code"] for t in needs),
            "languages": _codes(spoken[service_id]),
            "postcodes": _codes(a["postcode"] for a in addresses if a["postcode"]),
            "municipalities": _codes(located_in),
            "served": _codes(served[service_id]),
            "low_cost": row["cost_category"] in LOW_COST,
            "programme": row["programme_1000_days"],
        }
        organization = {
            key.removeprefix("organization__"): value
            for key, value in row.items()
            if key.startswith("organization__")
        }
        for lang in text.LANGUAGES:
            name = _pick(row, "name", lang)
            columns = {
                "title": "\n".join(filter(None, [name, _pick(row, "alternate_name", lang)])),
                "keywords": "\n".join(
                    filter(
                        None,
                        [
                            *(_pick(t, "name", lang) for t in needs),
                            *(_pick(t, "name", lang) for t in phases),
                            _pick(organization, "name", lang),
                            _pick(organization, "alternate_name", lang),
                        ],
                    )
                ),
                "body": "\n".join(
                    filter(
                        None,
                        [
                            _pick(row, field, lang)
                            for field in (
                                "description",
                                "eligibility_description",
                                "fees_description",
                            )
                        ],
                    )
                ),
                "places": "\n".join(
                    " ".join(filter(None, [a["postcode"], _pick(a, "city", lang)]))
                    for a in addresses
                ),
            }
            columns = enrich.columns(columns, lang=lang, needs=(t["code"] for t in needs))
            known = seen[lang]
            for column, value in list(columns.items()):
                found = text.content_words(value, lang)
                if stem:
                    columns[f"stemmed_{column}"] = text.stemmed(found, lang)
                for word in text.vocabulary(found, lang) - known:
                    known.add(word)
                    new_terms.append(SearchTerm(lang=lang, word=word))
            documents.append(
                SearchDocument(lang=lang, sort_name=text.fold(name)[:300], **columns, **shared)
            )
    return documents, new_terms


def _answers(chunk: list[UUID]) -> dict[tuple[UUID, str], tuple[str, str]]:
    """Each service's answers per language: its HSDS JSON, as the API's search answer shows
    it, and its result card, as the HTML result list shows it."""
    from perinatal.directory.details import load_details
    from perinatal.directory.hsds.dump import service_hsds_json

    from .cards import card_json

    services = list(Service.objects.select_related("organization").filter(id__in=chunk))
    load_details(services)
    return {
        (s.id, lang): (service_hsds_json(s, lang), card_json(s, lang))
        for s in services
        for lang in text.LANGUAGES
    }


@transaction.atomic
def reindex_services(service_ids: Iterable[UUID] | None = None) -> int:
    """Rewrite the documents of these services (all services when None); returns how many.

    Services that no longer exist lose their documents. A full reindex also rebuilds the
    vocabulary of typo corrections, dropping words no document holds any more.
    """
    if service_ids is None:
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        ids = list(Service.objects.order_by().values_list("id", flat=True))
    else:
        ids = list(dict.fromkeys(service_ids))
    terms = _terms()
    seen: dict[str, set[str]] = defaultdict(set)
    written = 0
    for chunk in _batched(ids, BATCH_SIZE):
        documents, new_terms = _documents(chunk, terms, seen)
        answers = _answers(chunk)
        for document in documents:
            document.hsds, document.card = answers.get(
                (document.service_id, document.lang), (None, None)
            )
        if service_ids is not None:
            SearchDocument.objects.filter(service_id__in=chunk).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH_SIZE)
        SearchTerm.objects.bulk_create(new_terms, batch_size=BATCH_SIZE, ignore_conflicts=True)
        written += len(documents)
    return written


def remove_services(service_ids: Iterable[UUID]) -> None:
    """Drop the documents of these services (the search stops finding them until they change)."""
    ids = list(service_ids)
    _pending().difference_update(ids)
    for chunk in _batched(ids, BATCH_SIZE):
        SearchDocument.objects.filter(service_id__in=chunk).delete()


_local = threading.local()


def _pending() -> set[UUID]:
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = set()
    return pending


def mark_dirty(service_ids: Iterable[UUID | None]) -> None:
    """Reindex these services when the current transaction commits (now in autocommit); a
    None (a part that belongs to no service) is skipped."""
    ids = {i for i in service_ids if i is not None}
    if ids:
        _pending().update(ids)
        transaction.on_commit(flush_pending, robust=True)


def flush_pending() -> None:
    """Reindex the services marked dirty in this thread and not reindexed yet."""
    pending = _pending()
    if pending:
        ids = list(pending)
        pending.clear()
        reindex_services(ids)
