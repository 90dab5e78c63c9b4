"""What an import reads (`services.submissions_import`): any `SubmissionInput`, which opens a
`RowSource` for one pass over its clean rows. A file of any size comes as a `StreamedFile`
(an upload kept in the default storage, a file given to the command line), read by
`reader.FileReader`; small files held in memory as a `file.SubmissionFile`. And how an import
says how far it is (`ImportProgress`)."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .columns import CleanRow, ServiceInfo
from .decoding import ByteStream
from .errors import FileError

# progress(rows done, estimated rows in all, stage)
ImportProgress = Callable[[int, int | None, str], None]
# The stages an import reports: reading (and storing) the rows, listing the errors of a
# refused import, computing the year's figures.
READING, CHECKING, SUMMING = "reading", "checking", "summing"


class RowSource(Protocol):
    """One pass over a file: iterate for its clean rows; then what it found."""

    @property
    def name(self) -> str: ...

    @property
    def services(self) -> dict[str, ServiceInfo]: ...

    @property
    def errors(self) -> list[FileError]: ...

    @property
    def error_count(self) -> int: ...

    @property
    def bytes_read(self) -> int: ...

    def __iter__(self) -> Iterator[CleanRow]: ...


class SubmissionInput(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int | None: ...

    def read(self, *, today: date, stop_at_first_error: bool = False) -> RowSource: ...


@dataclass(frozen=True)
class StreamedFile:
    """A file read as a stream each time it is read: `open()` gives its bytes; `name` is the
    file's own name (shown in errors and kept with the submission), `size` its length."""

    name: str
    open: Callable[[], ByteStream]
    size: int | None = None

    def read(self, *, today: date, stop_at_first_error: bool = False) -> RowSource:
        from .reader import FileReader

        return FileReader(
            self.open(), name=self.name, today=today, stop_at_first_error=stop_at_first_error
        )


class ProgressMeter:
    """Rows so far and an estimate of all rows, from the bytes read of the files' sizes."""

    every = 8192  # rows between two reports

    def __init__(self, files: Sequence[SubmissionInput], progress: ImportProgress | None):
        self.progress = progress
        sizes = [file.size for file in files]
        self.total_bytes = sum(size or 0 for size in sizes) if None not in sizes else None
        self.bytes_before = 0  # of the files already read
        self.rows = 0

    def report(self, source: RowSource, stage: str) -> None:
        if self.progress is None:
            return
        total = None
        read = self.bytes_before + source.bytes_read
        if self.total_bytes and read:
            total = max(self.rows, round(self.rows * self.total_bytes / read))
        self.progress(self.rows, total, stage)

    def file_done(self, file: SubmissionInput, source: RowSource) -> None:
        self.bytes_before += file.size or source.bytes_read
