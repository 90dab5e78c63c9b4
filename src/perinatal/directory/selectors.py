"""Reads of the directory. Every view, API endpoint and command searches through here."""

from typing import cast
from uuid import UUID

from django.db.models import QuerySet

from .details import load_details
from .language_fallback import current_language, translated
from .models import Service, TaxonomyTerm
from .search.query import SearchPage, SearchQuery, search
from .search.text import fold as text_fold


def services_search(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[int, list[Service]]:
    """(total count, this page's services in rank order)."""
    page, services = services_search_answer(query, offset=offset, limit=limit)
    return page.count, services


def services_search_answer(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[SearchPage, list[Service]]:
    """The search's answer (count, corrected question) and this page's services in rank
    order."""
    page: SearchPage = search(query, offset=offset, limit=limit)
    by_id = {
        s.id: s for s in Service.objects.select_related("organization").filter(id__in=page.ids)
    }
    services = [by_id[i] for i in page.ids if i in by_id]
    return page, list(load_details(services))


def services_search_hsds(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[int, list[str]]:
    """(total count, this page's services as HSDS JSON texts in rank order)."""
    page, contents = services_search_hsds_answer(query, offset=offset, limit=limit)
    return page.count, contents


def services_search_hsds_answer(
    query: SearchQuery, *, offset: int = 0, limit: int = 20
) -> tuple[SearchPage, list[str]]:
    """The search's answer and this page's services as HSDS JSON texts in rank order.

    Reads the answers stored in the search index; a document without one (being rebuilt)
    is answered from the tables."""
    from .hsds.dump import service_hsds_json
    from .search.models import SearchDocument

    page: SearchPage = search(query, offset=offset, limit=limit)
    lang = query.lang if query.lang in ("nl", "fr", "en") else "nl"
    # No None among the answers: the documents without one are excluded.
    stored = cast(
        "dict[UUID, str]",
        dict(
            SearchDocument.objects.filter(lang=lang, service_id__in=page.ids)
            .exclude(hsds=None)
            .values_list("service_id", "hsds")
        ),
    )
    missing = [i for i in page.ids if i not in stored]
    if missing:
        services = list(Service.objects.select_related("organization").filter(id__in=missing))
        for service in load_details(services):
            stored[service.id] = service_hsds_json(service, lang)
    return page, [stored[i] for i in page.ids if i in stored]


def service_get(service_id) -> Service:
    """One service with everything its page shows (raises Service.DoesNotExist)."""
    service = Service.objects.select_related("organization").get(id=service_id)
    load_details([service])
    return service


def services_unverified_since(days: int) -> QuerySet[Service]:
    """Entries never verified, or last verified more than `days` days ago (oldest first)."""
    from datetime import timedelta

    from django.db.models import Q
    from django.utils import timezone

    limit = timezone.localdate() - timedelta(days=days)
    return (
        Service.objects.select_related("organization")
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=limit))
        .order_by("last_verified", "name_nl")
    )


def reports_open():
    from .constants import ReportStatus
    from .models import ErrorReport

    return ErrorReport.objects.filter(status=ReportStatus.OPEN).select_related("service")


def services_by_phase() -> list[tuple[TaxonomyTerm, list[Service]]]:
    """For the timeline page: each phase in order with its services (names only)."""
    phases = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.PHASE).order_by("position"))
    rows = (
        Service.phases.through.objects.filter(taxonomyterm__in=phases)
        .select_related("service", "service__organization")
        .order_by("service__name_nl")
    )
    grouped: dict = {p.pk: [] for p in phases}
    for row in rows:
        grouped[row.taxonomyterm_id].append(row.service)
    lang = current_language()
    for services in grouped.values():
        services.sort(key=lambda s: text_fold(translated(s, "name", lang).text))
    return [(p, grouped[p.pk]) for p in phases]
