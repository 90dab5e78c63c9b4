"""The shared error format of the API, as Ninja schemas (so the OpenAPI document shows it).

Every app answers a refusal with `ErrorOut` (`{"code", "message"}`) and wrong input with
`InvalidInputOut` (`{"code": "invalid_input", "errors": [{"field", "message"}]}`); the bodies
are built by `api/errors.py`. Each app keeps its own refusal schemas (a rule's code and its
figures) next to its endpoints.
"""

from typing import Literal

from ninja import Field, Schema


class ErrorOut(Schema):
    code: str = Field(description="`not_authenticated`, `forbidden`, `no_access` or `not_found`.")
    message: str


class FieldError(Schema):
    field: str | None
    message: str


class InvalidInputOut(Schema):
    code: Literal["invalid_input"]
    errors: list[FieldError]
