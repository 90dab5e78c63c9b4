"""Structured (JSON) logging: every line carries the id of the request it belongs to.

- `RequestIdFilter` puts the request id on every record (`request_id`, "-" outside a request);
- `DisallowedHostFilter` turns Django's `DisallowedHost` report (an ERROR with a traceback,
  for what is a stranger's bad Host header) into one WARNING line naming the host;
- `JsonLineFormatter` writes a record as one JSON object; the request Django puts on its
  records becomes its method and path, without the query string (a search may hold a name);
  a query string or a national number written in a message is cut out, and a traceback keeps
  its frames and exception types but never the exceptions' messages, which quote what the
  request sent (a database error quotes the value it refused) — docs/security.md;
- `AccessLogFormatter` writes gunicorn's access log as JSON with the request's own fields
  (`core/gunicorn_conf.py`).
"""

import contextvars
import logging
import re
import traceback
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from pythonjsonlogger.json import JsonFormatter

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# The fields of every JSON line (conf/base.py LOGGING and core/gunicorn_conf.py).
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"
JSON_RENAMES = {"asctime": "time", "levelname": "level", "name": "logger"}


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        rid = request_id_var.get()
        if rid == "-":
            # Django logs 4xx/5xx after the middleware has finished; the request is on the record.
            rid = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = rid
        return True


class DisallowedHostFilter(logging.Filter):
    """A request for a host the site does not serve is the client's error, not the server's:
    a WARNING without traceback (the message names the host, never the request's body)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


# A query string after a path or URL, and 11 digits written as a national number may be.
QUERY_STRING = re.compile(r"(?<=[\w/])\?[^\s\"'<>]+")
NUMBER_LIKE = re.compile(r"(?<![\w-])\d{2}\.?\d{2}\.?\d{2}[-.\s]?\d{3}\.?\d{2}(?![\w-])")
WITHHELD = "(message withheld from the log: it may quote the request)"
CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def scrubbed(text: str) -> str:
    """`text` without query strings and without anything written like a national number."""
    return NUMBER_LIKE.sub("[number]", QUERY_STRING.sub("?…", text))


def traceback_without_messages(exc_info: ExcInfo) -> str:
    """The traceback of an exception and of those it was raised from or while handling,
    oldest first as Python prints them: every frame and every exception's type, none of
    their messages."""
    chain: list[tuple[traceback.TracebackException, str]] = []  # newest first
    current: traceback.TracebackException | None = traceback.TracebackException(*exc_info)
    while current is not None:
        if current.__cause__ is not None:
            older, link = current.__cause__, CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            older, link = current.__context__, CONTEXT
        else:
            older, link = None, ""
        chain.append((current, link))  # `link`: how the older exception led to this one
        current = older
    parts: list[str] = []
    for exception, link in reversed(chain):
        kind = exception.exc_type
        name = f"{kind.__module__}.{kind.__qualname__}" if kind is not None else "Exception"
        if parts:
            parts.append(link)
        parts += ["Traceback (most recent call last):\n", *exception.stack.format()]
        parts.append(f"{name}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


class JsonLineFormatter(JsonFormatter):
    """python-json-logger's formatter, with Django's `request` extra reduced to its method
    and path (its repr would carry the query string), messages scrubbed (`scrubbed`) and
    tracebacks without the exceptions' messages (`traceback_without_messages`)."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        if not ei or ei[0] is None:
            return ""
        return traceback_without_messages(ei)

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        if isinstance(log_data.get("message"), str):
            log_data["message"] = scrubbed(log_data["message"])
        request = log_data.pop("request", None)
        if request is not None:
            log_data["method"] = getattr(request, "method", None)
            log_data["path"] = getattr(request, "path", None)


class AccessLogFormatter(JsonLineFormatter):
    """gunicorn's access log line as JSON: the message is "METHOD path status" (no query
    string: searches may hold names), and the request's fields beside it."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, Mapping) else {}

        def atom(name: str) -> Any:
            value = atoms[name] if name in atoms or name.startswith("{") else "-"
            return value.replace('\\"', '"') if isinstance(value, str) else value

        status = str(atom("s"))
        log_data.update(
            {
                "remote": atom("h"),
                "method": atom("m"),
                "path": atom("U"),
                "status": int(status) if status.isdigit() else status,
                "bytes": atom("B"),
                "duration_ms": atom("M"),
                "request_id": atom("{x-request-id}o"),
            }
        )
