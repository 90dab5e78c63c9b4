"""What the analysts' dashboard keeps in the shared cache (decision 0032), so that a view
reads its tables and charts instead of counting and drawing them again:

- the kraamzorg part — the year's tables (`report_panel`, the withheld list, or the reason
  there are none) and the three charts with their post-processed inline SVG — is computed once
  per (year, as-of date, publication mode, language) and **per state of the monitoring**:
  `monitoring_state()` is one statement that reads the newest snapshot, submission and
  work-year event. Every change the figures can see makes one of them newer (an import or
  replacement takes a new snapshot, closing and reopening a year write an event), so a new
  state is a new key and nothing kept is ever shown stale; old keys expire;
- the other modules' tables (the Kindboekje, the programme, kraamzorg requests: counted from
  the records, not from submissions) and the years with records are kept for
  `MODULES_SECONDS` per (table, year, breakdown, publication mode, day, language): a new
  record shows within that time (the CSV download always counts afresh).

All keys are fetched in one round trip (`get_many`); a cache that is down only costs the
computing again (core.cache.ResilientRedisCache answers a miss).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils.functional import Promise
from django.utils.translation import get_language

KEPT_SECONDS = 24 * 3600  # the kraamzorg part: keyed by the state, so only expiry frees it
MODULES_SECONDS = 5 * 60  # the other modules' tables and the years with records
PREFIX = "monitoring-dashboard:v1"

_STATE_SQL = (
    "SELECT (SELECT MAX(id) FROM monitoring_yearsnapshot),"
    " (SELECT MAX(id) FROM monitoring_submission),"
    " (SELECT MAX(id) FROM monitoring_workyearevent)"
)


def monitoring_state() -> str:
    """The monitoring's state as the dashboard's figures see it (one statement, three index
    reads): the newest snapshot, submission and work-year event."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL)
        return "-".join(str(value or 0) for value in cursor.fetchone())


def key(*parts: Any) -> str:
    """A cache key of `parts` and the active language (hashed: as-of dates, table keys)."""
    text = ":".join(str(part) for part in (*parts, get_language()))
    return f"{PREFIX}:{hashlib.sha256(text.encode()).hexdigest()[:32]}"


class Kept:
    """The values a view needs, fetched at once, each computed (and stored) when missing."""

    def __init__(self, wanted: dict[str, tuple[str, Callable[[], Any], int]]) -> None:
        """`wanted`: name -> (cache key, how to compute it, seconds to keep it)."""
        self.wanted = wanted
        self.found = cache.get_many([k for k, _compute, _seconds in wanted.values()])
        self.computed: list[str] = []

    def __getitem__(self, name: str) -> Any:
        cache_key, compute, seconds = self.wanted[name]
        if cache_key not in self.found:
            self.found[cache_key] = settled(compute())
            cache.set(cache_key, self.found[cache_key], seconds)
            self.computed.append(name)
        return self.found[cache_key]


def settled(value: Any) -> Any:
    """`value` with every lazy translation made text (the key holds the language): a lazy
    string is a new class each time it is unpickled, which cost more than the figures."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {k: settled(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(settled(v) for v in value)
    return value
