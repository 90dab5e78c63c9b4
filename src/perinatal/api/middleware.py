"""Every error under `/api/` is problem details, also when it was answered outside the API's
own handlers (`api/errors.py`): an unknown address (Django's 404), a method an address does
not take (Ninja's 405, with `Allow`), a request Django refused (400), a failure of the server
(`core/failure.py`'s 500, or 503 with `Retry-After` when the database is unavailable).

The answer keeps its status, headers and cookies; its body becomes the problem of that status
in the caller's language. Nothing of the first body is kept, so a 5xx never shows what failed.

`ProblemDetailsMiddleware` goes right after `RequestIdMiddleware` in MIDDLEWARE: it sees what
every later middleware and view answered, with the request id known.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from perinatal.core.failure import request_language

from .problems import is_problem, problem_response

API_PREFIX = "/api/"
# Headers of the first answer that describe its body, not the problem that replaces it.
BODY_HEADERS = {"content-type", "content-length", "content-language", "content-disposition"}


class ProblemDetailsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            (request.path + "/").startswith(API_PREFIX)
            and response.status_code >= 400
            and not is_problem(response)
        ):
            return as_problem(request, response)
        return response


def as_problem(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """`response` with the problem of its status as its body."""
    language = request_language(request)
    with translation.override(language):
        answer = problem_response(request, response.status_code)
    for header, value in response.items():
        if header.lower() not in BODY_HEADERS:
            answer[header] = value
    answer["Content-Language"] = language
    answer.cookies = response.cookies
    # Django logs an error answer once (`django.utils.log.log_response` marks it); the mark
    # moves to the answer that replaces it, or the failure would be logged twice.
    if getattr(response, "_has_been_logged", False):
        answer._has_been_logged = True  # type: ignore[attr-defined]
    return answer
