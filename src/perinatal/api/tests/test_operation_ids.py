"""The operation ids are public names, chosen by hand: the complete list is pinned here, so a
module that moves (or a function that is renamed) cannot change what clients call."""

import pytest
from ninja import Router
from ninja.errors import ConfigError

from perinatal.api.openapi import PerinatalAPI
from perinatal.api.v1 import api

# (method, path, operation id): add a row with each new operation; never change one.
OPERATIONS = [
    ("GET", "/api/v1/services", "services_list"),
    ("GET", "/api/v1/services/{service_id}", "service_get"),
    ("PATCH", "/api/v1/services/{service_id}", "service_update"),
    ("GET", "/api/v1/organizations", "organizations_list"),
    ("GET", "/api/v1/organizations/{organization_id}", "organization_get"),
    ("GET", "/api/v1/taxonomy_terms", "taxonomy_terms_list"),
    ("POST", "/api/v1/pregnancies", "pregnancy_create"),
    ("GET", "/api/v1/pregnancies", "pregnancies_search"),
    ("POST", "/api/v1/pregnancies/lookup", "pregnancy_lookup"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}", "pregnancy_get"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/timeline", "pregnancy_timeline"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/births", "births_list"),
    ("POST", "/api/v1/pregnancies/{pregnancy_id}/births", "birth_create"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/screenings", "screenings_list"),
    ("POST", "/api/v1/pregnancies/{pregnancy_id}/screenings", "screening_create"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/programme-services", "programme_services_list"),
    ("POST", "/api/v1/pregnancies/{pregnancy_id}/programme-services", "programme_service_create"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/entitlements", "entitlements_list"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/entitlements/{kind}", "entitlement_check"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/referrals", "referrals_list"),
    ("POST", "/api/v1/pregnancies/{pregnancy_id}/referrals", "referral_create"),
    ("GET", "/api/v1/referrals/received", "referrals_received"),
    ("POST", "/api/v1/referrals/{referral_id}/answer", "referral_answer"),
    ("GET", "/api/v1/discharges/recipients", "discharge_recipients_list"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/discharges", "discharges_list"),
    ("POST", "/api/v1/pregnancies/{pregnancy_id}/discharges", "discharge_create"),
    ("POST", "/api/v1/discharges/{discharge_id}/transfer", "discharge_transfer"),
    ("GET", "/api/v1/discharges/received", "discharges_received"),
    ("GET", "/api/v1/screening-proposals/providers", "screening_providers_list"),
    ("GET", "/api/v1/pregnancies/{pregnancy_id}/screening-proposals", "screening_proposals_list"),
    (
        "POST",
        "/api/v1/pregnancies/{pregnancy_id}/screening-proposals",
        "screening_proposal_create",
    ),
    ("GET", "/api/v1/screening-proposals/received", "screening_proposals_received"),
    ("POST", "/api/v1/screening-proposals/{proposal_id}/answer", "screening_proposal_answer"),
    ("POST", "/api/v1/booklets/status", "booklet_status"),
    ("POST", "/api/v1/booklets/distributions", "distribution_create"),
    ("GET", "/api/v1/booklets/distributions", "distributions_list"),
    ("POST", "/api/v1/booklets/distributions/{booklet_id}/replacement", "distribution_replace"),
    ("POST", "/api/v1/booklets/distributions/{booklet_id}/cancellation", "distribution_cancel"),
    ("GET", "/api/v1/booklets/orders", "orders_list"),
    ("POST", "/api/v1/booklets/orders", "order_create"),
    ("GET", "/api/v1/booklets/orders/{order_id}", "order_get"),
    ("POST", "/api/v1/booklets/orders/{order_id}/decision", "order_decide"),
    ("GET", "/api/v1/monitoring/reports/kraamzorg", "kraamzorg_report_get"),
    ("GET", "/api/v1/monitoring/reports/kraamzorg/trend", "kraamzorg_trend_get"),
    ("GET", "/api/v1/monitoring/reports/kraamzorg/file", "kraamzorg_report_file"),
    ("GET", "/api/v1/monitoring/reports/files/{job_id}", "report_file_get"),
    ("POST", "/api/v1/monitoring/submissions", "submission_create"),
    ("GET", "/api/v1/monitoring/submissions", "submissions_list"),
    ("GET", "/api/v1/monitoring/imports/{job_id}", "submission_import_get"),
    ("GET", "/api/v1/monitoring/years", "years_list"),
    ("POST", "/api/v1/monitoring/years/{year}/close", "year_close"),
    ("POST", "/api/v1/monitoring/years/{year}/reopen", "year_reopen"),
    ("GET", "/api/v1/kraamzorg/services", "kraamzorg_services_list"),
    ("GET", "/api/v1/kraamzorg/requests", "kraamzorg_requests_list"),
    ("POST", "/api/v1/kraamzorg/requests", "kraamzorg_request_create"),
    ("GET", "/api/v1/kraamzorg/requests/{request_id}", "kraamzorg_request_get"),
    ("POST", "/api/v1/kraamzorg/requests/{request_id}/decision", "kraamzorg_request_decide"),
    ("POST", "/api/v1/kraamzorg/requests/{request_id}/forward", "kraamzorg_request_forward"),
    ("POST", "/api/v1/kraamzorg/requests/{request_id}/withdraw", "kraamzorg_request_withdraw"),
    ("GET", "/api/v1/kraamzorg/requests/{request_id}/visits", "kraamzorg_visits_list"),
    ("POST", "/api/v1/kraamzorg/requests/{request_id}/visits", "kraamzorg_visit_create"),
    ("POST", "/api/v1/kraamzorg/requests/{request_id}/close", "kraamzorg_request_close"),
    (
        "GET",
        "/api/v1/kraamzorg/requests/{request_id}/statements/{year}/{month}",
        "kraamzorg_statement_get",
    ),
    ("GET", "/api/v1/jobs/{job_id}", "job_get"),
    ("POST", "/api/v1/parents/link", "parent_link"),
]


def _operations() -> list[tuple[str, str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return [
        (method.upper(), path, operation["operationId"])
        for path, operations in paths.items()
        for method, operation in operations.items()
    ]


def test_every_operation_keeps_its_pinned_id():
    assert sorted(_operations()) == sorted(OPERATIONS)


def test_the_ids_are_unique_short_and_not_derived_from_modules():
    ids = [operation_id for *_, operation_id in OPERATIONS]
    assert len(set(ids)) == len(ids)
    assert all("perinatal" not in i and "_api_" not in i and len(i) <= 30 for i in ids)
    assert all(i.islower() and i.replace("_", "").isalpha() for i in ids)


def test_an_operation_without_an_id_is_refused():
    router = Router()

    @router.get("/things")
    def things_list(request):
        return []

    other = PerinatalAPI(urls_namespace="test-missing-operation-id")
    other.add_router("/", router)
    with pytest.raises(ConfigError, match="things_list has no operation_id"):
        other.get_openapi_schema(path_prefix="/test/")


def test_an_operation_with_an_id_is_accepted():
    router = Router()

    @router.get("/things", operation_id="things_list")
    def things_list(request):
        return []

    other = PerinatalAPI(urls_namespace="test-given-operation-id")
    other.add_router("/", router)
    schema = other.get_openapi_schema(path_prefix="/test/")
    assert schema["paths"]["/test/things"]["get"]["operationId"] == "things_list"
