"""The state of a work year as the dashboard shows it: provisional until its deadline and
until an analyst closes it, or final (when and by whom); the late submissions; what an
analyst may do with it now (close it once the deadline has passed, reopen it when final);
and the year's log of closing and reopening. Three statements, no dossier read."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from ..constants import YearStatus
from ..models import Submission, WorkYear, WorkYearEvent
from ..parameters import end_of_day, submission_deadline

EVENTS_SHOWN = 20


@dataclass(frozen=True)
class YearState:
    year: int
    status: str
    deadline: date
    deadline_passed: bool
    closed_at: datetime | None
    closed_by: Any  # the user, or None (the command line's operator, or not closed)
    current_submissions: int
    late_submissions: int  # every version received after the deadline (each was an arrival)
    events: list[WorkYearEvent]

    @property
    def final(self) -> bool:
        return self.status == YearStatus.FINAL

    @property
    def may_close(self) -> bool:
        """Offered once the deadline has passed, for a year with submissions."""
        return not self.final and self.deadline_passed and self.current_submissions > 0

    @property
    def may_reopen(self) -> bool:
        return self.final


def work_year_state(year: int, *, now: datetime | None = None) -> YearState:
    """The year as it is now (a year nobody submitted for yet is provisional and empty)."""
    now = now or timezone.now()
    work_year = WorkYear.objects.select_related("closed_by").filter(year=year).first()
    counts = Submission.objects.filter(work_year_id=year).aggregate(
        current=Count("id", filter=Q(superseded_at__isnull=True)),
        late=Count("id", filter=Q(late=True)),
    )
    events = list(
        WorkYearEvent.objects.filter(work_year_id=year)
        .select_related("by")
        .order_by("-at", "-id")[:EVENTS_SHOWN]
    )
    deadline = submission_deadline(year)
    return YearState(
        year=year,
        status=work_year.status if work_year else YearStatus.PROVISIONAL,
        deadline=deadline,
        deadline_passed=now >= end_of_day(deadline),
        closed_at=work_year.closed_at if work_year else None,
        closed_by=work_year.closed_by if work_year else None,
        current_submissions=counts["current"],
        late_submissions=counts["late"],
        events=events,
    )
