"""The OpenAPI document documents the problems (`api/openapi_problems.py`): a `Problem` schema
in the components, and on every operation the error answers it can give, each as
`application/problem+json`."""

import pytest

from django.utils import translation

from perinatal.api.problems import COMMON_MEMBERS, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "delete", "patch"}


@pytest.fixture(scope="module")
def document(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        return Client().get("/api/v1/openapi.json").json()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def schemas_of(document, schema: dict) -> list[dict]:
    """The component schemas an answer's schema names (one, or each of a union)."""
    refs = [schema] if "$ref" in schema else schema.get("anyOf", schema.get("oneOf", []))
    prefix = "#/components/schemas/"
    return [document["components"]["schemas"][r["$ref"].removeprefix(prefix)] for r in refs]


def test_the_components_hold_the_problem_schemas(document):
    schemas = document["components"]["schemas"]
    assert set(schemas["Problem"]["required"]) == set(COMMON_MEMBERS)
    assert schemas["Problem"]["properties"]["message"]["deprecated"] is True
    assert schemas["InvalidInputProblem"]["properties"]["code"]["const"] == "invalid_input"
    assert "errors" in schemas["InvalidInputProblem"]["required"]


def test_every_operation_documents_the_problems_it_can_give(document):
    found = list(operations(document))
    assert len(found) > 40
    for path, method, operation in found:
        where = (method, path)
        answers = operation["responses"]
        parameters = operation.get("parameters", [])
        expected = {"429", "500", "503"}
        if operation.get("security"):
            expected |= {"401", "403"}
        if any(p["in"] == "path" for p in parameters):
            expected.add("404")
        if "requestBody" in operation or any(p["in"] in ("query", "path") for p in parameters):
            expected.add("422")
        assert expected <= set(answers), (where, sorted(answers))
        for status, answer in answers.items():
            if int(status) < 400:
                continue
            assert set(answer["content"]) == {PROBLEM_CONTENT_TYPE}, (where, status)
            for schema in schemas_of(document, answer["content"][PROBLEM_CONTENT_TYPE]["schema"]):
                assert set(COMMON_MEMBERS) <= set(schema["properties"]), (where, status)


def test_a_public_read_documents_no_authentication_problem(document):
    answers = document["paths"]["/api/v1/taxonomy_terms"]["get"]["responses"]
    assert "401" not in answers and "404" not in answers
    assert {"200", "422", "429", "500", "503"} <= set(answers)


@pytest.mark.parametrize("slug", list(PROBLEM_TYPES))
def test_each_problem_type_is_documented_at_its_address(client, slug):
    kind = PROBLEM_TYPES[slug]
    page = client.get(kind.uri, headers={"Accept-Language": "fr"})
    assert page.status_code == 200
    with translation.override("fr"):
        title = str(kind.title)
    assert f"<h1>{title}</h1>" in page.content.decode().replace("&#x27;", "'")


def test_the_index_lists_every_type(client):
    page = client.get("/api/v1/problems/").content.decode()
    assert all(f'href="{kind.uri}"' in page for kind in PROBLEM_TYPES.values())


def test_an_unknown_problem_type_is_itself_a_404_problem(client):
    response = client.get("/api/v1/problems/no-such-type")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
