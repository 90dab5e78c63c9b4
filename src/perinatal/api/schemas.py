"""The API's error answers as Ninja schemas, so that the OpenAPI document shows them.

Every error is a `Problem` (RFC 9457 problem details, built by `api/problems.py`); wrong input
is an `InvalidInputProblem` with `errors: [{"field", "message"}]`. An app's refusal adds its
own members in a subclass of `Problem` next to its endpoints (a rule's code and figures).
`api/openapi_problems.py` documents them on every operation as `application/problem+json`.
"""

import re
from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """A date as the API documents it, `YYYY-MM-DD`: pydantic alone would also read a number
    (`?to=0`) as seconds since 1970."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("Input should be a date written YYYY-MM-DD")


# A date given by the caller (a query parameter or a body's field): `YYYY-MM-DD` only.
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class Problem(Schema):
    """Problem details (RFC 9457), with the API's own members `code`, `request_id` and
    `message` (the same text as `detail`, kept for clients of the first error format)."""

    type: str = Field(
        description="The problem type: `/api/v1/problems/<slug>`, documented there "
        "(`about:blank`: nothing more than the status).",
        json_schema_extra={"format": "uri-reference"},
    )
    title: str = Field(description="The type's short title, in the caller's language.")
    status: int = Field(description="The HTTP status.")
    detail: str = Field(description="What happened this time, in the caller's language.")
    instance: str = Field(
        description="The path of the request.", json_schema_extra={"format": "uri-reference"}
    )
    code: str = Field(
        description="The stable code to test: `not_authenticated`, `forbidden`, `no_access`, "
        "`not_found`, `invalid_input`, `throttled`, a rule's refusal code, …"
    )
    request_id: str = Field(description="The id the request was logged under: quote it.")
    message: str = Field(
        description="Deprecated: the same text as `detail`.",
        json_schema_extra={"deprecated": True},
    )


class FieldError(Schema):
    field: str | None = Field(description="The field as the request named it; null: the whole.")
    message: str


class NotInForceProblem(Problem):
    """A date before the first date of a rule that decides (type
    `/api/v1/problems/refused`): `detail` names the rule's first date."""

    code: Literal["not_in_force"]
    rule: str = Field(description="The identifier of the rule (`booklets.procedure`).")
    valid_from: date = Field(description="The first date on which the rule applies.")


class InvalidInputProblem(Problem):
    """Some of the input is wrong (type `/api/v1/problems/invalid-input`)."""

    code: Literal["invalid_input"]
    errors: list[FieldError]
