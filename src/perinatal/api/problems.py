"""Problem details (RFC 9457): the one builder of every error answer of the API.

Every error of `/api/v1/` (a refusal, wrong input, a missing token, an unknown address, a
throttled call, a failure of the server) answers `Content-Type: application/problem+json`:

    type        `/api/v1/problems/<slug>`, the problem type, documented at that address
                (`about:blank` for a status the catalogue below does not name)
    title       the type's short title, in the caller's language
    status      the HTTP status
    detail      this occurrence, in the caller's language (a 5xx never shows the exception)
    instance    the request's path, percent-encoded (a URI reference, as the schema says)
    code        the stable code clients test (`not_found`, `already_has_booklet`, …)
    request_id  the id the request was logged under (to quote to the operator)
    message     the same text as `detail`: the member of the API's first error format, kept
                for its clients (deprecated)

and the members of the type: `errors` for `invalid-input`; `rule`, `remaining`, … for
`refused`. `problem()` builds the body (an operation returns `Status(404, problem(...))`),
`problem_response()` the whole answer (exception handlers, middleware). Why these URIs:
docs/decisions/0016-api-problem-details.md.
"""

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.encoding import escape_uri_path
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from perinatal.core.failure import request_id_of

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PATH = "/api/v1/problems/"
# The members every problem has; a problem type's own members may not reuse these names.
COMMON_MEMBERS = ("type", "title", "status", "detail", "instance", "code", "request_id", "message")


@dataclass(frozen=True)
class ProblemType:
    """A kind of problem: its status, default code, title and explanation (shown when an
    occurrence says nothing more), and the members of its own it adds."""

    slug: str
    status: int
    code: str
    title: Promise
    explanation: Promise
    members: tuple[str, ...] = field(default=())

    @property
    def uri(self) -> str:
        return f"{TYPE_PATH}{self.slug}"


PROBLEM_TYPES: dict[str, ProblemType] = {
    t.slug: t
    for t in (
        ProblemType(
            "bad-request",
            400,
            "bad_request",
            _("Bad request"),
            _("The request could not be read: check its body and its parameters."),
        ),
        ProblemType(
            "not-authenticated",
            401,
            "not_authenticated",
            _("Not authenticated"),
            _("Log in, or send a valid API token: Authorization: Bearer <token>."),
        ),
        ProblemType("forbidden", 403, "forbidden", _("Forbidden"), _("You may not do this.")),
        ProblemType(
            "not-found", 404, "not_found", _("Not found"), _("There is nothing at this address.")
        ),
        ProblemType(
            "method-not-allowed",
            405,
            "method_not_allowed",
            _("Method not allowed"),
            _("This address does not take this method: the Allow header lists those it takes."),
        ),
        ProblemType(
            "conflict",
            409,
            "conflict",
            _("Conflict"),
            _("The request conflicts with the present state of the record."),
        ),
        ProblemType("too-large", 413, "too_large", _("Too large"), _("The request is too large.")),
        ProblemType(
            "unsupported-media-type",
            415,
            "unsupported_media_type",
            _("Unsupported media type"),
            _("The body is in a format this operation does not take."),
        ),
        ProblemType(
            "invalid-input",
            422,
            "invalid_input",
            _("Invalid input"),
            _("Some of the input is wrong: each error names the field and says why."),
            members=("errors",),
        ),
        ProblemType(
            "refused",
            422,
            "refused",
            _("Refused by a rule"),
            _("A rule of the programme or of the procedure does not allow this."),
            members=("rule",),
        ),
        ProblemType(
            "throttled",
            429,
            "throttled",
            _("Too many requests"),
            _("Too many requests: wait and try again."),
        ),
        ProblemType(
            "server-error",
            500,
            "server_error",
            _("Server error"),
            _("Something went wrong on our side. Please try again in a moment."),
        ),
        ProblemType(
            "unavailable",
            503,
            "unavailable",
            _("Service unavailable"),
            _("The site cannot reach its data right now. Please try again in a moment."),
        ),
    )
}
# The type of an answer by its status; a 422 that lists `errors` is `invalid-input`.
_BY_STATUS = {t.status: t for t in PROBLEM_TYPES.values() if t.slug != "invalid-input"}


def problem_type(status: int, members: dict[str, Any] | None = None) -> ProblemType | None:
    """The type of a problem with this status and these members (None: `about:blank`)."""
    if status == 422 and members and "errors" in members:
        return PROBLEM_TYPES["invalid-input"]
    return _BY_STATUS.get(status)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem(
    request: HttpRequest,
    status: int,
    *,
    code: str | None = None,
    detail: str | Promise | None = None,
    **members: Any,
) -> dict[str, Any]:
    """The problem details of an error answer: `code` and `detail` default to the type's."""
    reused = members.keys() & set(COMMON_MEMBERS)
    if reused:
        raise ValueError(f"a problem's own members may not be named {sorted(reused)}")
    kind = problem_type(status, members)
    text = str(detail) if detail else (str(kind.explanation) if kind else _phrase(status))
    return {
        "type": kind.uri if kind else "about:blank",
        "title": str(kind.title) if kind else _phrase(status),
        "status": status,
        "detail": text,
        "instance": escape_uri_path(request.path),
        "code": code or (kind.code if kind else "error"),
        "request_id": request_id_of(request),
        "message": text,
        **members,
    }


def problem_response(
    request: HttpRequest,
    status: int,
    *,
    code: str | None = None,
    detail: str | Promise | None = None,
    **members: Any,
) -> HttpResponse:
    """The whole answer: `problem(...)` as `application/problem+json`."""
    return problem_answer(problem(request, status, code=code, detail=detail, **members))


def problem_answer(body: dict[str, Any]) -> HttpResponse:
    """A problem built by `problem()` as the answer, with its status."""
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=body["status"],
        content_type=PROBLEM_CONTENT_TYPE,
    )


def is_problem(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
