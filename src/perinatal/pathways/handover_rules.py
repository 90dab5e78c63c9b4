"""The hand-over rules of the family record that need no database (kept apart from
`rules.py`, the programme's entitlements).

- **Hospital discharge to the first line within 24 hours.** Seed 002, note 4: "De nieuwe
  Brusselse ziekenhuisnormen vereisen onder andere dat perinatale gegevens worden
  doorgegeven via overdrachtsformulieren die binnen de 24 uur na het ontslag uit het
  ziekenhuis beschikbaar moeten zijn" (the new hospital norms "van september 2024"). The
  deadline is the discharge plus the dated parameter `discharge.transfer_hours`; a transfer
  at the deadline itself is in time (24h00 in time, 24h01 late).
- **Outreach hand-over.** Seed 002, note 2: the outreach function consists of "het
  proactief opsporen van kwetsbare zwangere vrouwen en het toeleiden van deze vrouwen naar
  screening" and is not one of the four billable services: a proposal of a screening is
  recorded, never billed.
See docs/decisions/0027-discharge-and-outreach-handovers.md.
"""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from perinatal.core.parameters import NotInForce

from .constants import TransferState
from .parameters import parameter

TRANSFER_HOURS = "discharge.transfer_hours"


def transfer_deadline(discharged_at: datetime) -> datetime | None:
    """The moment the transfer must be done by: the discharge plus the hours in force on the
    discharge's day (in Brussels), in elapsed time; None before the rule is in force."""
    day = timezone.localtime(discharged_at).date()
    try:
        hours = parameter(TRANSFER_HOURS, on=day)
    except NotInForce:
        return None
    # Elapsed hours: added in UTC (an aware local time would add wall-clock hours across a
    # change of clocks).
    return discharged_at.astimezone(UTC) + timedelta(hours=hours)


def transfer_hours(on: date | None = None) -> int | None:
    """The hours in force on `on` (today in Brussels by default), None before the rule."""
    try:
        return int(parameter(TRANSFER_HOURS, on=on or timezone.localdate()))
    except NotInForce:
        return None


def transfer_state(
    *, deadline: datetime | None, transferred_at: datetime | None, now: datetime
) -> TransferState:
    """Where the transfer stands at `now`. In time means at or before the deadline."""
    if deadline is None:
        return TransferState.NO_DEADLINE
    if transferred_at is not None:
        return (
            TransferState.ON_TIME if transferred_at <= deadline else TransferState.TRANSFERRED_LATE
        )
    return TransferState.AWAITING if now <= deadline else TransferState.LATE
