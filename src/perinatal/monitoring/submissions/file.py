"""A submission file held in memory (`SubmissionFile`): its clean rows by (service, work year),
its services and its errors. For small files only: the kraamzorg export's merged file, the
demo data, the tests. An upload of any size is read as a stream (`reader.py`) and imported
by the database without being held (`services/submissions.py`).

`read_submission(data)` reads bytes with the same reader as the import and also finds a
dossier given twice for a service and year (which the import leaves to the database).
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .columns import COLUMNS, MAX_ERRORS, CleanRow, Key, Row, ServiceInfo
from .errors import FileError, listed_errors

__all__ = [
    "COLUMNS",
    "MAX_ERRORS",
    "Key",
    "Row",
    "ServiceInfo",
    "SubmissionFile",
    "read_submission",
]


@dataclass
class SubmissionFile:
    name: str
    encoding: str = ""
    delimiter: str = ""
    rows: dict[Key, list[Row]] = field(default_factory=dict)
    services: dict[str, ServiceInfo] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)
    error_count: int = 0

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    # As an input of the import (`services.submissions.SubmissionInput`).
    @property
    def size(self) -> int | None:
        return None

    def read(self, *, today: date, stop_at_first_error: bool = False) -> "_RowsInMemory":
        return _RowsInMemory(self, stop_at_first_error)


class _RowsInMemory:
    """A `SubmissionFile`'s rows as the import reads a file (lines numbered in row order)."""

    def __init__(self, file: SubmissionFile, stop_at_first_error: bool) -> None:
        self.name = file.name
        self.file = file
        self.stop_at_first_error = stop_at_first_error
        self.services = file.services
        self.errors = file.errors
        self.error_count = max(file.error_count, len(file.errors))
        self.bytes_read = 0

    def __iter__(self) -> Iterator[CleanRow]:
        from .reader import FirstError

        if self.error_count and self.stop_at_first_error:
            raise FirstError
        line = 1
        for key, rows in self.file.rows.items():
            for dossier_id, family_id, nis, newborn, hours in rows:
                line += 1
                values = (nis, newborn, hours, f",{nis},{'t' if newborn else 'f'},{hours}\n")
                yield key, dossier_id, family_id, values, line


def read_submission(data: bytes, *, name: str, today: date) -> SubmissionFile:
    """Read and check a whole file held in memory (see the module's docstring)."""
    from .reader import FileReader

    reader = FileReader(io.BytesIO(data), name=name, today=today)
    rows: dict[Key, list[Row]] = {}
    seen: dict[Key, dict[str, int]] = {}
    for key, dossier_id, family_id, (nis, newborn, hours, _csv), line in reader:
        first = seen.setdefault(key, {}).setdefault(dossier_id, line)
        if first != line:
            reader.error(
                line, "dossier_id", dossier_id, "duplicate_dossier", dossier=dossier_id, line=first
            )
            continue
        rows.setdefault(key, []).append((dossier_id, family_id, nis, newborn, hours))
    return SubmissionFile(
        name=reader.name,
        encoding=reader.encoding,
        delimiter=reader.delimiter,
        rows={} if reader.error_count else rows,
        services=reader.services,
        errors=listed_errors(reader.errors, reader.error_count, reader.name),
        error_count=reader.error_count,
    )
