"""The 24-hour rule of the hospital discharge, as a table at its edges (no database).

Seed 002, note 4: "De nieuwe Brusselse ziekenhuisnormen vereisen onder andere dat
perinatale gegevens worden doorgegeven via overdrachtsformulieren die binnen de 24 uur na
het ontslag uit het ziekenhuis beschikbaar moeten zijn" — the norms "van september 2024".
Within 24 hours: a transfer at 24h00 is in time, at 24h01 late (decision 0027)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from perinatal.pathways.constants import TransferState
from perinatal.pathways.handover_rules import transfer_deadline, transfer_hours, transfer_state

BRUSSELS = ZoneInfo("Europe/Brussels")
DISCHARGED = datetime(2025, 5, 30, 11, 15, tzinfo=BRUSSELS)


def after(hours: int, minutes: int = 0) -> datetime:
    return DISCHARGED + timedelta(hours=hours, minutes=minutes)


def test_the_deadline_is_24_hours_after_the_discharge():
    assert transfer_deadline(DISCHARGED) == datetime(2025, 5, 31, 11, 15, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("discharged", "deadline"),
    [
        # The rule is in force from the norms of September 2024 (the day in Brussels counts).
        (datetime(2024, 8, 31, 23, 59, tzinfo=BRUSSELS), None),
        (
            datetime(2024, 9, 1, 0, 0, tzinfo=BRUSSELS),
            datetime(2024, 9, 2, 0, 0, tzinfo=BRUSSELS),
        ),
        # 31 August 22:30 UTC is already 1 September in Brussels.
        (
            datetime(2024, 8, 31, 22, 30, tzinfo=ZoneInfo("UTC")),
            datetime(2024, 9, 1, 22, 30, tzinfo=ZoneInfo("UTC")),
        ),
        # 24 hours elapsed, not the same clock time: across the spring change of clocks the
        # deadline reads 13:00 (an hour is skipped in the night of 30 March 2025).
        (
            datetime(2025, 3, 29, 12, 0, tzinfo=BRUSSELS),
            datetime(2025, 3, 30, 13, 0, tzinfo=BRUSSELS),
        ),
    ],
)
def test_the_deadline_follows_the_rule_in_force_on_the_discharge_day(discharged, deadline):
    assert transfer_deadline(discharged) == deadline


def test_the_hours_are_a_dated_parameter():
    assert transfer_hours(DISCHARGED.date()) == 24
    assert transfer_hours(datetime(2024, 8, 31).date()) is None


DEADLINE = after(24)


@pytest.mark.parametrize(
    ("transferred", "now", "state"),
    [
        # transferred (whenever it is looked at)
        (after(23, 59), after(48), TransferState.ON_TIME),
        (after(24, 0), after(48), TransferState.ON_TIME),
        (after(24, 1), after(48), TransferState.TRANSFERRED_LATE),
        (after(0), after(0), TransferState.ON_TIME),
        # not transferred, looked at
        (None, after(23, 59), TransferState.AWAITING),
        (None, after(24, 0), TransferState.AWAITING),
        (None, after(24, 1), TransferState.LATE),
        (None, after(72), TransferState.LATE),
    ],
)
def test_the_transfer_state_at_the_edges_of_24_hours(transferred, now, state):
    assert transfer_state(deadline=DEADLINE, transferred_at=transferred, now=now) == state


@pytest.mark.parametrize("transferred", [None, after(30)])
def test_without_a_deadline_in_force_nothing_is_late(transferred):
    state = transfer_state(deadline=None, transferred_at=transferred, now=after(100))
    assert state == TransferState.NO_DEADLINE
