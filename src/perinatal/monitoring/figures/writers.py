"""The one place a table of figures (`tables.Table`) is written to a file, in two styles.

- `table_csv`: the dashboard's CSV, in the style of the kraamzorg report's CSV
  (`reports.report_csv`): `,` between fields, decimal point, a header of stable keys (`year`,
  `row`, `label`, then the columns' keys), a row per region or month and the total. In
  publication mode a withheld figure is empty and a second table, after an empty line, lists
  every withheld cell with its reason (a header only when nothing was withheld).
- `csv_bytes` and `xlsx_bytes` (`EXPORTS`, downloaded through `monitoring.downloads`): the
  Kindboekje's monitoring tables for Belgian Excel, which opens the CSV with a double click as it is: UTF-8 with a
  byte order mark (so "é" stays "é"), `;` between fields (the comma is the decimal separator
  in Belgian locales), a decimal comma in ratios ("1,25"), months as "2024-08". XLSX
  (openpyxl) holds numbers as numbers and months as dates shown "yyyy-mm". Headers and labels
  are in the language of the request.

A text cell that starts like a formula (`=`, `+`, `-`, `@`) is kept as text in the Excel CSV
and the XLSX (`core.spreadsheets`), so a name can never run as a formula in a spreadsheet.
"""

import csv
import io
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from perinatal.core.spreadsheets import spreadsheet_text

from .publication import reason_text
from .tables import Column, Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUPPRESSED_COLUMNS = ("suppressed_cell", "reason", "explanation")
SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


def table_csv(table: Table) -> str:
    """A table counted per region or month of a year as the dashboard's CSV (see above)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = [column.key for column in table.columns]
    writer.writerow(["year", "row", "label", *keys])
    for row in table.all_rows:
        writer.writerow([table.year, row["key"], row["label"], *(_plain(row[k]) for k in keys)])
    if table.suppressed is not None:
        publication = table.publication
        if publication is None:
            raise ValueError("a table in publication mode holds the limits applied")
        writer.writerow([])
        writer.writerow(SUPPRESSED_COLUMNS)
        for entry in table.suppressed:
            explanation = reason_text(entry["reason"], publication)
            writer.writerow([entry["cell"], entry["reason"], explanation])
    return buffer.getvalue()


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
    """The table as CSV for Belgian Excel: UTF-8 with BOM, `;`-separated, decimal comma."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([spreadsheet_text(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(c, row[c.key]) for c in table.columns])
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
    # Cell by cell at a known row: `sheet[sheet.max_row]` after each `append` looks at every
    # cell written so far, which made 4,000 rows take 19 s instead of 0.3 s.
    for number, row in enumerate(table.rows, start=2):
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=number, column=index, value=_xlsx_value(row[column.key]))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            elif column.kind == "month":
                cell.number_format = "yyyy-mm"
            elif column.kind == "ratio":
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table.columns, start=1):
        values = [len(str(column.label))] + [len(str(r[column.key] or "")) for r in table.rows]
        sheet.column_dimensions[get_column_letter(index)].width = min(max(values) + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if value is None or isinstance(value, int | float | date):
        return value
    return str(value)


EXPORTS = {"csv": (csv_bytes, CSV_TYPE), "xlsx": (xlsx_bytes, XLSX_TYPE)}
