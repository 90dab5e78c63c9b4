"""The access log's INSERT, written once as SQL (docs/decisions/0032-pages-people-live-in.md).

Every read of a family writes one row in the read's own transaction, so the row's cost is
on every read. Django's `create()` and `bulk_create()` rebuild the same statement for every
row (model instance, signals, the compiler, each field's preparation): several times the
cost of the unaudited read's own Python. Here the statement's text is built once per
database and number of rows; a row's values are prepared by the same field methods Django
uses (the time, the address), and the row is inserted through Django's connection (inside
the caller's transaction, as before: nothing is batched or deferred). No model signal is
sent: nothing listens to the access log's saves.
"""

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections, router
from django.utils import timezone

from .models import AccessEvent

# The columns every row fills, in the order of the values a row gives (`at` is added here).
COLUMNS = (
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_organisation",
    "on_behalf_of",
    "subject",
    "record_type",
    "record_id",
    "action",
    "purpose",
    "basis",
    "reason",
    "outcome",
    "refusal",
    "request_id",
    "client_address",
)
ORGANISATION = COLUMNS.index("actor_organisation")
ADDRESS = COLUMNS.index("client_address")


def _quoted(connection: Any, names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


@cache
def _statement(alias: str, rows: int, organisation_by_id: bool, returning: bool) -> str:
    """The INSERT of `rows` rows; with `organisation_by_id` the organisation's name is read
    by the INSERT itself from the organisation's id; with `returning` it returns the id."""
    connection = connections[alias]
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    slots = ["%s"] * (len(COLUMNS) + 1)
    if organisation_by_id:
        organisations = get_user_model()._meta.get_field("organisation").related_model
        assert organisations is not None and not isinstance(organisations, str)
        slots[ORGANISATION] = (
            f"COALESCE((SELECT {connection.ops.quote_name('name')} FROM "  # noqa: S608 - names
            f"{connection.ops.quote_name(organisations._meta.db_table)} WHERE "
            f"{connection.ops.quote_name('id')} = %s), '')"
        )
    values = ", ".join([f"({', '.join(slots)})"] * rows)
    columns = _quoted(connection, [*COLUMNS, "at"])
    end = (
        " RETURNING id" if returning and connection.features.can_return_columns_from_insert else ""
    )
    return f"INSERT INTO {table} ({columns}) VALUES {values}{end}"  # noqa: S608 - our names


@cache
def _columns_statement(alias: str) -> str:
    """PostgreSQL: the INSERT of any number of rows as one array per column (`unnest`):
    17 parameters whatever the rows, so the statement is parsed once, not once per row's
    values (a home page logs about 70 families; psycopg's client-side binding splits the
    text of a statement with a thousand placeholders on every call)."""
    connection = connections[alias]
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    names = [f"c{n}" for n in range(len(COLUMNS))]
    arrays = ", ".join(
        f"%s::{'bigint' if n == 0 else 'inet' if n == ADDRESS else 'text'}[]"
        for n in range(len(COLUMNS))
    )
    columns = _quoted(connection, [*COLUMNS, "at"])
    return (
        f"INSERT INTO {table} ({columns}) SELECT {', '.join(names)}, %s "  # noqa: S608 - names
        f"FROM unnest({arrays}) AS row({', '.join(names)})"
    )


_ADDRESS_FIELD = AccessEvent._meta.get_field("client_address")
_AT_FIELD = AccessEvent._meta.get_field("at")


BATCH = 50  # rows per statement: 17 values a row stays under every database's limit


def insert_rows(
    rows: Sequence[Sequence[Any]], *, organisation_by_id: bool = False
) -> tuple[int | None, datetime]:
    """Insert `rows` (values in `COLUMNS` order) into the access log, all with the time of
    now, in the caller's transaction; with `organisation_by_id` (one row), its organisation
    value is the organisation's id and the INSERT stores that organisation's name. Returns
    the new row's id when one row was inserted (else None) and the rows' time."""
    now = timezone.now()
    if not rows:
        return None, now
    alias = router.db_for_write(AccessEvent)
    connection = connections[alias]
    at = _AT_FIELD.get_db_prep_value(now, connection)
    if connection.vendor == "postgresql" and len(rows) > 1 and not organisation_by_id:
        columns = [list(values) for values in zip(*rows, strict=True)]
        columns[ADDRESS] = [_ADDRESS_FIELD.get_prep_value(value) for value in columns[ADDRESS]]
        with connection.cursor() as cursor:
            cursor.execute(_columns_statement(alias), [at, *columns])
        return None, now
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            params: list[Any] = []
            for row in batch:
                values = list(row)
                values[ADDRESS] = _ADDRESS_FIELD.get_db_prep_value(
                    values[ADDRESS], connection, prepared=False
                )
                params += values
                params.append(at)
            one = len(rows) == 1
            cursor.execute(_statement(alias, len(batch), one and organisation_by_id, one), params)
        if len(rows) != 1:
            return None, now
        if connection.features.can_return_columns_from_insert:
            return cursor.fetchone()[0], now
        return connection.ops.last_insert_id(cursor, AccessEvent._meta.db_table, "id"), now
