"""Writes of the monitoring: importing submissions (now, or started in the background),
closing and reopening a work year. Each runs in one transaction with its change-log rows and
the snapshots it makes."""

from .imports import submission_import_start
from .submissions import submissions_import
from .years import work_year_close, work_year_reopen

__all__ = [
    "submission_import_start",
    "submissions_import",
    "work_year_close",
    "work_year_reopen",
]
