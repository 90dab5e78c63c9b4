"""The central monitoring: recognised services, work years, their submissions and dossiers,
and the aggregate snapshots the reports read."""

from .snapshots import SnapshotRow, YearSnapshot
from .submissions import Dossier, Service, Submission, WorkYear, WorkYearEvent

__all__ = [
    "Dossier",
    "Service",
    "SnapshotRow",
    "Submission",
    "WorkYear",
    "WorkYearEvent",
    "YearSnapshot",
]
