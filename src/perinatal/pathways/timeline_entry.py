"""One line of a family's timeline (`pathways/timeline.py`): what the family record and the
apps that extend it (`pathways/extensions.py`) put on it."""

from dataclasses import dataclass
from datetime import date

Day = date  # for the fields after `date`, which hides the type in the class


@dataclass(frozen=True)
class Entry:
    date: date
    kind: str  # "moment" (computed) or the kind of record
    title: str
    detail: str = ""
    by: str = ""
    until: Day | None = None
    # Whether `detail` is a professional's note, and whether the team shared it with the
    # family (the others are internal: decision 0036).
    note: bool = False
    shared: bool = False
