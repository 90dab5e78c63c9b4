"""A hospital discharge as pages and the API show it: its transfer's state against the
deadline at a given moment (`handover_rules.transfer_state`), in words."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .constants import LATE_STATES, TransferState
from .handover_rules import transfer_state
from .models import HospitalDischarge


@dataclass(frozen=True)
class DischargeRow:
    discharge: HospitalDischarge
    state: TransferState

    @property
    def late(self) -> bool:
        return self.state in LATE_STATES

    @property
    def state_label(self) -> str:
        return str(self.state.label)


def discharge_row(discharge: HospitalDischarge, *, now: datetime) -> DischargeRow:
    state = transfer_state(
        deadline=discharge.deadline_at, transferred_at=discharge.transferred_at, now=now
    )
    return DischargeRow(discharge, state)


def discharge_rows(discharges: Iterable[HospitalDischarge], *, now: datetime) -> list[DischargeRow]:
    return [discharge_row(d, now=now) for d in discharges]
