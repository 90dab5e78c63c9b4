"""The rules of the practical guide of the first 1000 days, as plain functions (no database).

A step of the guide (`parents/data/guide.yaml`) has a timing: a start and an end, each a point
relative to the pregnancy or the birth ("week 12 of the pregnancy", "15 days after the birth",
"when the child is 30 months old"). The end is a deadline ("by") or only closes the period.

- `point_date(point, due_date=…, birth_date=…, end=…)`: the day a point falls on for one
  family. Weeks of the pregnancy count back from the due date (40 weeks), as the home page's
  start conversation does (`worklist/rules.py`): week N ends 40 − N weeks before the due date.
  A point after the birth counts from the birth, or from the due date while the child is not
  born (the dates are then estimates).
- `step_status(timing, …)`: done, late, now, coming or passed for one family on one day. Only
  a step the platform tracks (it knows when it was done) can be done or late; past the end of
  any other step the page says the date has passed.
- `when_text(timing)`: the timing in words of the active language, relative to the pregnancy
  or the birth (the public page).
Sources of each step's timing: the `source` and `general_knowledge` of the data file
(docs/decisions/0039-practical-guide.md).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perinatal.core.dates import add_months

FULL_TERM_WEEKS = 40


@dataclass(frozen=True)
class Point:
    """One moment: exactly one of the three is set."""

    pregnancy_week: int | None = None  # 1..42: week N of the pregnancy
    after_birth_days: int | None = None  # 0 = the birth
    after_birth_months: int | None = None  # the child's age in months


@dataclass(frozen=True)
class Timing:
    start: Point | None = None
    end: Point | None = None
    deadline: bool = False  # the end is a "by": past it, a step not done is late


class Status(StrEnum):
    DONE = "done"  # the platform knows it was done
    LATE = "late"  # tracked, not done, the deadline has passed
    NOW = "now"  # its period has begun and not ended
    COMING = "coming"  # its period begins later
    PASSED = "passed"  # its period has ended (untracked: whether it was done is unknown)


@dataclass(frozen=True)
class StepDates:
    start: date | None
    end: date | None
    estimated: bool  # counted from the due date because the child is not born (yet)


def is_after_birth(point: Point) -> bool:
    return point.pregnancy_week is None


def point_date(point: Point, *, due_date: date, birth_date: date | None, end: bool) -> date:
    """The day `point` falls on: its first day, or its last day when it ends a period (`end`).
    Points after the birth count from `birth_date`, or from `due_date` before it is known."""
    if point.pregnancy_week is not None:
        last_day = due_date - timedelta(weeks=FULL_TERM_WEEKS - point.pregnancy_week)
        return last_day if end else last_day - timedelta(days=6)
    born = birth_date or due_date
    if point.after_birth_days is not None:
        return born + timedelta(days=point.after_birth_days)
    if point.after_birth_months is not None:
        return add_months(born, point.after_birth_months)
    raise ValueError("a point needs a week of pregnancy, days or months after the birth")


def step_dates(timing: Timing, *, due_date: date, birth_date: date | None) -> StepDates:
    """The first and last day of a step for a family."""
    start = (
        point_date(timing.start, due_date=due_date, birth_date=birth_date, end=False)
        if timing.start
        else None
    )
    end = (
        point_date(timing.end, due_date=due_date, birth_date=birth_date, end=True)
        if timing.end
        else None
    )
    counts_from_birth = any(p is not None and is_after_birth(p) for p in (timing.start, timing.end))
    return StepDates(start=start, end=end, estimated=counts_from_birth and birth_date is None)


def step_status(
    timing: Timing,
    dates: StepDates,
    *,
    tracked: bool,
    done_on: date | None,
    today: date,
) -> Status:
    """Where a family stands with a step on `today`. `tracked`: the platform records this
    step, so `done_on` (None: not done) is known."""
    if tracked and done_on is not None:
        return Status.DONE
    if dates.end is not None and today > dates.end:
        if tracked and timing.deadline:
            return Status.LATE
        return Status.PASSED
    if dates.start is not None and today < dates.start:
        return Status.COMING
    return Status.NOW


def _start_words(point: Point) -> str:
    if point.pregnancy_week is not None:
        if point.pregnancy_week <= 1:
            return _("from the start of the pregnancy")
        return _("from week %(week)d of the pregnancy") % {"week": point.pregnancy_week}
    if point.after_birth_days is not None:
        if point.after_birth_days == 0:
            return _("from the birth")
        return ngettext(
            "from %(count)d day after the birth",
            "from %(count)d days after the birth",
            point.after_birth_days,
        ) % {"count": point.after_birth_days}
    months = point.after_birth_months or 0
    return ngettext(
        "from when the child is %(count)d month old",
        "from when the child is %(count)d months old",
        months,
    ) % {"count": months}


def _end_words(point: Point, *, deadline: bool) -> str:
    if point.pregnancy_week is not None:
        text = (
            _("at the latest in week %(week)d of the pregnancy")
            if deadline
            else _("until week %(week)d of the pregnancy")
        )
        return text % {"week": point.pregnancy_week}
    if point.after_birth_days is not None:
        days = point.after_birth_days
        if days == 0:
            return _("before the birth") if deadline else _("until the birth")
        if deadline:
            text = ngettext(
                "at the latest %(count)d day after the birth",
                "at the latest %(count)d days after the birth",
                days,
            )
        else:
            text = ngettext(
                "until %(count)d day after the birth", "until %(count)d days after the birth", days
            )
        return text % {"count": days}
    months = point.after_birth_months or 0
    if deadline:
        text = ngettext(
            "before the child is %(count)d month old",
            "before the child is %(count)d months old",
            months,
        )
    else:
        text = ngettext(
            "until the child is %(count)d month old",
            "until the child is %(count)d months old",
            months,
        )
    return text % {"count": months}


def when_text(timing: Timing) -> str:
    """The step's timing in words of the active language, e.g. "from week 12 of the pregnancy",
    "from the birth, at the latest 15 days after the birth"."""
    start, end = timing.start, timing.end
    if start == Point(after_birth_days=0) and end is not None and end.after_birth_days:
        # not "from the birth, at the latest 15 days after the birth"
        if timing.deadline:
            text = ngettext(
                "within %(count)d day after the birth",
                "within %(count)d days after the birth",
                end.after_birth_days,
            )
        else:
            text = ngettext(
                "in the first %(count)d day after the birth",
                "in the first %(count)d days after the birth",
                end.after_birth_days,
            )
        return text % {"count": end.after_birth_days}
    parts = []
    if timing.start is not None:
        parts.append(_start_words(timing.start))
    if timing.end is not None:
        parts.append(_end_words(timing.end, deadline=timing.deadline))
    if not parts:
        return _("at any time in the first 1000 days")
    if len(parts) == 1:
        return parts[0]
    return _("%(start)s, %(end)s") % {"start": parts[0], "end": parts[1]}
