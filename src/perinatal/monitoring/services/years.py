"""Closing a work year (its figures become final) and reopening it with a reason. Both are
for analysts and administrators, write the year's log and the change log, and store a
snapshot with the new status, in one transaction."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perinatal.audit.models import ChangeAction
from perinatal.audit.services import change_record
from perinatal.core.dates import shown

from ..constants import YearAction, YearStatus
from ..models import WorkYear, WorkYearEvent
from ..parameters import end_of_day, submission_deadline
from ..submissions.errors import SubmissionRefused
from ..years.snapshots import year_snapshot_restamp
from .permissions import require_manager


def _locked_year(year: int) -> WorkYear:
    WorkYear.objects.get_or_create(year=year)
    return WorkYear.objects.select_for_update().get(year=year)


@transaction.atomic
def work_year_close(*, year: int, by: Any, now: datetime | None = None) -> WorkYear:
    """Make the year's figures final; refused before its deadline has passed."""
    require_manager(by)
    now = now or timezone.now()
    work_year = _locked_year(year)
    if work_year.status == YearStatus.FINAL:
        raise SubmissionRefused(
            "already_final", _("The work year %(year)s is already final.") % {"year": year}
        )
    deadline = submission_deadline(year)
    if now < end_of_day(deadline):
        raise SubmissionRefused(
            "before_deadline",
            _(
                "The work year %(year)s cannot be closed before its deadline (%(deadline)s) has passed."
            )
            % {"year": year, "deadline": shown(deadline)},
        )
    actor = by if getattr(by, "pk", None) else None
    work_year.status, work_year.closed_at, work_year.closed_by = YearStatus.FINAL, now, actor
    work_year.save(update_fields=["status", "closed_at", "closed_by"])
    WorkYearEvent.objects.create(work_year=work_year, action=YearAction.CLOSE, at=now, by=actor)
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=work_year,
        changes={"status": [YearStatus.PROVISIONAL, YearStatus.FINAL]},
    )
    year_snapshot_restamp(work_year=work_year, at=now)
    return work_year


@transaction.atomic
def work_year_reopen(*, year: int, by: Any, reason: str, now: datetime | None = None) -> WorkYear:
    """Make a final year provisional again, so that corrections can be submitted."""
    require_manager(by)
    reason = (reason or "").strip()
    if not reason:
        raise SubmissionRefused(
            "reason_required", _("Reopening a work year needs a reason (it is logged).")
        )
    now = now or timezone.now()
    work_year = _locked_year(year)
    if work_year.status != YearStatus.FINAL:
        raise SubmissionRefused(
            "not_final", _("The work year %(year)s is not final.") % {"year": year}
        )
    actor = by if getattr(by, "pk", None) else None
    work_year.status, work_year.closed_at, work_year.closed_by = YearStatus.PROVISIONAL, None, None
    work_year.save(update_fields=["status", "closed_at", "closed_by"])
    WorkYearEvent.objects.create(
        work_year=work_year, action=YearAction.REOPEN, at=now, by=actor, reason=reason
    )
    change_record(
        actor=by,
        action=ChangeAction.UPDATE,
        instance=work_year,
        changes={"status": [YearStatus.FINAL, YearStatus.PROVISIONAL]},
        reason=reason,
    )
    year_snapshot_restamp(work_year=work_year, at=now)
    return work_year
