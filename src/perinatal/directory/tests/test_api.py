"""HSDS-shaped read endpoints under /api/v1: search, filters, pages, errors, bad input."""

import uuid

import pytest

from perinatal.directory.search.index import reindex_services

from .hsds_factories import rich_directory

pytestmark = pytest.mark.django_db

ENVELOPE = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


@pytest.fixture
def directory():
    services = rich_directory()
    reindex_services()
    return services


def _names(response) -> set[str]:
    return {s["name"] for s in response.json()["contents"]}


def test_services_returns_the_hsds_envelope_and_is_public(client, directory):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == ENVELOPE
    assert body["total_items"] == 3 and body["page_number"] == 1 and body["first_page"]
    assert response["Cache-Control"] == "public, max-age=60"


def test_services_search_in_french_gives_french_text(client, directory):
    response = client.get("/api/v1/services", {"q": "deuil", "lang": "fr"})
    assert response.status_code == 200
    assert "Deuil périnatal" in _names(response)


def test_services_filters_by_phase_need_programme_and_postcode(client, directory):
    by_phase = client.get("/api/v1/services", {"phase": ["prenatal", "specific_situations"]})
    assert _names(by_phase) == {"Prenatale consultatie", "Perinatale rouw"}
    by_need = client.get("/api/v1/services", {"need": "perinatal_grief"})
    assert _names(by_need) == {"Perinatale rouw"}
    assert _names(client.get("/api/v1/services", {"programme": "true"})) == {
        "Prenatale consultatie"
    }
    assert _names(client.get("/api/v1/services", {"postcode": "1190"})) == {"Prenatale consultatie"}
    assert _names(client.get("/api/v1/services", {"language": "ar"})) == {"Prenatale consultatie"}


def test_services_pages(client, directory):
    first = client.get("/api/v1/services", {"per_page": 2}).json()
    second = client.get("/api/v1/services", {"per_page": 2, "page": 2}).json()
    assert (first["size"], first["total_pages"], first["last_page"]) == (2, 2, False)
    assert (second["size"], second["page_number"], second["last_page"]) == (1, 2, True)
    ids = {s["id"] for s in first["contents"]} | {s["id"] for s in second["contents"]}
    assert len(ids) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"phase": "someday"}, "phase"),
        ({"need": "x"}, "need"),
        ({"lang": "de"}, "lang"),
        ({"per_page": 101}, "per_page"),
        ({"page": 0}, "page"),
        ({"language": "1; DROP"}, "language"),
        ({"low_cost": "maybe"}, "low_cost"),
    ],
)
def test_invalid_parameters_give_422_naming_the_field(client, directory, params, field):
    response = client.get("/api/v1/services", params)
    assert response.status_code == 422
    assert any(e["field"] == field for e in response.json()["errors"])


@pytest.mark.parametrize(
    "text",
    [
        '"perinatale rouw"',
        "rouw' OR 1=1 --",
        "'; DROP TABLE directory_service; --",
        "x" * 10_000,
        "👶🏽 deuil 🍼",
        "AND OR NOT NEAR(",
        "%_\\*",
    ],
)
def test_bad_search_input_never_gives_an_error(client, directory, text):
    response = client.get("/api/v1/services", {"q": text})
    assert response.status_code == 200
    assert isinstance(response.json()["contents"], list)


def test_service_detail_in_the_chosen_language(client, directory):
    service = directory[0]
    response = client.get(f"/api/v1/services/{service.id}", {"lang": "fr"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Consultation prénatale"
    assert body["assured_date"] == "2025-03-01"
    codes = {a["taxonomy_term"]["code"] for a in body["attributes"]}
    assert {"prenatal", "birth", "free", "programme-1000-days"} <= codes


def test_unknown_ids_give_404_json(client, directory):
    for path in ("services", "organizations"):
        response = client.get(f"/api/v1/{path}/{uuid.uuid4()}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/services/not-a-uuid").status_code == 422


def test_organizations_list_and_detail(client, directory):
    body = client.get("/api/v1/organizations").json()
    assert set(body) == ENVELOPE and body["total_items"] == 2
    org_id = directory[0].organization_id
    detail = client.get(f"/api/v1/organizations/{org_id}", {"lang": "fr"}).json()
    assert detail["name"] == "Kind en Gezin (ONE)"
    assert detail["phones"][0]["number"] == "+3225331211"  # stored in E.164


def test_taxonomy_terms_lists_phases_and_needs(client, directory):
    body = client.get("/api/v1/taxonomy_terms", {"per_page": 100}).json()
    codes = {(t["taxonomy"], t["code"]) for t in body["contents"]}
    assert ("perinatal-phase", "prenatal") in codes
    assert ("perinatal-need", "perinatal_grief") in codes


def test_openapi_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/services",
        "/api/v1/services/{service_id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/taxonomy_terms",
    ):
        assert "get" in schema["paths"][path]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/services"]["get"]["parameters"]}
    assert {"q", "lang", "phase", "need", "language", "page", "per_page"} <= parameters
    assert "ServicePage" in schema["components"]["schemas"]
    assert client.get("/api/v1/docs").status_code == 200
