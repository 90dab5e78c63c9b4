"""Text written into a file that a spreadsheet opens (CSV, XLSX): a value that starts like a
formula (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so the
spreadsheet shows it instead of running it (CSV/formula injection)."""

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
