"""The 500 and 503 pages (`core/failure.py`): in the visitor's language, with the request id to
quote, never the exception's text, and built without a single database query."""

import pytest

from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.utils import ConnectionHandler, DatabaseError
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from perinatal.core.failure import (
    RETRY_AFTER_SECONDS,
    TEMPLATES,
    database_unavailable,
    server_error,
)

from .failure_urls import SECRET

pytestmark = [pytest.mark.urls("perinatal.core.tests.failure_urls"), pytest.mark.django_db]

HEADINGS = {
    500: {
        "nl": "Er ging iets mis",
        "fr": "Une erreur s'est produite",
        "en": "Something went wrong",
    },
    503: {
        "nl": "De website is even niet beschikbaar",
        "fr": "Le site est momentanément indisponible",
        "en": "The site is briefly unavailable",
    },
}


def visitor() -> Client:
    """A browser that gets the answer the visitor sees, not the exception."""
    return Client(raise_request_exception=False)


def text(response: HttpResponse) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_failing_page_answers_500_in_the_language_of_its_address(language):
    response = visitor().get(f"/{language}/broken/")
    assert response.status_code == 500
    assert response["Content-Language"] == language
    assert response["Cache-Control"] == "no-store"
    page = text(response)
    assert f'<html lang="{language}">' in page
    assert f"<h1>{HEADINGS[500][language]}</h1>" in page
    assert f"<code>{response['X-Request-ID']}</code>" in page
    assert f'href="/{language}/"' in page  # back to the home page
    assert "perinatal/site.css" in page
    assert SECRET not in page and "RuntimeError" not in page


@pytest.mark.parametrize(
    ("cookie", "accept", "language"),
    [
        ("fr", "en", "fr"),  # the cookie before Accept-Language
        (None, "en-GB,en;q=0.9", "en"),
        (None, "fr-BE", "fr"),
        (None, "de", "nl"),  # no language of the site: Dutch
        (None, None, "nl"),
    ],
)
def test_without_a_prefix_the_language_is_the_cookie_then_accept_language_then_dutch(
    cookie, accept, language
):
    client = visitor()
    if cookie:
        client.cookies["django_language"] = cookie
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/plain/broken/", headers=headers)
    assert response.status_code == 500
    assert response["Content-Language"] == language
    assert f"<h1>{HEADINGS[500][language]}</h1>" in text(response)


def test_the_request_id_the_client_sent_is_the_one_to_quote():
    response = visitor().get("/nl/broken/", headers={"X-Request-ID": "ticket-4711"})
    assert response["X-Request-ID"] == "ticket-4711"
    assert "<code>ticket-4711</code>" in text(response)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_an_unavailable_database_answers_503_with_retry_after(language):
    response = visitor().get(f"/{language}/database-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = text(response)
    assert f"<h1>{HEADINGS[503][language]}</h1>" in page
    assert f"<code>{response['X-Request-ID']}</code>" in page
    assert SECRET not in page and "port 1" not in page


def test_the_whole_failing_request_makes_no_database_query():
    with CaptureQueriesContext(connection) as queries:
        response = visitor().get("/fr/database-down/")
    assert response.status_code == 503
    assert [q["sql"] for q in queries.captured_queries] == []


def test_the_page_reads_neither_the_session_nor_the_user(client_for, parent):
    """A logged-in visitor's request, as the middleware leaves it (session and user loaded
    lazily): building the page must not load them."""
    session_key = client_for(parent).cookies["sessionid"].value
    request = RequestFactory().get("/fr/broken/", headers={"Cookie": f"sessionid={session_key}"})
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert response.status_code == 500
    assert queries.captured_queries == []
    assert not request.session.accessed


# --- Which database errors are an outage (503) and which a fault (500) ----------------------


def _connection_to(settings: dict):
    return ConnectionHandler({"default": settings})["default"]


def test_a_refused_postgresql_connection_is_unavailable():
    refused = _connection_to(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "none",
            "USER": "postgres",
            "HOST": "127.0.0.1",
            "PORT": "1",
            "OPTIONS": {"connect_timeout": 3},
        }
    )
    with pytest.raises(OperationalError) as caught:
        refused.ensure_connection()
    assert database_unavailable(caught.value)


def test_a_sqlite_file_that_cannot_be_opened_is_unavailable(tmp_path):
    missing = _connection_to(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "no-dir" / "x.sqlite3")}
    )
    with pytest.raises(OperationalError) as caught:
        missing.ensure_connection()
    assert database_unavailable(caught.value)


def test_a_missing_table_is_a_fault_not_an_outage():
    with (
        pytest.raises(DatabaseError) as caught,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SELECT * FROM no_such_table_anywhere")
    assert not database_unavailable(caught.value)


@pytest.mark.parametrize(
    ("exc", "unavailable"),
    [
        (InterfaceError("connection already closed"), True),
        (OperationalError("server closed the connection unexpectedly"), True),
        (RuntimeError("a bug"), False),
        (None, False),
    ],
)
def test_other_errors(exc, unavailable):
    assert database_unavailable(exc) is unavailable


def test_when_the_template_fails_a_plain_page_still_says_it(monkeypatch):
    monkeypatch.setitem(TEMPLATES, 503, "core/no-such-template.html")
    response = visitor().get("/fr/database-down/")
    assert response.status_code == 503
    page = text(response)
    assert f"<h1>{HEADINGS[503]['fr']}</h1>" in page
    assert f"<code>{response['X-Request-ID']}</code>" in page
