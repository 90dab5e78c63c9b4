"""Reading a submission file as a stream (seeds 001 and 004, decision 0010): the header
decides the style, then every row is checked as it comes and each clean row is handed on
with its (service, work year) and its line; nothing of the file is kept but the errors (the
first `MAX_ERRORS`, all of them counted) and one line per service.

Styles: `,` with a decimal point or `;` with a decimal comma, told apart by the header's
separator; a value in the other style is an error (mixed decimal styles). Encodings: see
`decoding.py`. A dossier given twice for a service and year is not found here (that would
keep every dossier id in memory): the import's database finds it (`storage.py`,
`duplicates.py`), a file held in memory by `file.read_submission`.
"""

import csv
from collections.abc import Iterator
from datetime import date
from itertools import chain
from operator import itemgetter
from pathlib import PurePath

from perinatal.core.control_characters import CONTROL, codepoint, shown

from ..constants import FIRST_WORK_YEAR
from ..parameters import hours_decimal_places, max_hours
from .columns import (
    COLUMNS,
    MAX_ERRORS,
    MAX_LENGTH,
    SERVICE_ID,
    VALUE_SHOWN,
    YEAR,
    CleanRow,
    Key,
    ServiceInfo,
    Values,
)
from .decoding import ByteStream, DecodedLines, EncodingError, Utf16WithoutBom
from .errors import FileError
from .records import csv_records
from .values import NEWBORN, BadValue, parse_hours, parse_newborn, parse_province, parse_sector

# The values that repeat (a service on every line, a few hundred provinces × marks × hours)
# are checked once and then found in a cache of at most this many entries.
CACHED_HEADS = 10_000
CACHED_VALUES = 100_000


class FirstError(Exception):
    """Raised at the first error when the reader was asked to stop there."""


class FileReader:
    """One pass over a submission file: iterate to get its clean rows, `(key, dossier_id,
    family_id, (province NIS code, newborn, hours text), line)`; afterwards `errors`,
    `error_count`, `services` (recognition number → name, sector, first line)."""

    def __init__(
        self,
        stream: ByteStream,
        *,
        name: str,
        today: date,
        stop_at_first_error: bool = False,
    ) -> None:
        self.name = shown(PurePath(name).name)
        self.today = today
        self.stop_at_first_error = stop_at_first_error
        self.lines = DecodedLines(stream)
        self.delimiter = ""
        self.services: dict[str, ServiceInfo] = {}
        self.errors: list[FileError] = []  # the first MAX_ERRORS + 1
        self.error_count = 0
        self.rows_read = 0  # rows with data, clean or not

    @property
    def encoding(self) -> str:
        return self.lines.encoding

    @property
    def bytes_read(self) -> int:
        return self.lines.bytes_read

    def error(self, line: int, column: str, value: str, code: str, /, **params: object) -> None:
        self.error_count += 1
        if self.stop_at_first_error:
            raise FirstError
        if len(self.errors) <= MAX_ERRORS:
            # Shown and stored as JSON (PostgreSQL refuses \u0000 there): control characters
            # written out as `\x00`.
            cut = value if len(value) <= VALUE_SHOWN else value[:VALUE_SHOWN] + "…"
            self.errors.append(
                FileError(line, shown(column), shown(cut), code, dict(params), self.name)
            )

    def __iter__(self) -> Iterator[CleanRow]:
        """The clean rows. One generator, without delegation: it is the import's inner loop."""
        line = 1
        try:
            lines = iter(self.lines)
            first = next(lines, "")
            header_line = first.rstrip("\r\n")
            if not header_line.strip():
                self.error(1, "", "", "empty_file")
                return
            if ";" in header_line and "," in header_line:
                self.error(1, "", header_line[:VALUE_SHOWN], "mixed_delimiters")
                return
            self.delimiter = ";" if ";" in header_line else ","
            records = csv_records(chain([first], lines), self.delimiter)
            header, line = next(records)
            decoded = self.lines
            if decoded.has_control and self._control_characters(header, None, line):
                return
            index = self._columns(header)
            if index is None:
                return
            width = len(header)
            # The (year, service) of a row and its (province, newborn, hours) are each looked
            # up in one cache; only what is new (or wrong) is checked in full.
            heads: dict[tuple[str, str, str, str], tuple[Key, dict]] = {}
            values_by_year: dict[int, dict[tuple[str, str, str], Values]] = {}
            cached_values = 0
            max_dossier, max_family = MAX_LENGTH["dossier_id"], MAX_LENGTH["family_id"]
            # Each row's nine values in the order of COLUMNS (as written when the header has
            # them in that order, the usual case).
            positions = [index[name] for name in COLUMNS]
            pick = None if positions == list(range(width)) else itemgetter(*positions)
            # Rows come grouped by service: the previous row's (year, service) is compared
            # first, which is cheaper than a look-up.
            last_year = last_service = last_name = last_sector = None
            found: tuple[Key, dict] | None = None
            rows_read = 0
            for row, line in records:
                if len(row) != width:
                    if any(value.strip() for value in row):
                        self._field_count(line, len(row), width)
                    continue
                if decoded.has_control and self._control_characters(row, header, line):
                    rows_read += 1
                    continue
                year, service, name, sector, dossier, family, province, newborn, hours = (
                    row if pick is None else pick(row)
                )
                if not (
                    service == last_service
                    and year == last_year
                    and name == last_name
                    and sector == last_sector
                ):
                    last_year, last_service, last_name, last_sector = year, service, name, sector
                    found = heads.get((year, service, name, sector))
                dossier_id = dossier.strip()
                family_id = family.strip()
                if (
                    found is not None
                    and dossier_id
                    and family_id
                    and len(dossier_id) <= max_dossier
                    and len(family_id) <= max_family
                ):
                    values = found[1].get((province, newborn, hours))
                    if values is not None:
                        rows_read += 1
                        yield found[0], dossier_id, family_id, values, line
                        continue
                if not any(value.strip() for value in row):
                    continue  # an empty line of separators only
                rows_read += 1
                clean = self._check_row(row, index, dossier_id, family_id, line)
                if clean is None:
                    continue
                key, values = clean
                known = heads.get((year, service, name, sector))
                if known is None and len(heads) < CACHED_HEADS:
                    known = (key, values_by_year.setdefault(key[1], {}))
                    heads[(year, service, name, sector)] = known
                    last_year = None  # look it up again on the next row
                if known is not None and cached_values < CACHED_VALUES:
                    known[1][(province, newborn, hours)] = values
                    cached_values += 1
                yield key, dossier_id, family_id, values, line
            self.rows_read = rows_read
            if not rows_read and not self.error_count:
                self.error(1, "", "", "empty_file")
        except EncodingError as exc:
            self.error(exc.line, "", "", "encoding", byte=f"0x{exc.byte:02x}")
        except Utf16WithoutBom:
            self.error(1, "", "", "utf16_without_bom")
        except csv.Error:
            self.error(line + 1, "", "", "unreadable_line")
        finally:
            self.lines.stream.close()

    def _control_characters(self, row: list[str], header: list[str] | None, line: int) -> bool:
        """Report each value of `row` that holds a control character, naming its column (the
        header's name; the value itself on the header line); whether there was one."""
        found = False
        for position, value in enumerate(row):
            match = CONTROL.search(value)
            if match is None:
                continue
            found = True
            column = header[position].strip().lower() if header is not None else value
            self.error(
                line,
                column,
                value,
                "control_character",
                char=codepoint(match.group()),
                position=match.start() + 1,
            )
        return found

    def _field_count(self, line: int, found: int, width: int) -> None:
        self.error(line, "", str(found), "field_count", found=found, expected=width)

    def _columns(self, header: list[str]) -> dict[str, int] | None:
        index: dict[str, int] = {}
        count = self.error_count
        for position, raw in enumerate(header):
            name = raw.strip().lstrip("\ufeff").strip().lower()
            if name not in COLUMNS:
                self.error(1, raw, raw, "unknown_column", columns=", ".join(COLUMNS))
            elif name in index:
                self.error(1, raw, raw, "duplicate_column")
            else:
                index[name] = position
        for name in COLUMNS:
            if name not in index:
                self.error(1, name, "", "missing_column", column=name)
        return None if self.error_count > count else index

    def _check_row(
        self, row: list[str], index: dict[str, int], dossier_id: str, family_id: str, line: int
    ) -> tuple[Key, Values] | None:
        """Check a row in full, its errors in the columns' order; its key and values if clean."""
        year = self._year(row[index["work_year"]], line)
        service_id = self._service(
            row[index["service_id"]], row[index["service_name"]], row[index["service_sector"]], line
        )
        ok = year is not None and service_id is not None
        for column, value in (("dossier_id", dossier_id), ("family_id", family_id)):
            maximum = MAX_LENGTH[column]
            if not value or len(value) > maximum:
                self._required_or_long(line, column, value, maximum)
                ok = False
        values = self._values(
            row[index["province"]], row[index["newborn"]], row[index["hours"]], year, line
        )
        if not ok or values is None or year is None or service_id is None:
            return None
        return (service_id, year), values

    def _values(
        self, province: str, newborn_raw: str, hours_raw: str, year: int | None, line: int
    ) -> Values | None:
        ok = True
        nis = None
        try:
            nis = parse_province(province)
        except BadValue as exc:
            self.error(line, "province", province, exc.code)
            ok = False
        newborn = NEWBORN.get(newborn_raw)
        if newborn is None:
            try:
                newborn = parse_newborn(newborn_raw)
            except BadValue as exc:
                self.error(line, "newborn", newborn_raw, exc.code)
                ok = False
        if year is None:
            return None
        try:
            hours = parse_hours(
                hours_raw,
                decimal_comma=self.delimiter == ";",
                places=hours_decimal_places(year),
                maximum=max_hours(year),
            )
        except BadValue as exc:
            self.error(line, "hours", hours_raw, exc.code, **exc.params)
            return None
        if not ok or nis is None or newborn is None:
            return None
        return (nis, newborn, hours, f",{nis},{'t' if newborn else 'f'},{hours}\n")

    def _required_or_long(self, line: int, column: str, value: str, maximum: int) -> None:
        if value:
            self.error(line, column, value, "too_long", max=maximum)
        else:
            self.error(line, column, "", "required")

    def _year(self, raw: str, line: int) -> int | None:
        text = raw.strip()
        if not YEAR.match(text):
            self.error(line, "work_year", raw, "bad_year" if text else "required")
            return None
        year = int(text)
        if not FIRST_WORK_YEAR <= year <= self.today.year:
            self.error(
                line,
                "work_year",
                raw,
                "year_out_of_range",
                first=FIRST_WORK_YEAR,
                last=self.today.year,
            )
            return None
        return year

    def _service(self, raw_id: str, raw_name: str, raw_sector: str, line: int) -> str | None:
        """The recognition number of a row's service, checked (and the same name and sector
        as on its first line), or None after reporting the errors."""
        ok = True
        service_id = raw_id.strip()
        if not service_id:
            self.error(line, "service_id", "", "required")
            ok = False
        elif not SERVICE_ID.match(service_id):
            self.error(line, "service_id", service_id, "bad_service_id")
            ok = False
        name = raw_name.strip()
        if not name or len(name) > MAX_LENGTH["service_name"]:
            self._required_or_long(line, "service_name", name, MAX_LENGTH["service_name"])
            ok = False
        try:
            sector = parse_sector(raw_sector)
        except BadValue as exc:
            self.error(line, "service_sector", raw_sector, exc.code)
            ok = False
        if ok and self._same_service(service_id, name, sector, line):
            return service_id
        return None

    def _same_service(self, service_id: str, name: str, sector: str, line: int) -> bool:
        known = self.services.get(service_id)
        if known is None:
            self.services[service_id] = ServiceInfo(name, sector, line)
            return True
        ok = True
        for column, first, value in (
            ("service_name", known.name, name),
            ("service_sector", known.sector, sector),
        ):
            if value != first:
                self.error(
                    line,
                    column,
                    value,
                    "inconsistent_service",
                    service=service_id,
                    column=column,
                    line=known.line,
                    first=first,
                )
                ok = False
        return ok
