"""The OpenAPI document lists every monitoring operation under the tag "monitoring", with
token authentication, the submission's two request bodies (CSV or multipart files) and its
answer 202 (imported in the background), and the import's own address."""

import json

import pytest

pytestmark = pytest.mark.django_db

OPERATIONS = [
    ("post", "/api/v1/monitoring/submissions"),
    ("get", "/api/v1/monitoring/submissions"),
    ("get", "/api/v1/monitoring/imports/{job_id}"),
    ("get", "/api/v1/monitoring/reports/kraamzorg"),
    ("get", "/api/v1/monitoring/reports/kraamzorg/trend"),
    ("get", "/api/v1/monitoring/reports/kraamzorg/file"),
    ("get", "/api/v1/monitoring/years"),
    ("post", "/api/v1/monitoring/years/{year}/close"),
    ("post", "/api/v1/monitoring/years/{year}/reopen"),
]
# For whoever started the job (a report file is theirs): not found rather than forbidden.
OWN_JOB_OPERATIONS = [("get", "/api/v1/monitoring/reports/files/{job_id}")]


@pytest.fixture(scope="module")
def schema():
    from perinatal.api.v1 import api

    return json.loads(json.dumps(api.get_openapi_schema()))  # as served: string keys


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_the_schema_lists_the_operation_with_its_tag_and_token(schema, method, path):
    operation = schema["paths"][path][method]
    assert operation["tags"] == ["monitoring"]
    assert operation["security"] == [{"BearerToken": []}]
    assert operation["summary"]
    assert "403" in operation["responses"]


def test_the_submission_takes_a_csv_body_or_multipart_files(schema):
    operation = schema["paths"]["/api/v1/monitoring/submissions"]["post"]
    content = operation["requestBody"]["content"]
    assert set(content) == {"text/csv", "multipart/form-data"}
    assert set(operation["responses"]) >= {"202", "401", "403", "413", "422"}
    assert "201" not in operation["responses"]


def test_the_import_answers_its_state_with_what_was_stored_or_the_refusal(schema):
    operation = schema["paths"]["/api/v1/monitoring/imports/{job_id}"]["get"]
    assert set(operation["responses"]) >= {"200", "401", "403", "404"}
    body = schema["components"]["schemas"]["ImportOut"]["properties"]
    assert {"job_id", "status", "done", "total", "stored", "refusal", "failure"} <= set(body)


def test_the_served_document_has_the_monitoring_paths(client):
    served = client.get("/api/v1/openapi.json").json()
    found = {
        (method, path)
        for path, item in served["paths"].items()
        for method in item
        if path.startswith("/api/v1/monitoring/")
    }
    assert found == set(OPERATIONS) | set(OWN_JOB_OPERATIONS)


def test_a_report_file_is_a_file_at_once_or_a_job(schema):
    operation = schema["paths"]["/api/v1/monitoring/reports/kraamzorg/file"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {
        "text/csv",
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    accepted = operation["responses"]["202"]["content"]["application/json"]["schema"]
    assert accepted["$ref"].endswith("/JobAcceptedOut")
    finished = schema["paths"]["/api/v1/monitoring/reports/files/{job_id}"]["get"]
    assert "application/pdf" in finished["responses"]["200"]["content"]
    assert set(finished["responses"]) >= {"200", "401", "404", "409"}
