"""The home page's dates (worklist/rules.py) as tables of cases."""

from datetime import date

import pytest

from perinatal.worklist import rules

ON = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("due_date", "expected"),
    [
        # Week 28 of the pregnancy is 12 weeks before the expected due date (40 weeks).
        (date(2027, 3, 1), date(2026, 12, 7)),
        (date(2027, 2, 24), date(2026, 12, 2)),
        (date(2026, 12, 3), date(2026, 9, 10)),
    ],
)
def test_the_start_conversation_is_due_in_week_28(due_date, expected):
    assert rules.startgesprek_due(due_date, on=ON) == expected


@pytest.mark.parametrize(
    ("day", "shows", "late"),
    [
        (date(2026, 12, 17), True, False),  # the 14th day ahead: on the page
        (date(2026, 12, 18), False, False),  # the 15th: not yet
        (date(2026, 12, 3), True, False),  # today: due, not late
        (date(2026, 12, 2), True, True),  # yesterday: late
    ],
)
def test_a_dated_task_shows_from_the_horizon_and_is_late_after_its_day(day, shows, late):
    assert rules.shows_on(day, on=ON) is shows
    assert rules.is_late(day, on=ON) is late


def test_the_latest_due_date_shown_is_the_horizon_plus_twelve_weeks():
    latest = rules.startgesprek_latest_due_date(ON)
    assert rules.startgesprek_due(latest, on=ON) == rules.horizon(ON)


@pytest.mark.parametrize(
    ("used", "limit", "near"),
    [
        (8, 9, True),  # physiotherapy: one left
        (9, 9, True),  # none left
        (7, 9, False),
        (1, 2, True),  # personal prenatal advice: one of two used
        (0, 1, False),  # nothing used: not shown
        (3, None, False),  # not counted (Kind en Gezin consultations)
    ],
)
def test_an_entitlement_is_near_its_limit_with_one_left(used, limit, near):
    assert rules.near_limit(used=used, limit=limit, on=ON) is near
