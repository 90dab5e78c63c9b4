"""The API contract test's plumbing (`test_api_contract.py`): the Django application as a WSGI
app in the test's own process and database, the principals (anonymous, and one user of every
role with its credentials) and the tally of what Schemathesis found.

The WSGI app is Django's test handler (`ClientHandler`): the request runs in the test's
transaction, on the test database, as the test client's requests do, and CSRF is checked as
in production.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.client import ClientHandler

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import logged_in_client, make_persona
from perinatal.accounts.tokens import may_hold_tokens, token_create

ANONYMOUS = "anonymous"
# Every role of the platform, and nobody.
PRINCIPALS = [ANONYMOUS, *(role.value for role in Role)]


def wsgi_app() -> Callable[..., Iterable[bytes]]:
    """Django as a WSGI application in this process, on the test database."""
    handler = ClientHandler(enforce_csrf_checks=True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response = handler(environ)
        try:
            phrase = HTTPStatus(response.status_code).phrase
        except ValueError:
            phrase = "Unknown"
        headers = list(response.items())
        headers += [("Set-Cookie", c.output(header="")) for c in response.cookies.values()]
        start_response(f"{response.status_code} {phrase}", headers)
        return [response.content]

    return app


def credentials(principal: str) -> tuple[dict[str, str], dict[str, str]]:
    """(headers, cookies) a client of this principal sends: nothing for anonymous; an API
    token for a professional (`Authorization: Bearer`); a logged-in session with its CSRF
    token for a parent, who holds no token (`accounts/tokens.may_hold_tokens`)."""
    if principal == ANONYMOUS:
        return {}, {}
    user = make_persona(principal)
    if may_hold_tokens(user):
        _record, token = token_create(user=user, name="contract")
        return {"Authorization": f"Bearer {token}"}, {}
    client = logged_in_client(user)
    csrf = get_token(RequestFactory().get("/"))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return (
        {"X-CSRFToken": csrf},
        {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: csrf},
    )


@dataclass
class Tally:
    """What one principal's run found: requests, statuses, and the failures by kind."""

    principal: str
    operations: int = 0
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)

    KINDS = ("server_error", "schema_violation", "undocumented_status", "other")

    def count(self, kind: str) -> int:
        return len(self.failures.get(kind, []))

    def add(self, kind: str, text: str) -> None:
        self.failures.setdefault(kind, []).append(text)

    def line(self, database: str) -> str:
        """The summary line CI prints (docs/security.md reads its figures from it)."""
        return (
            f"contract database={database} principal={self.principal} "
            f"operations={self.operations} requests={self.requests} "
            f"5xx={self.count('server_error')} "
            f"schema_violations={self.count('schema_violation')} "
            f"undocumented_statuses={self.count('undocumented_status')} "
            f"other={self.count('other')}"
        )
