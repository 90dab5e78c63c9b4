"""Structured (JSON) logging: every line carries the id of the request it belongs to."""

import contextvars
import logging

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        rid = request_id_var.get()
        if rid == "-":
            # Django logs 4xx/5xx after the middleware has finished; the request is on the record.
            rid = getattr(getattr(record, "request", None), "request_id", "-")
        record.request_id = rid
        return True
