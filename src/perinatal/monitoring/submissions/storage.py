"""Loading dossier rows fast, as they are read: PostgreSQL's COPY (psycopg's `cursor.copy`,
CSV sent a batch at a time) or, on SQLite, one prepared INSERT run over batches
(`executemany`). Row-by-row ORM saves would be two orders of magnitude slower on a file of a
million dossiers. Runs inside the import's transaction; the table's primary key (submission,
dossier_id) refuses a dossier given twice (an `IntegrityError`, at the latest on `close()`).

A COPY holds the connection: `pause()` before any other statement (the next batch starts a
new COPY)."""

from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from types import TracebackType
from typing import Any

from django.db import connection

from ..models import Dossier, Submission
from .columns import Values

COLUMNS = (
    "submission",
    "work_year",
    "service",
    "dossier_id",
    "family_id",
    "province",
    "newborn",
    "hours",
)
BATCH = 20_000


def _column_list() -> str:
    quote = connection.ops.quote_name
    columns = {field.name: field.column for field in Dossier._meta.concrete_fields}
    return ", ".join(quote(columns[name]) for name in COLUMNS)


def _doubled(text: str) -> str:
    """A value as it goes between CSV quotes (a quote inside doubled)."""
    return text.replace('"', '""')


class DossierWriter(AbstractContextManager["DossierWriter"]):
    """`with DossierWriter() as writer:` … `writer.write(writer.prefix(submission), dossier_id,
    family_id, values)` … ; leaving the block sends what is left."""

    def __init__(self) -> None:
        self.postgresql = connection.vendor == "postgresql"
        self.count = 0
        self._lines: list[Any] = []
        self._cursor: Any = None
        self._copy_block: Any = None
        self._copy: Any = None
        self.write = self._writer()
        table = connection.ops.quote_name(Dossier._meta.db_table)
        if self.postgresql:
            self._sql = f"COPY {table} ({_column_list()}) FROM STDIN (FORMAT csv)"  # noqa: S608
        else:
            marks = ", ".join(["%s"] * len(COLUMNS))
            self._sql = f"INSERT INTO {table} ({_column_list()}) VALUES ({marks})"  # noqa: S608

    def prefix(self, submission: Submission) -> Any:
        """What every row of `submission` starts with, as `write` takes it."""
        fixed = (submission.pk, submission.work_year_id, submission.service_id)
        return ",".join(str(value) for value in fixed) + "," if self.postgresql else fixed

    def _writer(self) -> Callable[[Any, str, str, Values], None]:
        """`write(prefix, dossier_id, family_id, values)`: called for every row, so made once
        with what it needs at hand (a closure reads them faster than attributes)."""
        lines = self._lines
        append = lines.append
        send = self._send
        if self.postgresql:

            def write(prefix: Any, dossier_id: str, family_id: str, values: Values) -> None:
                if (dossier_id + family_id).isalnum():  # nothing to quote (most ids)
                    append(f"{prefix}{dossier_id},{family_id}{values[3]}")
                else:
                    append(f'{prefix}"{_doubled(dossier_id)}","{_doubled(family_id)}"{values[3]}')
                if len(lines) >= BATCH:
                    send()

        else:

            def write(prefix: Any, dossier_id: str, family_id: str, values: Values) -> None:
                append((*prefix, dossier_id, family_id, *values[:3]))
                if len(lines) >= BATCH:
                    send()

        return write

    def _send(self) -> None:
        if not self._lines:
            return
        self.count += len(self._lines)
        with connection.wrap_database_errors:
            if self.postgresql:
                if self._copy is None:
                    self._open()
                self._copy.write("".join(self._lines))
            else:
                if self._cursor is None:
                    self._cursor = connection.cursor()
                self._cursor.executemany(self._sql, self._lines)
        self._lines.clear()

    def _open(self) -> None:
        self._cursor = connection.cursor()
        self._copy_block = self._cursor.cursor.copy(self._sql)
        self._copy = self._copy_block.__enter__()

    def pause(self) -> None:
        """Send what is waiting and end the COPY, so that other statements can run."""
        self._send()
        if self._copy_block is not None:
            block, self._copy_block, self._copy = self._copy_block, None, None
            with connection.wrap_database_errors:
                block.__exit__(None, None, None)

    def close(self) -> None:
        try:
            self.pause()
        finally:
            if self._cursor is not None:
                self._cursor.close()
                self._cursor = None

    def abandon(self) -> None:
        """Stop without sending what is left (the transaction is being rolled back)."""
        self._lines.clear()
        if self._copy_block is not None:
            block, self._copy_block, self._copy = self._copy_block, None, None
            with suppress(Exception):  # the COPY is being given up anyway
                block.__exit__(RuntimeError, RuntimeError("abandoned"), None)
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abandon()
