"""When a task of the home page is due, as plain functions over dated data (no database).

- `startgesprek_due(due_date)`: the day by which Kind en Gezin's start conversation should be
  held: the end of week `startgesprek.due_week` of the pregnancy, counted back from the
  expected due date (40 weeks). The sources place it in pregnancy without a week (seed 002);
  the week is the platform's choice (docs/decisions/0029-home-per-role.md).
- `shows_on(day, on)`: a dated task appears from `worklist.horizon_days` before its day, and
  stays while it is not done (late after its day).
- `near_limit(used, limit)`: an entitlement with at most `worklist.near_limit_remaining`
  left, once one was used.
The rules of the sources the home reads stay where they live: the screening window
(`pathways.rules.screening_window_end`), the transfer deadline and state
(`pathways.handover_rules`), the Kindboekje's six weeks (`booklets.rules.follow_up_due`).
"""

from datetime import date, timedelta

from .parameters import parameter

FULL_TERM_WEEKS = 40


def startgesprek_due(due_date: date, *, on: date) -> date:
    """The last day of week `startgesprek.due_week` of the pregnancy due on `due_date`."""
    weeks_before = FULL_TERM_WEEKS - parameter("startgesprek.due_week", on=on)
    return due_date - timedelta(weeks=weeks_before)


def startgesprek_latest_due_date(on: date) -> date:
    """The latest expected due date whose start conversation is on the home page on `on`
    (its due day within the horizon)."""
    weeks_before = FULL_TERM_WEEKS - parameter("startgesprek.due_week", on=on)
    return horizon(on) + timedelta(weeks=weeks_before)


def horizon(on: date) -> date:
    """The last day whose tasks show on `on`."""
    return on + timedelta(days=parameter("worklist.horizon_days", on=on))


def shows_on(day: date, *, on: date) -> bool:
    """A task due on `day` is on the home page on `on` (from the horizon on, late after)."""
    return day <= horizon(on)


def is_late(day: date, *, on: date) -> bool:
    return day < on


def near_limit(*, used: int, limit: int | None, on: date) -> bool:
    """At most `worklist.near_limit_remaining` left of `limit`, once one was used."""
    if limit is None or used <= 0:
        return False
    return limit - used <= parameter("worklist.near_limit_remaining", on=on)


def recent_since(on: date) -> date:
    """The first day of the recent period (discharges received, reviews, failed jobs)."""
    return on - timedelta(days=parameter("worklist.recent_days", on=on))


def items_per_kind(on: date) -> int:
    return int(parameter("worklist.items_per_kind", on=on))
