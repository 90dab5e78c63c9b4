"""The central monitoring: recognised services, work years, their submissions and dossiers,
and the aggregate snapshots the reports read."""

from .rejections import RejectedSubmission
from .snapshots import SnapshotRow, YearSnapshot
from .submissions import Dossier, Service, Submission, WorkYear, WorkYearEvent

__all__ = [
    "Dossier",
    "RejectedSubmission",
    "Service",
    "SnapshotRow",
    "Submission",
    "WorkYear",
    "WorkYearEvent",
    "YearSnapshot",
]
