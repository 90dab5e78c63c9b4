"""Error tracking sends nothing personal (core/error_tracking.py): Sentry initialised as the
production settings do, with a transport that keeps the envelopes in memory (no network); a
view fails with a family name and a national number in the query string, the POST body, a
header, a cookie and a local variable; none of them is in what would have been sent."""

import io
import json
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

import pytest
import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from perinatal.core.error_tracking import init_error_tracking, scrub_text

FAMILY_NAME = "Vandermeulen-Peeters"
GIVEN_NAME = "Anneleen"
NATIONAL_NUMBER = "85.07.30-033.28"
NATIONAL_NUMBER_DIGITS = "85073003328"
EMAIL = "anneleen.vandermeulen@example.be"
API_TOKEN = "pX3v9Qk2LmN8rT5wY7zA1bC4dE6fG0hJ2kL5mN8pQ"
SECRETS = [FAMILY_NAME, GIVEN_NAME, NATIONAL_NUMBER, NATIONAL_NUMBER_DIGITS, EMAIL, API_TOKEN]


class MemoryTransport(Transport):
    """Keeps every envelope instead of sending it."""

    envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        MemoryTransport.envelopes.append(envelope)


@csrf_exempt
def failing_view(request: HttpRequest) -> HttpResponse:
    patient = {"family_name": FAMILY_NAME, "national_number": NATIONAL_NUMBER}  # noqa: F841
    mother = f"{GIVEN_NAME} {FAMILY_NAME} ({NATIONAL_NUMBER_DIGITS})"  # noqa: F841
    raise RuntimeError("the import of a family failed")


urlpatterns = [path("fail/", failing_view)]


@pytest.fixture
def sentry():
    MemoryTransport.envelopes = []
    init_error_tracking(
        dsn="https://public@sentry.invalid/1", environment="test", transport=MemoryTransport
    )
    yield MemoryTransport.envelopes
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)  # nothing is sent by the next tests


def wsgi_post(path: str, query: dict, form: dict, headers: dict) -> str:
    """POST through Django's WSGI handler, as gunicorn calls it (Sentry's Django integration
    hooks in there, not in the test client); the response's status line."""
    body = urlencode(form).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": urlencode(query),
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "REMOTE_ADDR": "192.0.2.44",
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()},
    }
    setup_testing_defaults(environ)
    statuses = []
    # as the test client does: the test's database connection stays open
    request_started.disconnect(close_old_connections)
    try:
        WSGIHandler()(environ, lambda status, _headers, *_: statuses.append(status))
    finally:
        request_started.connect(close_old_connections)
    return statuses[0]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_nothing_personal_leaves(sentry):
    status = wsgi_post(
        "/fail/",
        {"name": FAMILY_NAME, "nn": NATIONAL_NUMBER, "mail": EMAIL},
        {"family_name": FAMILY_NAME, "national_number": NATIONAL_NUMBER_DIGITS, "email": EMAIL},
        {
            "X-Family": f"{GIVEN_NAME} {FAMILY_NAME}",
            "Authorization": f"Bearer {API_TOKEN}",
            "X-Api-Key": API_TOKEN,
            "Cookie": f"family={FAMILY_NAME}; sessionid={API_TOKEN}",
            "Referer": f"https://perinatal.example/nl/families/?q={FAMILY_NAME}",
            "User-Agent": "probe/1.0",
        },
    )
    assert status.startswith("500")
    sentry_sdk.flush()

    assert sentry, "the error was not captured"
    sent = b"".join(envelope.serialize() for envelope in sentry).decode()
    for secret in SECRETS:
        assert secret not in sent, secret
    # what is left is still worth reading
    events = [
        json.loads(item.payload.get_bytes())
        for envelope in sentry
        for item in envelope.items
        if item.type == "event"
    ]
    (event,) = [e for e in events if "exception" in e]
    exception = event["exception"]["values"][-1]  # the one raised (its context before it)
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "the import of a family failed"
    assert any(frame["function"] == "failing_view" for frame in exception["stacktrace"]["frames"])
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])
    assert event["request"]["method"] == "POST"
    assert event["request"]["url"].endswith("/fail/")
    assert event["request"]["headers"]["User-Agent"] == "probe/1.0"
    assert "data" not in event["request"] and "cookies" not in event["request"]
    assert "user" not in event


@pytest.mark.parametrize(
    "text",
    [
        f"no family for {NATIONAL_NUMBER}",
        f"no family for {NATIONAL_NUMBER_DIGITS}",
        "no family for 85 07 30 033 28",
        f"mail to {EMAIL} bounced",
        f"Authorization: Bearer {API_TOKEN}",
        f"token {API_TOKEN} revoked",
    ],
)
def test_the_texts_are_scrubbed(text):
    scrubbed = scrub_text(text)
    assert "[Filtered]" in scrubbed
    for secret in [*SECRETS, "85 07 30 033 28"]:
        assert secret not in scrubbed


def test_the_development_and_test_settings_never_send():
    from perinatal.conf import dev, test

    assert not hasattr(dev, "SENTRY_DSN") and not hasattr(test, "SENTRY_DSN")
    assert not sentry_sdk.get_client().is_active()
