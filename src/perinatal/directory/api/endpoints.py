"""HSDS 3.0 read endpoints: services (searched through the one selector), organisations,
taxonomy terms. Anonymous reads are public pages (cacheable)."""

import json
from functools import partial
from uuid import UUID

from ninja import Query, Router, Status
from ninja.pagination import paginate

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from perinatal.api.errors import invalid_input
from perinatal.api.pagination import PageNumbers, page_envelope, rows
from perinatal.api.problems import problem
from perinatal.api.schemas import Problem
from perinatal.core.middleware import PUBLIC_ATTR
from perinatal.core.municipalities import find_place

from .. import selectors
from ..areas import unknown_place_message
from ..hsds.dump import organizations_for_export, services_for_export
from ..hsds.export import organization_to_hsds, service_to_hsds, term_to_hsds, virtual_terms
from ..models import Organization, Service, TaxonomyTerm
from ..search import unanswered
from ..search.query import SearchQuery
from .schemas import (
    DirectoryInvalidInputProblem,
    Lang,
    LangParams,
    OrganizationOut,
    OrganizationPage,
    ServiceFilters,
    ServiceOut,
    ServicePage,
    TaxonomyTermPage,
)

router = Router(tags=["directory"], auth=None)

MAX_QUERY_LENGTH = 500  # longer searches are cut, not refused


def _public(request: HttpRequest) -> None:
    setattr(request, PUBLIC_ATTR, True)  # read by core's NoStoreMiddleware


def _not_found(request: HttpRequest, what: str) -> Status:
    message = _("No %(what)s with this id.") % {"what": what}
    return Status(404, problem(request, 404, code="not_found", detail=message))


@router.get(
    "/services",
    operation_id="services_list",
    response={200: ServicePage, 422: DirectoryInvalidInputProblem},
    exclude_none=True,
    summary="Search services",
)
def list_services(request: HttpRequest, filters: Query[ServiceFilters]):
    """Services matching the search and filters, best first, as HSDS `service` objects."""
    _public(request)
    languages = tuple(code.lower() for code in filters.language)
    places: tuple[str, ...] = ()
    for name in ("place", "postcode", "municipality"):
        asked = getattr(filters, name).strip()
        if asked:
            found = find_place(asked)
            if not found:
                refusal = unknown_place_message(asked)
                problem = invalid_input(request, [(name, refusal)], detail=refusal)
                return Status(422, {**problem, "field": name})
            places += tuple(m.nis for m in found)
    query = SearchQuery(
        text=filters.q[:MAX_QUERY_LENGTH],
        lang=filters.lang,
        phases=tuple(str(p) for p in filters.phase),
        needs=tuple(str(n) for n in filters.need),
        languages=languages,
        low_cost=filters.low_cost,
        programme=filters.programme,
        places=tuple(dict.fromkeys(places)),
    )
    offset = (filters.page - 1) * filters.per_page
    answer, contents = selectors.services_search_hsds_answer(
        query, offset=offset, limit=filters.per_page
    )
    unanswered.note(query, answer)
    # The services come as stored HSDS JSON texts (built by the search index with the same
    # function as every other HSDS answer, and validated against the official schema in the
    # tests): the answer splices them instead of loading, serialising and re-validating.
    envelope = page_envelope(
        total=answer.count, page=filters.page, per_page=filters.per_page, contents=contents
    )
    envelope.pop("contents")
    if answer.suggestion:
        envelope["did_you_mean"] = answer.suggestion
    if answer.estimated:
        envelope["total_estimated"] = True
    head = json.dumps(envelope, ensure_ascii=False)[:-1]
    body = f'{head}, "contents": [{",".join(contents)}]}}'
    return HttpResponse(body, content_type="application/json")


@router.get(
    "/services/{service_id}",
    operation_id="service_get",
    response={200: ServiceOut, 404: Problem},
    exclude_none=True,
    summary="One service",
)
def get_service(request: HttpRequest, service_id: UUID, lang: Lang = "nl"):
    _public(request)
    service = services_for_export().filter(pk=service_id).first()
    if service is None:
        return _not_found(request, str(Service._meta.verbose_name))
    return Status(200, service_to_hsds(service, lang=lang, translations=False))


@router.get(
    "/organizations",
    operation_id="organizations_list",
    response=OrganizationPage,
    exclude_none=True,
    summary="List organisations",
)
@paginate(PageNumbers)
def list_organizations(request: HttpRequest, params: Query[LangParams]):
    _public(request)
    lang = params.lang
    queryset = organizations_for_export().order_by(f"name_{lang}", "id")
    return rows(queryset, partial(organization_to_hsds, lang=lang, translations=False))


@router.get(
    "/organizations/{organization_id}",
    operation_id="organization_get",
    response={200: OrganizationOut, 404: Problem},
    exclude_none=True,
    summary="One organisation",
)
def get_organization(request: HttpRequest, organization_id: UUID, lang: Lang = "nl"):
    _public(request)
    organization = organizations_for_export().filter(pk=organization_id).first()
    if organization is None:
        return _not_found(request, str(Organization._meta.verbose_name))
    return Status(200, organization_to_hsds(organization, lang=lang, translations=False))


@router.get(
    "/taxonomy_terms",
    operation_id="taxonomy_terms_list",
    response=TaxonomyTermPage,
    exclude_none=True,
    summary="Taxonomy terms (phases, needs and the terms our attributes use)",
)
@paginate(PageNumbers)
def list_taxonomy_terms(request: HttpRequest, params: Query[LangParams]):
    _public(request)
    lang = params.lang
    return [
        term_to_hsds(t, lang=lang)
        for t in TaxonomyTerm.objects.order_by("taxonomy", "position", "code")
    ] + virtual_terms(lang=lang)
