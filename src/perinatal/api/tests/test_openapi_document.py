"""`GET /api/v1/openapi.json` is built once per process (and language) and served with an
ETag: a second call reads the kept bytes, a conditional request gets 304."""

import pytest

from perinatal.api.v1 import api

URL = "/api/v1/openapi.json"


@pytest.fixture
def builds(monkeypatch):
    """Count the builds of the document (Ninja's `get_openapi_schema`, wrapped)."""
    calls = []
    build = api.get_openapi_schema

    def counted(*args, **kwargs):
        calls.append(1)
        return build(*args, **kwargs)

    api.forget_openapi_documents()
    monkeypatch.setattr(api, "get_openapi_schema", counted)
    yield calls
    api.forget_openapi_documents()


def test_two_calls_give_the_same_bytes_and_etag_from_one_build(client, builds):
    first = client.get(URL)
    second = client.get(URL)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith('"')
    assert first["Content-Type"] == "application/json"
    assert len(builds) == 1


def test_the_document_is_the_one_ninja_builds(client, builds):
    served = client.get(URL).json()
    assert served["paths"].keys() == api.get_openapi_schema()["paths"].keys()
    assert served["info"]["title"] == "perinatal API"


def test_a_conditional_request_with_the_etag_gets_304(client, builds):
    etag = client.get(URL)["ETag"]
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert len(builds) == 1


def test_another_etag_gets_the_whole_document(client, builds):
    response = client.get(URL, HTTP_IF_NONE_MATCH='"something-else"')
    assert response.status_code == 200 and response.json()["openapi"]


def test_each_language_is_built_once(client, builds):
    nl = client.get(URL, HTTP_ACCEPT_LANGUAGE="nl")
    fr = client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")
    client.get(URL, HTTP_ACCEPT_LANGUAGE="fr")
    client.get(URL, HTTP_ACCEPT_LANGUAGE="nl")
    assert len(builds) == 2
    assert "Accept-Language" in fr["Vary"]
    # Today the document reads the same in each language (its description is fixed at import).
    assert nl.content == fr.content


def test_the_docs_page_still_reads_the_document(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert b"/api/v1/openapi.json" in page.content


def test_writing_to_the_document_is_not_allowed(client, builds):
    assert client.post(URL).status_code == 405
