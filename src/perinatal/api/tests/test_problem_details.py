"""Every error of the API is problem details (RFC 9457, `api/problems.py`): one table of error
cases, each answered `application/problem+json` with `type`, `title`, `status`, `detail`,
`instance`, `code` and `request_id`, in the caller's language; a failure of the server never
shows the exception's text."""

import json
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.encoding import escape_uri_path

from perinatal.api.problems import PROBLEM_CONTENT_TYPE, PROBLEM_TYPES
from perinatal.api.v1 import api
from perinatal.core.failure import RETRY_AFTER_SECONDS
from perinatal.pathways.tests.api_support import api_for, token_for
from perinatal.pathways.tests.test_api_rules import at, family, screen

pytestmark = pytest.mark.django_db

SECRET = "secret detail 85.07.30-033.28 of the failure"
ANY_ID = "3f1c7a52-8d7e-4a6b-9d55-2b1f0c9e4a10"


def caller(**kwargs: Any) -> Client:
    return Client(raise_request_exception=False, **kwargs)


def bearer(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user)}"}


def unknown_address(request, headers):
    return caller().get("/api/v1/no-such-thing", headers=headers)


def unknown_version(request, headers):
    return caller().get("/api/v2/services", headers=headers)


def the_api_root(request, headers):
    return caller().get("/api", headers=headers)


def unknown_service(request, headers):
    return caller().get(f"/api/v1/services/{ANY_ID}", headers=headers)


def method_ninja_does_not_take(request, headers):
    return caller().delete("/api/v1/services", headers=headers)


def method_django_does_not_take(request, headers):
    return caller().post("/api/v1/openapi.json", headers=headers)


def wrong_query(request, headers):
    return caller().get("/api/v1/services?per_page=1000", headers=headers)


def no_token(request, headers):
    return caller().get("/api/v1/pregnancies", headers=headers)


def token_of_another_role(request, headers):
    analyst = request.getfixturevalue("analyst")
    return caller().get("/api/v1/pregnancies", headers=headers | bearer(analyst))


def session_without_csrf_token(request, headers):
    client = request.getfixturevalue("client_for")(request.getfixturevalue("editor"))
    client.handler.enforce_csrf_checks = True
    client.raise_request_exception = False
    body = json.dumps({"reason": "typo"})
    return client.patch(
        f"/api/v1/services/{ANY_ID}", body, content_type="application/json", headers=headers
    )


def anonymous_correction(request, headers):
    return caller().patch(
        f"/api/v1/services/{ANY_ID}", "{}", content_type="application/json", headers=headers
    )


def second_factor_missing(request, headers):
    client = request.getfixturevalue("client_for")(
        request.getfixturevalue("editor"), verified=False
    )
    client.raise_request_exception = False
    return client.get("/api/v1/taxonomy_terms", headers=headers)


def body_that_is_not_json(request, headers):
    nurse = request.getfixturevalue("kg_nurse")
    return caller().post(
        "/api/v1/pregnancies",
        "{not json",
        content_type="application/json",
        headers=headers | bearer(nurse),
    )


def body_too_large(request, headers):
    nurse = request.getfixturevalue("kg_nurse")
    body = json.dumps({"padding": "x" * 5000})
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        return caller().post(
            "/api/v1/pregnancies",
            body,
            content_type="application/json",
            headers=headers | bearer(nurse),
        )


def year_not_yet_over(request, headers):
    analyst = request.getfixturevalue("analyst")
    year = timezone.localdate().year
    return caller().post(
        f"/api/v1/monitoring/years/{year}/close", headers=headers | bearer(analyst)
    )


def reopening_without_reason(request, headers):
    analyst = request.getfixturevalue("analyst")
    return caller().post(
        "/api/v1/monitoring/years/2016/reopen",
        json.dumps({"reason": " "}),
        content_type="application/json",
        headers=headers | bearer(analyst),
    )


def _failing_service_lookup(monkeypatch, exc: Exception) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise exc

    monkeypatch.setattr("perinatal.directory.api.endpoints.services_for_export", fail)


def failure_in_an_operation(request, headers):
    _failing_service_lookup(request.getfixturevalue("monkeypatch"), RuntimeError(SECRET))
    return caller().get(f"/api/v1/services/{ANY_ID}", headers=headers)


def database_unavailable_in_an_operation(request, headers):
    down = OperationalError(f"connection to server at 127.0.0.1, port 1 failed: {SECRET}")
    _failing_service_lookup(request.getfixturevalue("monkeypatch"), down)
    return caller().get(f"/api/v1/services/{ANY_ID}", headers=headers)


Call = Callable[[Any, dict[str, str]], Any]
# (the call, its language, status, code, problem type)
CASES: list[tuple[Call, str, int, str, str]] = [
    (unknown_address, "fr", 404, "not_found", "not-found"),
    (unknown_version, "en", 404, "not_found", "not-found"),
    (the_api_root, "nl", 404, "not_found", "not-found"),
    (unknown_service, "nl", 404, "not_found", "not-found"),
    (method_ninja_does_not_take, "fr", 405, "method_not_allowed", "method-not-allowed"),
    (method_django_does_not_take, "nl", 405, "method_not_allowed", "method-not-allowed"),
    (wrong_query, "fr", 422, "invalid_input", "invalid-input"),
    (no_token, "nl", 401, "not_authenticated", "not-authenticated"),
    (token_of_another_role, "fr", 403, "forbidden", "forbidden"),
    (session_without_csrf_token, "en", 403, "csrf_failed", "forbidden"),
    (anonymous_correction, "fr", 401, "not_authenticated", "not-authenticated"),
    (second_factor_missing, "nl", 403, "two_factor_required", "forbidden"),
    (body_that_is_not_json, "fr", 400, "bad_request", "bad-request"),
    (body_too_large, "nl", 413, "too_large", "too-large"),
    (year_not_yet_over, "fr", 409, "before_deadline", "conflict"),
    (reopening_without_reason, "nl", 422, "reason_required", "refused"),
    (failure_in_an_operation, "fr", 500, "server_error", "server-error"),
    (database_unavailable_in_an_operation, "nl", 503, "unavailable", "unavailable"),
]


def assert_problem(response, *, language: str, status: int, code: str, slug: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    problem = response.json()
    kind = PROBLEM_TYPES[slug]
    with translation.override(language):
        title = str(kind.title)
    with translation.override("en"):
        english = str(kind.title)
    assert problem["type"] == f"/api/v1/problems/{slug}"
    assert problem["title"] == title
    assert language == "en" or title != english  # translated, not left in English
    assert problem["status"] == status
    assert problem["detail"] and problem["message"] == problem["detail"]
    assert problem["instance"] == escape_uri_path(response.wsgi_request.path)
    assert problem["code"] == code
    assert problem["request_id"] == response["X-Request-ID"]
    return problem


@pytest.mark.parametrize(
    ("call", "language", "status", "code", "slug"), CASES, ids=[c[0].__name__ for c in CASES]
)
def test_every_error_is_a_problem_in_the_callers_language(
    request, call, language, status, code, slug
):
    response = call(request, {"Accept-Language": language})
    problem = assert_problem(response, language=language, status=status, code=code, slug=slug)
    assert SECRET not in response.content.decode()
    if status == 405:
        assert "GET" in response["Allow"]
    if status == 401 and "pregnancies" in problem["instance"]:
        assert response["WWW-Authenticate"] == "Bearer"
    if status == 503:
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    if slug == "invalid-input":
        assert [e["field"] for e in problem["errors"]] == ["per_page"]


def test_a_failure_shows_neither_the_exception_nor_its_type(request):
    response = failure_in_an_operation(request, {})
    body = response.content.decode()
    assert response.status_code == 500
    assert SECRET not in body and "RuntimeError" not in body and "Traceback" not in body


def test_a_throttled_call_is_a_problem_with_retry_after(monkeypatch):
    (anonymous,) = [t for t in api.throttle if t.scope == "anon"]
    monkeypatch.setattr(anonymous, "num_requests", 1)
    monkeypatch.setattr(anonymous, "duration", 60)
    monkeypatch.setattr(anonymous, "timer", lambda: 1_000_040.0)  # 40 s before its window ends
    client = caller(REMOTE_ADDR="192.0.2.30")
    assert client.get("/api/v1/taxonomy_terms").status_code == 200
    refused = client.get("/api/v1/taxonomy_terms", headers={"Accept-Language": "fr"})
    problem = assert_problem(refused, language="fr", status=429, code="throttled", slug="throttled")
    assert problem["detail"].startswith("Trop de requêtes")
    assert 0 < int(refused["Retry-After"]) <= 60


def test_a_rule_refusal_keeps_its_own_members(midwife):
    """A programme rule's refusal (pathways): `code` is the rule's, with `rule` and
    `remaining` beside the problem's members."""
    pregnancy = family(midwife, date(2025, 3, 1))
    with at(date(2025, 3, 2)):
        response = screen(api_for(midwife, language="fr"), pregnancy, date(2025, 3, 2))
    problem = assert_problem(
        response, language="fr", status=422, code="provider_not_participating", slug="refused"
    )
    assert problem["rule"] == "screening.once"
    assert "remaining" in problem


def test_the_same_answer_without_a_language_is_dutch():
    response = caller().get(f"/api/v1/services/{uuid.uuid4()}")
    assert_problem(response, language="nl", status=404, code="not_found", slug="not-found")
    assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_the_instance_is_a_uri_reference_even_for_a_path_with_accents():
    """Found by the contract test: the schema says `uri-reference`, a raw `ø` is not one."""
    response = caller().get("/api/v1/services/%C3%B8")
    assert response.status_code in (404, 422)
    assert response.json()["instance"] == "/api/v1/services/%C3%B8"
