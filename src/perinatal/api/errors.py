"""The API's answers to errors that are not an operation's own refusal, and the body of wrong
input, all as problem details (`api/problems.py`):

- wrong input → 422 `invalid_input` with `errors: [{"field", "message"}]`, the fields named as
  the caller named them: from Ninja's request validation (`request_field_name`) or from a
  service's `ValidationError.message_dict` (`invalid_input_problem`, with an app's renaming
  of its form field names);
- a throttled call → 429 `throttled` with `Retry-After`;
- Ninja's `HttpError`s: 401 `not_authenticated`, 403 `forbidden` (`csrf_failed` for a session
  call without its CSRF token), 400 `bad_request` (a body that is not JSON), …;
- `Http404` → 404 `not_found`; a body past `DATA_UPLOAD_MAX_MEMORY_SIZE` → 413 `too_large`;
- a control character in a body, query or form (`api/input_gate.py`) → 422 `invalid_input`
  naming each field;
- a date before a rule's first value (`NotInForce`) → 422 `not_in_force`, the message naming
  the rule's first date; any other domain error a service lets through → 422 `refused`
  (`DOMAIN_ERRORS`), never a 500.

Any other exception goes on to Django, whose `handler500` answers 500 or 503 (when the
database is unavailable) and `api/middleware.py` makes that a problem too.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as RequestInvalid

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from perinatal.core.parameters import NotInForce

from .input_gate import ControlCharactersRefused
from .problems import problem, problem_answer, problem_response

Rename = Callable[[str], str | None]
# Ninja's own (English) messages, replaced by the problem type's translated explanation.
NINJA_MESSAGES = {"Unauthorized", "Forbidden", "Too many requests.", "Cannot parse request body"}
NINJA_CSRF_MESSAGE = "CSRF check Failed"


def non_field(name: str) -> str | None:
    """A form's `__all__` concerns no one field: `None`; any other name as it is."""
    return None if name == "__all__" else name


def invalid_input(
    request: HttpRequest,
    errors: Iterable[tuple[str | None, str]],
    detail: str | Promise | None = None,
) -> dict[str, Any]:
    """`[(field, message), …]` → the `invalid_input` problem (422)."""
    listed = [{"field": field, "message": str(message)} for field, message in errors]
    return problem(request, 422, code="invalid_input", detail=detail, errors=listed)


def invalid_input_problem(
    request: HttpRequest, message_dict: dict[str, list[str]], rename: Rename = non_field
) -> dict[str, Any]:
    """A service's `ValidationError.message_dict` as the `invalid_input` problem."""
    return invalid_input(
        request,
        (
            (rename(field), message)
            for field, messages in message_dict.items()
            for message in messages
        ),
    )


def request_field_name(loc: Sequence[Any]) -> str | None:
    """`["query", "filters", "phase", 0]` → `"phase"`: the name the caller used."""
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    if loc and loc[0] in ("query", "body") and len(parts) > 1:
        parts = parts[1:]  # drop the name of the grouping schema or body parameter
    return ".".join(parts) or None


CSRF_DETAIL = _lazy("Send the CSRF token in the X-CSRFToken header.")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF refusal (CSRF_FAILURE_VIEW): under `/api/` the problem with the
    documented code `csrf_failed`, as Ninja's own check answers; a page otherwise, in the
    visitor's language (Django's is in English and says nothing they can do)."""
    if (request.path + "/").startswith("/api/"):
        return problem_response(request, 403, code="csrf_failed", detail=CSRF_DETAIL)
    return render(
        request,
        "core/message.html",
        {
            "title": _("The form has expired"),
            "message": _(
                "The page was open too long, or cookies are blocked. Go back, reload the "
                "page and send the form again."
            ),
        },
        status=403,
    )


def install(api: NinjaAPI) -> None:
    """Answer Ninja's errors, throttled calls and too large bodies as problems."""

    @api.exception_handler(RequestInvalid)
    def validation_error(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
        errors = (
            (request_field_name(err.get("loc", [])), err.get("msg", "")) for err in exc.errors
        )
        return problem_answer(invalid_input(request, errors))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = problem_response(request, 429, code="throttled")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(ControlCharactersRefused)
    def control_characters(request: HttpRequest, exc: ControlCharactersRefused) -> HttpResponse:
        return problem_answer(invalid_input(request, exc.errors))

    @api.exception_handler(NotInForce)
    def not_in_force(request: HttpRequest, exc: NotInForce) -> HttpResponse:
        return problem_response(
            request,
            422,
            code="not_in_force",
            detail=exc.message(),
            rule=exc.name,
            valid_from=exc.first,
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, ControlCharactersRefused):  # raised by the body's parser
            return control_characters(request, exc.__cause__)
        detail = None if exc.message in NINJA_MESSAGES else exc.message
        code = None
        if exc.message == NINJA_CSRF_MESSAGE:
            code, detail = "csrf_failed", str(CSRF_DETAIL)
        elif isinstance(exc, AuthenticationError):
            code = "not_authenticated"
        elif isinstance(exc, AuthorizationError):
            code = "forbidden"
        return problem_response(request, exc.status_code, code=code, detail=detail)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(request, 404, code="not_found")

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(request, 413, code="too_large")
