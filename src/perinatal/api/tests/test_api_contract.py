"""The API contract (issue 17, item 4): Schemathesis sends every operation of
`/api/v1/openapi.json` generated requests, valid and invalid, as each principal (anonymous, a
parent's session, an API token of every other role), to the application in this process on
the test database, and each answer must

- not be a 5xx,
- have a status the document lists for the operation,
- match the documented schema and media type (every error: the problem shape).

The examples are bounded (`EXAMPLES` per operation and generation mode, no shrinking) so that
the whole run stays within a few minutes a database. Each principal's run prints one summary
line (`contract database=… principal=… operations=… requests=… 5xx=…`), which CI's output
shows (`conftest.py` prints it at the end) and `docs/security.md` quotes.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup, ServerError
from schemathesis.openapi.checks import JsonSchemaError, UndefinedStatusCode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.db import connection

from perinatal.api.v1 import api

from .contract_support import PRINCIPALS, Tally, credentials, wsgi_app

pytestmark = pytest.mark.django_db

EXAMPLES = 3  # per operation and generation mode
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SHOWN = 5  # failures shown per kind when the test fails


def kind_of(failure: Failure) -> str:
    if isinstance(failure, ServerError):
        return "server_error"
    if isinstance(failure, UndefinedStatusCode):
        return "undocumented_status"
    if isinstance(failure, JsonSchemaError):
        return "schema_violation"
    return "other"


@pytest.fixture
def unthrottled(monkeypatch):
    """The run sends thousands of calls a minute: the throttles (tested on their own in
    test_throttling.py) would answer 429 to most of them."""
    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 10**9)


def run_operation(operation, headers, cookies, tally: Tally) -> None:
    for mode in MODES:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def probe(case) -> None:
            response = case.call(headers=headers, cookies=cookies)
            tally.requests += 1
            tally.statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    tally.add(kind_of(failure), _described(case, response, failure))
            except Failure as failure:
                tally.add(kind_of(failure), _described(case, response, failure))

        probe()


def _described(case, response, failure: Failure) -> str:
    body = response.content[:300].decode("utf-8", "replace")
    return f"{case.method} {case.formatted_path} → {response.status_code}: {failure.title}; {failure.message[:600]}; {body}"


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_every_answer_is_in_the_contract(
    principal, unthrottled, record_property, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # an accepted upload is kept there for the import
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app())
    headers, cookies = credentials(principal)
    tally = Tally(principal)
    for result in schema.get_all_operations():
        operation = result.ok()
        tally.operations += 1
        run_operation(operation, headers, cookies, tally)
    line = tally.line(connection.vendor)
    record_property("figures", line)
    print(line)
    found = {kind: texts[:SHOWN] for kind, texts in tally.failures.items()}
    assert not tally.failures, f"{line}\n" + "\n".join(
        f"{kind}: {text}" for kind, texts in found.items() for text in texts
    )
