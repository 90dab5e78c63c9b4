"""Downloads of the monitoring tables (`monitoring.Table`) as CSV and XLSX.

CSV is written for Belgian Excel, which opens it with a double click as it is: UTF-8 with a
byte order mark (so "é" stays "é"), `;` between fields (the comma is the decimal separator in
Belgian locales), a decimal comma in ratios ("1,25"), months as "2024-08". XLSX (openpyxl)
holds numbers as numbers and months as dates shown "yyyy-mm". Headers and labels are in the
language of the request. A text cell that starts like a formula (`=`, `+`, `-`, `@`) is kept as
text in both, so a name can never run as a formula in a spreadsheet.
"""

import csv
import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.http import HttpResponse

from perinatal.core.spreadsheets import spreadsheet_text

from .monitoring import Column, Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def csv_cell(column: Column, value: Any) -> str:
    """A value as Belgian Excel reads it: decimal comma, months as YYYY-MM, empty for none."""
    if value is None:
        return ""
    if column.kind == "month" and isinstance(value, date):
        return value.strftime("%Y-%m")
    if column.kind == "ratio":
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return spreadsheet_text(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with BOM, `;`-separated, decimal comma (see the module)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_text(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(c, v) for c, v in zip(table.columns, row, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(table: Table) -> bytes:
    """The table as one sheet: a bold header row that stays in view, typed cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(table.title).translate(SHEET_TITLE_FORBIDDEN)[:31]
    workbook.properties.title = str(table.title)
    sheet.append([str(column.label) for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(v) for v in row])
        for column, cell in zip(table.columns, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif column.kind == "month":
                cell.number_format = "yyyy-mm"
            elif column.kind == "ratio":
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        values = [len(str(column.label))] + [len(str(r[index - 1] or "")) for r in table.rows]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(values) + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if value is None or isinstance(value, int | float | date):
        return value
    return str(value)


EXPORTS = {"csv": (csv_bytes, CSV_TYPE), "xlsx": (xlsx_bytes, XLSX_TYPE)}


def download(table: Table, fmt: str, *, stem: str) -> HttpResponse:
    """The table as an attachment `<stem>.<fmt>` (`fmt` one of EXPORTS; KeyError otherwise)."""
    write, content_type = EXPORTS[fmt]
    response = HttpResponse(write(table), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
