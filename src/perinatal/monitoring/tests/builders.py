"""Submission files made in the tests: rows as dicts, written in either CSV style and any of
the accepted encodings, and helpers to read and import them."""

import csv
import io
from datetime import date, datetime
from itertools import count
from zoneinfo import ZoneInfo

from ..services import submissions_import
from ..submissions.file import COLUMNS, SubmissionFile, read_submission

BRUSSELS = ZoneInfo("Europe/Brussels")
_serial = count(1)


def at(text: str) -> datetime:
    """A moment in Brussels time: at("2017-04-24 10:00")."""
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


def row(**values) -> dict[str, str]:
    n = next(_serial)
    base = {
        "work_year": "2016",
        "service_id": "GZ-001",
        "service_name": "Dienst gezinszorg A",
        "service_sector": "private",
        "dossier_id": f"D{n}",
        "family_id": f"F{n}",
        "province": "Antwerpen",
        "newborn": "1",
        "hours": "10.5",
    }
    base.update({key: str(value) for key, value in values.items()})
    return base


def csv_bytes(
    rows: list[dict[str, str]],
    *,
    style: str = "comma",
    encoding: str = "utf-8",
    columns: tuple[str, ...] = COLUMNS,
) -> bytes:
    """`style` "comma": `,` and decimal point; "semicolon": `;` and decimal comma (the hours
    are converted); `encoding` "utf-8", "utf-8-sig" (with BOM) or "cp1252"."""
    buffer = io.StringIO()
    delimiter = ";" if style == "semicolon" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for values in rows:
        values = dict(values)
        if style == "semicolon" and "hours" in values:
            values["hours"] = values["hours"].replace(".", ",")
        writer.writerow([values.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)


def read(data: bytes, *, name: str = "submission.csv", today: date = date(2017, 3, 1)):
    return read_submission(data, name=name, today=today)


def import_rows(
    rows: list[dict[str, str]],
    *,
    by=None,
    now: datetime | None = None,
    name: str = "submission.csv",
    **style,
):
    """Write, read and import the rows (as received at `now`, 1 March of the next year by
    default); answers what was stored."""
    now = now or at("2017-03-01 09:00")
    file: SubmissionFile = read_submission(csv_bytes(rows, **style), name=name, today=now.date())
    return submissions_import(files=[file], by=by, now=now)
