"""The error answers in the OpenAPI document: every operation lists the problems it can give,
as `application/problem+json` (`api/problems.py`).

Ninja documents what an operation declares (`response={404: Problem, …}`) as
`application/json`; `document_problems` moves every 4xx/5xx answer to the problem media type
and adds the answers any operation can give whatever it declares:

- 429 `throttled`, 500 `server_error`, 503 `unavailable`: every operation;
- 401 `not_authenticated`, 403 `forbidden`: an operation that requires authentication;
- 404 `not_found`: an operation with a path parameter;
- 422 `invalid_input` (`InvalidInputProblem`): an operation with a body, a query or a path
  parameter (a year that is not a number, a number out of range);
- 400 `bad_request`: an operation with a body (one that is not JSON).

The `Problem` and `InvalidInputProblem` schemas are in the document's components.
"""

from http.client import responses
from typing import Any

from ninja.openapi.schema import REF_TEMPLATE, NinjaGenerateJsonSchema
from pydantic import BaseModel

from .problems import PROBLEM_CONTENT_TYPE
from .schemas import InvalidInputProblem, Problem

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
ALWAYS = (429, 500, 503)


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Document the problems of every operation of `document` (changed in place)."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (Problem, InvalidInputProblem):
        _add_component(components, model)
    for item in document.get("paths", {}).values():
        for method, operation in item.items():
            if method in METHODS:
                _document_operation(operation)
    return document


def expected_statuses(operation: dict[str, Any]) -> set[int]:
    """The error statuses any operation like this one can answer."""
    parameters = operation.get("parameters", [])
    statuses = set(ALWAYS)
    if operation.get("security"):
        statuses |= {401, 403}
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if "requestBody" in operation:
        statuses |= {400, 422}
    if any(p.get("in") in ("query", "path") for p in parameters):
        statuses.add(422)
    return statuses


def _document_operation(operation: dict[str, Any]) -> None:
    # Ninja's keys are numbers; the served document's are text: one of each would be two.
    responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
    for key, answer in responses.items():
        content = answer.get("content", {})
        if int(key) >= 400 and "application/json" in content:
            content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
    for status in sorted(expected_statuses(operation)):
        responses.setdefault(str(status), _answer(status))
    operation["responses"] = dict(sorted(responses.items()))


def _answer(status: int) -> dict[str, Any]:
    model = InvalidInputProblem if status == 422 else Problem
    return {
        "description": responses.get(status, str(status)),  # as Ninja describes a status
        "content": {
            PROBLEM_CONTENT_TYPE: {"schema": {"$ref": REF_TEMPLATE.format(model=model.__name__)}}
        },
    }


def _add_component(components: dict[str, Any], model: type[BaseModel]) -> None:
    if model.__name__ in components:
        return
    schema = model.model_json_schema(
        ref_template=REF_TEMPLATE,
        by_alias=True,
        schema_generator=NinjaGenerateJsonSchema,
        mode="serialization",
    )
    for name, definition in schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components[model.__name__] = schema
