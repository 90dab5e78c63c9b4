"""Friendly failure: the page a visitor sees when the site itself fails.

`server_error` is Django's `handler500` (`perinatal/urls.py`). It answers
- **503** with `Retry-After` when the database cannot be reached (`database_unavailable`: the
  server is down or refuses connections, too many connections, an operator's shutdown, a busy
  or unreadable SQLite file), with "try again in a moment";
- **500** for anything else;
in the visitor's language, with the request id to quote (`RequestIdMiddleware`).

It must work while the database is down, so it never touches it: the language comes from the
request alone (`request_language`: the URL prefix, else the language cookie, else
Accept-Language, else Dutch), never from the session or the user; the page is a standalone
template rendered without the request, so no context processor runs (`core/500.html`,
`core/503.html`). Should even that fail, a plain page built here is sent instead.

The API's answers are the same statuses as problem details (`api/middleware.py` turns these
pages into `application/problem+json` under `/api/`).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from .logging import request_id_var

logger = logging.getLogger(__name__)

# How long a client is asked to wait before trying again when the database is unavailable.
RETRY_AFTER_SECONDS = 30
TEMPLATES = {500: "core/500.html", 503: "core/503.html"}

# PostgreSQL SQLSTATE classes of a database that cannot answer now (PostgreSQL's appendix A):
# 08 connection exception, 53 insufficient resources (too many connections, disk full),
# 57 operator intervention (shutdown, "cannot connect now", statement timeout).
UNAVAILABLE_SQLSTATE_CLASSES = frozenset({"08", "53", "57"})
# SQLite's primary result codes of a file that cannot be used now: BUSY, LOCKED, IOERR, FULL,
# CANTOPEN (a missing table is SQLITE_ERROR: a fault, not an outage).
UNAVAILABLE_SQLITE_CODES = frozenset({5, 6, 10, 13, 14})


def database_unavailable(exc: BaseException | None) -> bool:
    """Whether `exc` says the database cannot be reached or used now (a 503), rather than
    that the code or the data are wrong (a 500)."""
    if isinstance(exc, InterfaceError):  # the connection is closed or unusable
        return True
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__  # the driver's own error, which Django wraps
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in UNAVAILABLE_SQLITE_CODES
    sqlstate = getattr(cause, "sqlstate", None)  # psycopg
    # No SQLSTATE: the server never answered (refused, unreachable, timed out).
    return sqlstate is None or sqlstate[:2] in UNAVAILABLE_SQLSTATE_CLASSES


def request_language(request: HttpRequest) -> str:
    """The visitor's language without the database: the URL prefix (/nl/, /fr/, /en/), else
    the language cookie, else Accept-Language, else the default (Dutch)."""
    return translation.get_language_from_request(request, check_path=True)


def request_id_of(request: HttpRequest) -> str:
    """The id under which this request is logged (empty before `RequestIdMiddleware`)."""
    rid = getattr(request, "request_id", "") or request_id_var.get()
    return "" if rid == "-" else rid


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's `handler500`: 503 when the database is unavailable, else 500."""
    exc = sys.exc_info()[1]  # Django calls the handler while it handles the exception
    return failure_page(request, 503 if database_unavailable(exc) else 500)


def failure_page(request: HttpRequest, status: int) -> HttpResponse:
    """The 500 or 503 page in the visitor's language, built without the database."""
    language = request_language(request)
    request_id = request_id_of(request)
    with translation.override(language):
        context = {"language": language, "request_id": request_id, "home": _home_url(language)}
        content: str
        try:
            # Without the request: no context processor (user, messages, …) runs.
            content = loader.render_to_string(TEMPLATES[status], context)
        except Exception:  # noqa: BLE001 - the page of last resort must not fail in turn
            logger.exception("The %s page could not be rendered", status)
            content = _plain_page(status, request_id, context["home"])
    response = HttpResponse(content, status=status, content_type="text/html; charset=utf-8")
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _home_url(language: str) -> str:
    try:
        return reverse("directory:search")  # in the active language: /fr/
    except NoReverseMatch:
        return f"/{language}/"


def _plain_page(status: int, request_id: str, home: str) -> str:
    """The same page without template or style, in the active language."""
    if status == 503:
        title = _("The site is briefly unavailable")
        message = _("The site cannot reach its data right now. Please try again in a moment.")
    else:
        title = _("Something went wrong")
        message = _("Something went wrong on our side. Please try again in a moment.")
    quote = _("If it keeps happening, tell us this code:") if request_id else ""
    back = _("Back to the home page")
    return (
        f'<!DOCTYPE html><html lang="{escape(translation.get_language())}">'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(message)}</p>"
        f"<p>{escape(quote)} <code>{escape(request_id)}</code></p>"
        f'<p><a href="{escape(home)}">{escape(back)}</a></p></html>'
    )
