"""A module's table as CSV, in the style of the kraamzorg report's CSV (`reports.report_csv`):
`,` between fields, decimal point, a header of stable keys (`row`, `label`, then the columns'
keys), a row per region or month and the total. In publication mode a withheld figure is
empty and a second table, after an empty line, lists every withheld cell with its reason
(a header only when nothing was withheld)."""

import csv
import io

from .publication import reason_text
from .tables import FigureTable

SUPPRESSED_COLUMNS = ("suppressed_cell", "reason", "explanation")


def _cell(value) -> str:
    return "" if value is None else str(value)


def table_csv(table: FigureTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = [column.key for column in table.columns]
    writer.writerow(["year", "row", "label", *keys])
    for row in table.all_rows:
        writer.writerow([table.year, row["key"], row["label"], *(_cell(row[k]) for k in keys)])
    if table.suppressed is not None:
        writer.writerow([])
        writer.writerow(SUPPRESSED_COLUMNS)
        for entry in table.suppressed:
            explanation = reason_text(entry["reason"], table.publication)
            writer.writerow([entry["cell"], entry["reason"], explanation])
    return buffer.getvalue()
