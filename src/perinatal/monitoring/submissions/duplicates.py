"""Finding the dossiers given twice for a service and year when an import is refused and its
errors are listed (`services/diagnosis.py`), without holding the dossier ids in memory: each
clean row's (file, service, year, dossier, line) goes into a temporary table of the import's
transaction, and one query names every repeat with the line of its first occurrence."""

from dataclasses import dataclass
from types import TracebackType
from typing import Any

from django.db import connection

from .columns import Key

TABLE = "monitoring_import_check"
BATCH = 20_000


@dataclass(frozen=True)
class Duplicate:
    file: int  # the file's position in the import
    line: int
    dossier_id: str
    first_line: int


class DuplicateFinder:
    """`with DuplicateFinder() as finder:` … `finder.add(file, key, dossier_id, line)` …
    `finder.counts()`, `finder.duplicates(file, limit)`. Inside a transaction; the table is dropped on leaving."""

    def __init__(self) -> None:
        self.postgresql = connection.vendor == "postgresql"
        self._rows: list[tuple[int, str, int, str, int]] = []
        self._cursor: Any = None

    def __enter__(self) -> "DuplicateFinder":
        self._cursor = connection.cursor()
        temporary = "TEMPORARY TABLE"
        suffix = " ON COMMIT DROP" if self.postgresql else ""
        self._cursor.execute(
            f"CREATE {temporary} {TABLE} (file integer, service varchar(20), year integer, "
            f"dossier varchar(40), line bigint){suffix}"
        )
        return self

    def add(self, file: int, key: Key, dossier_id: str, line: int) -> None:
        self._rows.append((file, key[0], key[1], dossier_id, line))
        if len(self._rows) >= BATCH:
            self._send()

    def _send(self) -> None:
        if not self._rows:
            return
        if self.postgresql:
            with self._cursor.cursor.copy(
                f"COPY {TABLE} (file, service, year, dossier, line) FROM STDIN"
            ) as copy:
                for row in self._rows:
                    copy.write_row(row)
        else:
            self._cursor.executemany(
                f"INSERT INTO {TABLE} (file, service, year, dossier, line) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                self._rows,
            )
        self._rows.clear()

    def duplicates(self, file: int, limit: int) -> list[Duplicate]:
        """The first `limit` repeats of one file, in line order."""
        self._send()
        self._cursor.execute(
            "SELECT file, line, dossier, first FROM (SELECT file, line, dossier, MIN(line) "  # noqa: S608
            f"OVER (PARTITION BY service, year, dossier) AS first FROM {TABLE} "
            "WHERE file = %s) AS found WHERE line > first ORDER BY line LIMIT %s",
            [file, limit],
        )
        return [Duplicate(*row) for row in self._cursor.fetchall()]

    def counts(self) -> dict[int, int]:
        """How many repeats each file has (files without any left out)."""
        self._send()
        self._cursor.execute(
            "SELECT file, SUM(n - 1) FROM (SELECT file, COUNT(*) AS n FROM "  # noqa: S608
            f"{TABLE} GROUP BY file, service, year, dossier HAVING COUNT(*) > 1) AS repeated "
            "GROUP BY file"
        )
        return {file: int(count) for file, count in self._cursor.fetchall()}

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self._cursor.execute(f"DROP TABLE {TABLE}")
        finally:
            self._cursor.close()
