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

from collections.abc import Mapping, Sequence
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


def _slots(alias: str, organisation_by_id: bool) -> list[str]:
    """One row's placeholders, `COLUMNS` then `at`; with `organisation_by_id` the
    organisation's name is read from its id by a subquery."""
    connection = connections[alias]
    slots = ["%s"] * (len(COLUMNS) + 1)
    if organisation_by_id:
        organisations = get_user_model()._meta.get_field("organisation").related_model
        assert organisations is not None and not isinstance(organisations, str)
        slots[ORGANISATION] = (
            f"COALESCE((SELECT {connection.ops.quote_name('name')} FROM "  # noqa: S608 - names
            f"{connection.ops.quote_name(organisations._meta.db_table)} WHERE "
            f"{connection.ops.quote_name('id')} = %s), '')"
        )
    return slots


def _head(alias: str) -> str:
    connection = connections[alias]
    table = connection.ops.quote_name(AccessEvent._meta.db_table)
    return f"INSERT INTO {table} ({_quoted(connection, [*COLUMNS, 'at'])})"


@cache
def _statement(alias: str, rows: int, organisation_by_id: bool, returning: bool) -> str:
    """The INSERT of `rows` rows; with `organisation_by_id` the organisation's name is read
    by the INSERT itself from the organisation's id; with `returning` it returns the id."""
    connection = connections[alias]
    values = ", ".join([f"({', '.join(_slots(alias, organisation_by_id))})"] * rows)
    end = (
        " RETURNING id" if returning and connection.features.can_return_columns_from_insert else ""
    )
    return f"{_head(alias)} VALUES {values}{end}"  # noqa: S608 - our names


@cache
def _insert_select_statement(
    alias: str,
    organisation_by_id: bool,
    source: str,
    taken: tuple[tuple[str, str], ...],
    where: str,
) -> str:
    slots = _slots(alias, organisation_by_id)
    for column, expression in taken:
        slots[COLUMNS.index(column)] = expression
    source_name = connections[alias].ops.quote_name(source)
    select = f"SELECT {', '.join(slots)} FROM {source_name} WHERE {where}"  # noqa: S608
    return f"{_head(alias)} {select}"


def insert_select(
    values: Mapping[str, Any],
    *,
    organisation_by_id: bool,
    source: str,
    taken: Mapping[str, str],
    at: datetime,
    where: str,
) -> tuple[str, list[Any]]:
    """PostgreSQL: the INSERT … SELECT of one access-log row per row of `source` (a query
    named in the WITH of the statement that reads what is logged), with `values` (by
    `COLUMNS`) except the columns of `taken`, which are expressions on `source`'s row, for
    the rows where `where` holds, all with the time `at`. The
    statement's text and its parameters, to run as part of the read's own statement."""
    alias = router.db_for_write(AccessEvent)
    connection = connections[alias]
    params = []
    for column in COLUMNS:
        if column in taken:
            continue
        value = values[column]
        if column == "client_address":
            value = _ADDRESS_FIELD.get_db_prep_value(value, connection, prepared=False)
        params.append(value)
    params.append(_AT_FIELD.get_db_prep_value(at, connection))
    statement = _insert_select_statement(
        alias, organisation_by_id, source, tuple(taken.items()), where
    )
    return statement, params


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
