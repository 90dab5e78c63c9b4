"""HSDS 3.0 read endpoints: services (searched through the one selector), organisations,
taxonomy terms. Anonymous reads are public pages (cacheable)."""

import json
import math
from typing import Any
from uuid import UUID

from ninja import Query, Router, Status

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .. import selectors
from ..hsds.dump import organizations_for_export, services_for_export
from ..hsds.export import organization_to_hsds, service_to_hsds, term_to_hsds, virtual_terms
from ..models import Organization, Service, TaxonomyTerm
from ..search.query import SearchQuery
from .schemas import (
    DirectoryErrorOut,
    Lang,
    OrganizationOut,
    OrganizationPage,
    PageParams,
    ServiceFilters,
    ServiceOut,
    ServicePage,
    TaxonomyTermPage,
)

router = Router(tags=["directory"], auth=None)

MAX_QUERY_LENGTH = 500  # longer searches are cut, not refused


def _public(request: HttpRequest) -> None:
    request.perinatal_public = True


def _envelope(total: int, page: int, per_page: int, contents: list[Any]) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _not_found(what: str) -> Status:
    message = _("No %(what)s with this id.") % {"what": what}
    return Status(404, {"code": "not_found", "message": message})


@router.get("/services", response=ServicePage, exclude_none=True, summary="Search services")
def list_services(request: HttpRequest, filters: Query[ServiceFilters]):
    """Services matching the search and filters, best first, as HSDS `service` objects."""
    _public(request)
    languages = tuple(code.lower() for code in filters.language)
    query = SearchQuery(
        text=filters.q[:MAX_QUERY_LENGTH],
        lang=filters.lang,
        phases=tuple(str(p) for p in filters.phase),
        needs=tuple(str(n) for n in filters.need),
        languages=languages,
        low_cost=filters.low_cost,
        programme=filters.programme,
        postcode=filters.postcode.strip(),
        municipality=filters.municipality.strip(),
    )
    offset = (filters.page - 1) * filters.per_page
    total, contents = selectors.services_search_hsds(query, offset=offset, limit=filters.per_page)
    # The services come as stored HSDS JSON texts (built by the search index with the same
    # function as every other HSDS answer, and validated against the official schema in the
    # tests): the answer splices them instead of loading, serialising and re-validating.
    envelope = _envelope(total, filters.page, filters.per_page, contents)
    envelope.pop("contents")
    head = json.dumps(envelope, ensure_ascii=False)[:-1]
    body = f'{head}, "contents": [{",".join(contents)}]}}'
    return HttpResponse(body, content_type="application/json")


@router.get(
    "/services/{service_id}",
    response={200: ServiceOut, 404: DirectoryErrorOut},
    exclude_none=True,
    summary="One service",
)
def get_service(request: HttpRequest, service_id: UUID, lang: Lang = "nl"):
    _public(request)
    service = services_for_export().filter(pk=service_id).first()
    if service is None:
        return _not_found(str(Service._meta.verbose_name))
    return Status(200, service_to_hsds(service, lang=lang, translations=False))


@router.get(
    "/organizations", response=OrganizationPage, exclude_none=True, summary="List organisations"
)
def list_organizations(request: HttpRequest, params: Query[PageParams]):
    _public(request)
    queryset = organizations_for_export().order_by(f"name_{params.lang}", "id")
    total = Organization.objects.count()
    offset = (params.page - 1) * params.per_page
    contents = [
        organization_to_hsds(o, lang=params.lang, translations=False)
        for o in queryset[offset : offset + params.per_page]
    ]
    return _envelope(total, params.page, params.per_page, contents)


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationOut, 404: DirectoryErrorOut},
    exclude_none=True,
    summary="One organisation",
)
def get_organization(request: HttpRequest, organization_id: UUID, lang: Lang = "nl"):
    _public(request)
    organization = organizations_for_export().filter(pk=organization_id).first()
    if organization is None:
        return _not_found(str(Organization._meta.verbose_name))
    return Status(200, organization_to_hsds(organization, lang=lang, translations=False))


@router.get(
    "/taxonomy_terms",
    response=TaxonomyTermPage,
    exclude_none=True,
    summary="Taxonomy terms (phases, needs and the terms our attributes use)",
)
def list_taxonomy_terms(request: HttpRequest, params: Query[PageParams]):
    _public(request)
    terms = [
        term_to_hsds(t, lang=params.lang)
        for t in TaxonomyTerm.objects.order_by("taxonomy", "position", "code")
    ] + virtual_terms(lang=params.lang)
    offset = (params.page - 1) * params.per_page
    contents = terms[offset : offset + params.per_page]
    return _envelope(len(terms), params.page, params.per_page, contents)
