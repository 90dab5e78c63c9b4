"""Loading everything a service page or an API answer shows, for a page of services.

Django's `prefetch_related` clones a filtered queryset for every object and relation, which
for 20 services and a dozen relations costs more than the queries themselves. This loader
runs one query per relation (as prefetching does) and fills Django's prefetch cache with
ready querysets, so `service.phones.all()` and friends read memory, as after a prefetch.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import models
from django.db.models.query import QuerySet

from .models import (
    Address,
    Contact,
    CostOption,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)


def _cached(model: type[models.Model], rows: list) -> QuerySet:
    queryset: QuerySet[models.Model] = QuerySet(model=model)
    queryset._result_cache = rows
    # A private attribute of Django's QuerySet that the stubs leave out.
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    return queryset


def _attach(objects: Iterable[models.Model], name: str, model, rows_by_key: dict) -> None:
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[name] = _cached(model, rows_by_key.get(obj.pk, []))


def _group(rows: Iterable, key: str) -> dict:
    grouped: dict = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def _attach_terms(services: Sequence[Service], name: str, terms: dict) -> None:
    """Phases or needs: the link rows only, mapped onto the few term objects loaded once."""
    through = getattr(Service, name).through
    links = through.objects.filter(service_id__in=[s.pk for s in services]).values_list(
        "service_id", "taxonomyterm_id"
    )
    grouped: dict = defaultdict(list)
    for service_id, term_id in links:
        grouped[service_id].append(terms[term_id])
    for rows in grouped.values():
        rows.sort(key=lambda term: (term.position, term.code))
    _attach(services, name, TaxonomyTerm, grouped)


def _attach_locations(sals: list[ServiceAtLocation]) -> None:
    locations = [sal.location for sal in sals]
    ids = [loc.pk for loc in locations]
    for name, model in (("addresses", Address), ("phones", Phone), ("schedules", Schedule)):
        _attach(
            locations, name, model, _group(model.objects.filter(location_id__in=ids), "location_id")
        )


def load_details(services: Sequence[Service]) -> Sequence[Service]:
    """Fill the prefetch cache of `services` with all their parts; returns them."""
    if not services:
        return services
    ids = [s.pk for s in services]
    terms = {term.pk: term for term in TaxonomyTerm.objects.all()}
    _attach_terms(services, "phases", terms)
    _attach_terms(services, "needs", terms)
    for name, model, order in (
        ("languages", ServiceLanguage, "code"),
        ("cost_options", CostOption, "amount"),
        ("phones", Phone, "number"),
        ("contacts", Contact, "name"),
        ("schedules", Schedule, "description"),
    ):
        rows = model.objects.filter(service_id__in=ids).order_by(order)
        _attach(services, name, model, _group(rows, "service_id"))
    sals = list(ServiceAtLocation.objects.filter(service_id__in=ids).select_related("location"))
    _attach_locations(sals)
    _attach(services, "service_at_locations", ServiceAtLocation, _group(sals, "service_id"))
    return services


__all__ = ["load_details"]
