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
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)


class LoadedRows(QuerySet):
    """The rows of one object's relation, already read.

    Iterating, `len()`, `count()`, `exists()` and `all()` through the relation read memory, as
    after a prefetch. Anything that builds a new query from it (`filter`, `values_list`,
    `order_by`, ...) asks the database for this object's rows only: a bare `QuerySet(model=...)`
    with a result cache would turn `service.phases.values_list("code")` into every term of the
    taxonomy (an editor's form once saved every phase and need on the service that way).
    """

    _owner: models.Model
    _relation: str

    def _clone(self):
        # The relation's own manager, without this cache in the way, gives the filtered query.
        cache = self._owner.__dict__["_prefetched_objects_cache"]
        loaded = cache.pop(self._relation)
        try:
            return getattr(self._owner, self._relation).get_queryset()._clone()
        finally:
            cache[self._relation] = loaded


def _cached(owner: models.Model, name: str, model: type[models.Model], rows: list) -> QuerySet:
    queryset = LoadedRows(model=model)
    queryset._owner = owner
    queryset._relation = name
    queryset._result_cache = rows
    # A private attribute of Django's QuerySet that the stubs leave out.
    queryset._prefetch_done = True  # type: ignore[attr-defined]
    return queryset


def _attach(objects: Iterable[models.Model], name: str, model, rows_by_key: dict) -> None:
    for obj in objects:
        cache = obj.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[name] = _cached(obj, name, model, rows_by_key.get(obj.pk, []))


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
        ("areas", ServiceArea, "nis"),
    ):
        rows = model.objects.filter(service_id__in=ids).order_by(order)
        grouped = _group(rows, "service_id")
        _attach(services, name, model, grouped)
        if model is Contact:
            contacts = [contact for group in grouped.values() for contact in group]
            phones = Phone.objects.filter(contact_id__in=[c.pk for c in contacts])
            _attach(contacts, "phones", Phone, _group(phones.order_by("number"), "contact_id"))
    sals = list(ServiceAtLocation.objects.filter(service_id__in=ids).select_related("location"))
    _attach_locations(sals)
    _attach(services, "service_at_locations", ServiceAtLocation, _group(sals, "service_id"))
    return services


__all__ = ["load_details"]
