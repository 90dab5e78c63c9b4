"""Reading a submission file (seeds 001 and 004): a CSV with one row per dossier and the columns
`work_year, service_id, service_name, service_sector, dossier_id, family_id, province,
newborn, hours` in any order.

Encodings: UTF-8 with or without BOM, else Windows-1252. Styles: `,` with a decimal point or
`;` with a decimal comma, told apart by the header's separator; a value in the other style is
an error (mixed decimal styles). Every error is collected with its line, column, value and
reason; a file with any error is refused whole by the import. The clean rows are grouped by
(service, work year), the unit a submission replaces.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from ..constants import FIRST_WORK_YEAR
from ..parameters import hours_decimal_places, max_hours
from .errors import FileError
from .values import (
    NEWBORN,
    BadValue,
    parse_hours,
    parse_newborn,
    parse_province,
    parse_sector,
)

COLUMNS = (
    "work_year",
    "service_id",
    "service_name",
    "service_sector",
    "dossier_id",
    "family_id",
    "province",
    "newborn",
    "hours",
)
MAX_LENGTH = {"service_name": 200, "dossier_id": 40, "family_id": 64}
MAX_ERRORS = 10_000
SERVICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9./-]{0,19}\Z")
YEAR = re.compile(r"\d{4}\Z")
VALUE_SHOWN = 100  # characters of a wrong value repeated in an error

# One dossier, clean: (dossier_id, family_id, province NIS code, newborn, hours as text).
Row = tuple[str, str, str, bool, str]
Key = tuple[str, int]  # (service_id, work_year)


@dataclass
class ServiceInfo:
    name: str
    sector: str
    line: int


@dataclass
class SubmissionFile:
    name: str
    encoding: str = ""
    delimiter: str = ""
    rows: dict[Key, list[Row]] = field(default_factory=dict)
    services: dict[str, ServiceInfo] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def error(self, line: int, column: str, value: str, code: str, /, **params) -> None:
        if len(self.errors) == MAX_ERRORS:
            self.errors.append(FileError(line, "", "", "too_many_errors", {"max": MAX_ERRORS}))
        if len(self.errors) > MAX_ERRORS:
            return
        shown = value if len(value) <= VALUE_SHOWN else value[:VALUE_SHOWN] + "…"
        self.errors.append(FileError(line, column, shown, code, params, self.name))


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in; UnicodeDecodeError when neither fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "windows-1252"


def read_submission(
    data: bytes,
    *,
    name: str,
    today: date,
    progress: Callable[[int], None] | None = None,
) -> SubmissionFile:
    """Parse and check a whole file; `progress(lines)` is called now and then."""
    result = SubmissionFile(name=PurePath(name).name)
    try:
        text, result.encoding = decode(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.error(line, "", "", "encoding", byte=f"0x{data[exc.start]:02x}")
        return result
    header_line, _, _ = text.partition("\n")
    if not header_line.strip():
        result.error(1, "", "", "empty_file")
        return result
    if ";" in header_line and "," in header_line:
        result.error(1, "", header_line[:VALUE_SHOWN], "mixed_delimiters")
        return result
    result.delimiter = ";" if ";" in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=result.delimiter)
    header = next(reader)
    index = _columns(header, result)
    if index is None:
        return result
    _read_rows(reader, index, len(header), result, today=today, progress=progress)
    if not result.rows and not result.errors:
        result.error(1, "", "", "empty_file")
    return result


def _columns(header: list[str], result: SubmissionFile) -> dict[str, int] | None:
    index: dict[str, int] = {}
    for position, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip().lower()
        if name not in COLUMNS:
            result.error(1, raw, raw, "unknown_column", columns=", ".join(COLUMNS))
        elif name in index:
            result.error(1, raw, raw, "duplicate_column")
        else:
            index[name] = position
    for name in COLUMNS:
        if name not in index:
            result.error(1, name, "", "missing_column", column=name)
    return None if result.errors else index


def _read_rows(reader, index, width, result: SubmissionFile, *, today, progress) -> None:
    """Check every row; the values that repeat (years, services, provinces, marks, hours)
    are checked once and then found in a cache, which keeps a million rows fast."""
    decimal_comma = result.delimiter == ";"
    error = result.error
    years: dict[str, int] = {}
    services: dict[tuple[str, str, str], str] = {}
    provinces: dict[str, str] = {}
    hours_seen: dict[int, dict[str, str]] = {}
    seen: dict[Key, dict[str, int]] = {}
    max_dossier, max_family = MAX_LENGTH["dossier_id"], MAX_LENGTH["family_id"]
    (c_year, c_service, c_name, c_sector, c_dossier, c_family, c_province, c_newborn, c_hours) = (
        index[name] for name in COLUMNS
    )
    for row in reader:
        line = reader.line_num
        if progress is not None and line % 50_000 == 0:
            progress(line)
        if len(row) != width or not row[c_year]:
            if not any(value.strip() for value in row):
                continue  # an empty line
            if len(row) != width:
                error(line, "", str(len(row)), "field_count", found=len(row), expected=width)
                continue
        ok = True
        raw = row[c_year]
        year = years.get(raw)
        if year is None:
            year = _year(raw, today, line, result)
            if year is None:
                ok = False
            else:
                years[raw] = year
        identity = (row[c_service], row[c_name], row[c_sector])
        service_id = services.get(identity)
        if service_id is None:
            service_id = _service(identity, line, result)
            if service_id is None:
                ok = False
            else:
                services[identity] = service_id
        dossier_id = row[c_dossier].strip()
        if not dossier_id or len(dossier_id) > max_dossier:
            _required_or_long(line, "dossier_id", dossier_id, max_dossier, result)
            ok = False
        family_id = row[c_family].strip()
        if not family_id or len(family_id) > max_family:
            _required_or_long(line, "family_id", family_id, max_family, result)
            ok = False
        raw = row[c_province]
        nis = provinces.get(raw)
        if nis is None:
            try:
                nis = provinces[raw] = parse_province(raw)
            except BadValue as exc:
                error(line, "province", raw, exc.code)
                ok = False
        raw = row[c_newborn]
        newborn = NEWBORN.get(raw)
        if newborn is None:
            try:
                newborn = parse_newborn(raw)
            except BadValue as exc:
                error(line, "newborn", raw, exc.code)
                ok = False
        if year is not None:
            raw = row[c_hours]
            known = hours_seen.get(year)
            if known is None:
                known = hours_seen[year] = {}
            hours = known.get(raw)
            if hours is None:
                try:
                    hours = parse_hours(
                        raw,
                        decimal_comma=decimal_comma,
                        places=hours_decimal_places(year),
                        maximum=max_hours(year),
                    )
                except BadValue as exc:
                    error(line, "hours", raw, exc.code, **exc.params)
                    ok = False
                else:
                    if len(known) < 100_000:
                        known[raw] = hours
        if (  # a None is a value with an error above (ok is False)
            not ok
            or year is None
            or service_id is None
            or nis is None
            or newborn is None
            or hours is None
        ):
            continue
        key = (service_id, year)
        dossiers = seen.get(key)
        if dossiers is None:
            dossiers = seen[key] = {}
            result.rows[key] = []
        first = dossiers.setdefault(dossier_id, line)
        if first != line:
            error(
                line, "dossier_id", dossier_id, "duplicate_dossier", dossier=dossier_id, line=first
            )
            continue
        result.rows[key].append((dossier_id, family_id, nis, newborn, hours))
    if result.errors:
        result.rows.clear()


def _required_or_long(line: int, column: str, value: str, maximum: int, result) -> None:
    if value:
        result.error(line, column, value, "too_long", max=maximum)
    else:
        result.error(line, column, "", "required")


def _service(identity: tuple[str, str, str], line: int, result: SubmissionFile) -> str | None:
    """The recognition number of a row's service, checked (and the same name and sector as on
    its first line), or None after reporting the errors."""
    raw_id, raw_name, raw_sector = identity
    ok = True
    service_id = raw_id.strip()
    if not service_id:
        result.error(line, "service_id", "", "required")
        ok = False
    elif not SERVICE_ID.match(service_id):
        result.error(line, "service_id", service_id, "bad_service_id")
        ok = False
    name = raw_name.strip()
    if not name or len(name) > MAX_LENGTH["service_name"]:
        _required_or_long(line, "service_name", name, MAX_LENGTH["service_name"], result)
        ok = False
    try:
        sector = parse_sector(raw_sector)
    except BadValue as exc:
        result.error(line, "service_sector", raw_sector, exc.code)
        ok = False
    if ok and _same_service(service_id, name, sector, line, result):
        return service_id
    return None


def _year(raw: str, today: date, line: int, result: SubmissionFile) -> int | None:
    text = raw.strip()
    if not YEAR.match(text):
        result.error(line, "work_year", raw, "bad_year" if text else "required")
        return None
    year = int(text)
    if not FIRST_WORK_YEAR <= year <= today.year:
        result.error(
            line, "work_year", raw, "year_out_of_range", first=FIRST_WORK_YEAR, last=today.year
        )
        return None
    return year


def _same_service(service_id: str, name: str, sector: str, line: int, result) -> bool:
    known = result.services.get(service_id)
    if known is None:
        result.services[service_id] = ServiceInfo(name, sector, line)
        return True
    ok = True
    for column, first, value in (
        ("service_name", known.name, name),
        ("service_sector", known.sector, sector),
    ):
        if value != first:
            result.error(
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
