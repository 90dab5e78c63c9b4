"""The guide's rules without database: the days of a step for a family, its status, its
timing in words (parents/guide.py)."""

from datetime import date

import pytest

from django.utils import translation

from ..guide import Point, Status, StepDates, Timing, point_date, step_dates, step_status, when_text

DUE = date(2027, 3, 14)  # a Sunday; week 40 ends on it
BORN = date(2027, 3, 20)

WEEK_1 = Point(pregnancy_week=1)
BIRTH = Point(after_birth_days=0)

# (point, birth date, as an end?, the day)
POINTS = [
    (Point(pregnancy_week=40), None, True, DUE),
    (Point(pregnancy_week=40), None, False, date(2027, 3, 8)),
    (Point(pregnancy_week=28), None, True, date(2026, 12, 20)),  # as worklist's start conversation
    (WEEK_1, None, False, date(2026, 6, 8)),  # 40 weeks before the due date, plus a day
    (Point(pregnancy_week=32), BORN, True, date(2027, 1, 17)),  # weeks ignore the birth
    (BIRTH, None, False, DUE),  # not born: counted from the due date
    (BIRTH, BORN, False, BORN),
    (Point(after_birth_days=15), BORN, True, date(2027, 4, 4)),
    (Point(after_birth_days=7), None, True, date(2027, 3, 21)),
    (Point(after_birth_months=30), BORN, True, date(2029, 9, 20)),
    (Point(after_birth_months=1), date(2027, 1, 31), True, date(2027, 2, 28)),  # month's end
]


@pytest.mark.parametrize(("point", "born", "end", "day"), POINTS)
def test_a_point_falls_on_its_day(point, born, end, day):
    assert point_date(point, due_date=DUE, birth_date=born, end=end) == day


def test_a_point_needs_a_kind():
    with pytest.raises(ValueError):
        point_date(Point(), due_date=DUE, birth_date=None, end=False)


def test_dates_after_the_birth_are_estimates_until_it_is_recorded():
    timing = Timing(start=BIRTH, end=Point(after_birth_days=15), deadline=True)
    assert step_dates(timing, due_date=DUE, birth_date=None).estimated
    assert not step_dates(timing, due_date=DUE, birth_date=BORN).estimated
    in_pregnancy = Timing(start=WEEK_1, end=Point(pregnancy_week=32), deadline=True)
    assert not step_dates(in_pregnancy, due_date=DUE, birth_date=None).estimated


KRAAMZORG = Timing(start=WEEK_1, end=BIRTH, deadline=True)
DECLARE = Timing(start=BIRTH, end=Point(after_birth_days=15), deadline=True)
CONSULTATIONS = Timing(start=BIRTH, end=Point(after_birth_months=30), deadline=False)
FUND = Timing(start=Point(pregnancy_week=24))

# (timing, tracked, done on, birth, today, status)
STATUSES = [
    # tracked with a deadline: done whenever seen done, late once the deadline passed
    (KRAAMZORG, True, date(2026, 9, 1), None, date(2026, 9, 2), Status.DONE),
    (KRAAMZORG, True, date(2027, 4, 1), BORN, date(2027, 4, 2), Status.DONE),  # asked late
    (KRAAMZORG, True, None, None, date(2026, 9, 2), Status.NOW),
    (KRAAMZORG, True, None, None, DUE, Status.NOW),  # the last day
    (KRAAMZORG, True, None, None, date(2027, 3, 15), Status.LATE),  # due date passed
    (KRAAMZORG, True, None, BORN, date(2027, 3, 18), Status.NOW),  # born later than due
    (KRAAMZORG, True, None, BORN, date(2027, 3, 21), Status.LATE),
    (KRAAMZORG, True, None, None, date(2026, 6, 1), Status.COMING),  # before the pregnancy
    # untracked: never done nor late, the date passes
    (DECLARE, False, None, None, date(2026, 9, 2), Status.COMING),
    (DECLARE, False, None, BORN, date(2027, 3, 25), Status.NOW),
    (DECLARE, False, None, BORN, date(2027, 4, 4), Status.NOW),
    (DECLARE, False, None, BORN, date(2027, 4, 5), Status.PASSED),
    (DECLARE, False, date(2027, 3, 21), BORN, date(2027, 4, 5), Status.PASSED),  # not tracked
    # a period without a deadline ends without being late
    (CONSULTATIONS, False, None, BORN, date(2028, 1, 1), Status.NOW),
    (CONSULTATIONS, False, None, BORN, date(2029, 9, 21), Status.PASSED),
    (Timing(start=WEEK_1, end=BIRTH), True, None, BORN, date(2027, 4, 1), Status.PASSED),
    # no end: open from its start
    (FUND, False, None, None, date(2026, 11, 15), Status.COMING),
    (FUND, False, None, None, date(2026, 11, 16), Status.NOW),
    (FUND, False, None, BORN, date(2030, 1, 1), Status.NOW),
]


@pytest.mark.parametrize(("timing", "tracked", "done_on", "born", "today", "status"), STATUSES)
def test_status_of_a_step_for_a_family(timing, tracked, done_on, born, today, status):
    dates = step_dates(timing, due_date=DUE, birth_date=born)
    assert step_status(timing, dates, tracked=tracked, done_on=done_on, today=today) == status


def test_a_step_without_dates_is_now():
    none = StepDates(start=None, end=None, estimated=False)
    assert step_status(Timing(), none, tracked=False, done_on=None, today=DUE) == Status.NOW


# (timing, English, Dutch, French)
WORDS = [
    (
        Timing(start=Point(pregnancy_week=12)),
        "from week 12 of the pregnancy",
        "vanaf week 12 van de zwangerschap",
        "à partir de la semaine 12 de la grossesse",
    ),
    (
        DECLARE,
        "within 15 days after the birth",
        "binnen 15 dagen na de geboorte",
        "dans les 15 jours qui suivent la naissance",
    ),
    (
        KRAAMZORG,
        "from the start of the pregnancy, before the birth",
        "vanaf het begin van de zwangerschap, vóór de geboorte",
        "dès le début de la grossesse, avant la naissance",
    ),
    (
        Timing(start=WEEK_1, end=Point(after_birth_days=7), deadline=True),
        "from the start of the pregnancy, at the latest 7 days after the birth",
        "vanaf het begin van de zwangerschap, uiterlijk 7 dagen na de geboorte",
        "dès le début de la grossesse, au plus tard 7 jours après la naissance",
    ),
    (
        CONSULTATIONS,
        "from the birth, until the child is 30 months old",
        "vanaf de geboorte, tot je kind 30 maanden oud is",
        "dès la naissance, jusqu'à ce que l'enfant ait 30 mois",
    ),
    (
        Timing(start=BIRTH, end=Point(after_birth_days=42)),
        "in the first 42 days after the birth",
        "in de eerste 42 dagen na de geboorte",
        "pendant les 42 premiers jours après la naissance",
    ),
]


@pytest.mark.parametrize(("timing", "en", "nl", "fr"), WORDS)
def test_timing_in_words_in_each_language(timing, en, nl, fr):
    for lang, expected in (("en", en), ("nl", nl), ("fr", fr)):
        with translation.override(lang):
            assert when_text(timing) == expected
