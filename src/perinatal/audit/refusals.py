"""Refused accesses to a family record in the access log (issue 17, decision 0033).

A request for a page or an endpoint that names a family record in its URL (a pregnancy, a
referral, a discharge, a Kindboekje, a kraamzorg request, …) and is refused — a 403, a 404
by policy, or a `NoAccess` the view caught and showed as a page — leaves one row in the access
log with outcome `refused`, the record asked for, the action and the reason (a
`RefusalReason`).

- The apps say which URL arguments name their records: `protected_urls.register(key, finder)`
  from their `AppConfig.ready()`, where `key` is `"namespace:argument"` (every URL of the
  namespace with that argument) or `"namespace:url_name:argument"` (one URL, which wins). The
  finder loads the record by the URL's value and says why this user may not have it.
- `RefusedAccessMiddleware` writes the row after the response is made: outside the view's
  transaction, which the refusal rolled back, so the row stays.
- An id that names no record is not an access to personal data: no row. Nor is a refusal of
  an anonymous visitor (sent to the login page, or 401 from the API): nobody to name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse

from perinatal.core.refusals import NoAccess, raised_refusals
from perinatal.core.registry import Registry

from .models import AccessAction, AccessBasis, RefusalReason
from .services import access_record


@dataclass(frozen=True)
class ProtectedRecord:
    """A record a URL named: its type, id, the family it belongs to (pseudonymous), and why
    the user may not have it ("" when the user may see it, and was refused something else)."""

    record_type: str
    record_id: str
    subject: str
    reason: str


# (user, the URL argument's value) -> the record, or None when there is no such record.
Finder = Callable[[Any, str], ProtectedRecord | None]
protected_urls: Registry[Finder] = Registry("family-record URL arguments")

ACTIONS = {
    "GET": AccessAction.READ,
    "HEAD": AccessAction.READ,
    "DELETE": AccessAction.DELETE,
}


def refusing_user(request: HttpRequest) -> Any:
    """Who was refused: the API token's user (also one refused for its role), else the
    session's; None for an anonymous visitor."""
    for candidate in (
        getattr(request, "auth", None),
        getattr(request, "refused_token_user", None),
        getattr(request, "user", None),
    ):
        if candidate is not None and getattr(candidate, "is_authenticated", False):
            return candidate
    return None


def protected_record(request: HttpRequest, user: Any) -> tuple[str, ProtectedRecord] | None:
    """(URL name, record) of the family record the request's URL names, if any."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for argument, value in match.kwargs.items():
        finder = protected_urls.get(f"{match.view_name}:{argument}") or protected_urls.get(
            f"{match.namespace}:{argument}"
        )
        if finder is not None:
            found = finder(user, str(value))
            return (match.view_name, found) if found is not None else None
    return None


def _second_factor_missing(request: HttpRequest, user: Any) -> bool:
    if getattr(request, "auth", None) is not None:
        return False  # an API token: the second factor was passed when it was made
    is_verified = getattr(user, "is_verified", None)
    requires = getattr(user, "requires_two_factor", None)
    return callable(requires) and requires() and callable(is_verified) and not is_verified()


def refusal_reason(
    request: HttpRequest, user: Any, record: ProtectedRecord, raised: list[NoAccess]
) -> str:
    """The reason written: the raiser's, else a missing second factor, else the record's;
    a 403 to someone who may see the record was refused the action, not the record."""
    for exc in raised:
        if exc.reason:
            return exc.reason
    if _second_factor_missing(request, user):
        return RefusalReason.SECOND_FACTOR_MISSING
    return record.reason or RefusalReason.ROLE_NOT_ALLOWED


def record_refusal(request: HttpRequest, response: HttpResponse, raised: list[NoAccess]) -> bool:
    """Write the refused row for this request when it was a refused access to a family
    record; True when written."""
    if raised and all(exc.logged for exc in raised):
        return False  # the raiser wrote the row (in its own transaction)
    refused = bool(raised) or response.status_code in (403, 404)
    user = refusing_user(request) if refused else None
    if user is None:
        return False
    found = protected_record(request, user)
    if found is None:
        return False
    url_name, record = found
    if not raised and not record.reason and response.status_code == 404:
        return False  # someone who may see the record asked for something in it that is not
    access_record(
        actor=user,
        action=ACTIONS.get(request.method or "GET", AccessAction.UPDATE),
        record_type=record.record_type,
        record_id=record.record_id,
        subject=record.subject,
        purpose=f"refused: {url_name}"[:100],
        basis=AccessBasis.NONE,
        refusal=refusal_reason(request, user, record, raised),
        reason=f"HTTP {response.status_code}",
        request=request,
    )
    return True


class RefusedAccessMiddleware:
    """Collects the `NoAccess` raised while a request is answered and logs the refusal
    after the response is made (outside every transaction of the view)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raised: list[NoAccess] = []
        token = raised_refusals.set(raised)
        try:
            response = self.get_response(request)
        finally:
            raised_refusals.reset(token)
        record_refusal(request, response, raised)
        return response
