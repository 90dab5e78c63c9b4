"""Writes of the monitoring: importing submissions, closing and reopening a work year. Each
runs in one transaction with its change-log rows and the snapshots it makes."""

from .submissions import submissions_import
from .years import work_year_close, work_year_reopen

__all__ = ["submissions_import", "work_year_close", "work_year_reopen"]
