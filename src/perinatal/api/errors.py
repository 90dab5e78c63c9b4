"""The body of an `invalid_input` answer (422), built in one place for the whole API.

`{"code": "invalid_input", "errors": [{"field", "message"}]}` (`api/schemas.py`
`InvalidInputOut`), the fields named as the caller named them: from a service's
`ValidationError.message_dict` (`invalid_input_body`, with an app's own renaming of its form
field names) or from Ninja's request validation (`validation_error`, installed on the API).
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ninja import NinjaAPI
from ninja.errors import Throttled, ValidationError

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

Rename = Callable[[str], str | None]


def non_field(name: str) -> str | None:
    """A form's `__all__` concerns no one field: `None`; any other name as it is."""
    return None if name == "__all__" else name


def field_errors_body(errors: Iterable[tuple[str | None, str]]) -> dict[str, Any]:
    """`[(field, message), …]` → the `invalid_input` body."""
    return {
        "code": "invalid_input",
        "errors": [{"field": field, "message": message} for field, message in errors],
    }


def invalid_input_body(
    message_dict: dict[str, list[str]], rename: Rename = non_field
) -> dict[str, Any]:
    """A service's `ValidationError.message_dict` as the `invalid_input` body."""
    return field_errors_body(
        (rename(field), message) for field, messages in message_dict.items() for message in messages
    )


def request_field_name(loc: Sequence[Any]) -> str | None:
    """`["query", "filters", "phase", 0]` → `"phase"`: the name the caller used."""
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    if loc and loc[0] in ("query", "body") and len(parts) > 1:
        parts = parts[1:]  # drop the name of the grouping schema or body parameter
    return ".".join(parts) or None


def install(api: NinjaAPI) -> None:
    """Answer Ninja's request validation errors and throttled calls in the shared format."""

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        body = field_errors_body(
            (request_field_name(err.get("loc", [])), err.get("msg", "")) for err in exc.errors
        )
        return api.create_response(request, body, status=422)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        body = {"code": "throttled", "message": _("Too many requests: wait and try again.")}
        response = api.create_response(request, body, status=429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response
