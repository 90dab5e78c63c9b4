"""The access-log rows of a home page: every family it names is written to the access log,
on the basis it is seen on, in the page's transaction (as `pathways.selectors` does for a
list of families). The rows go in one statement per basis (`audit.services.access_records`),
so a home of many items costs a few inserts, not one per item."""

from collections import defaultdict
from typing import Any

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_records

PURPOSE = "home page work list"


class FamiliesShown:
    """Collects `(record_type, record_id, subject)` per basis while the sections are read,
    then writes them (`write`)."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)

    def add(self, *, basis: AccessBasis, record_type: str, record_id: Any, subject: Any) -> None:
        self._rows[(str(basis), record_type)].add((str(record_id), str(subject)))

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def write(self, *, by: Any, request: Any = None) -> int:
        written = 0
        for (basis, record_type), rows in self._rows.items():
            written += access_records(
                actor=by,
                records=sorted(rows),
                action=AccessAction.READ,
                record_type=record_type,
                purpose=PURPOSE,
                basis=basis,
                request=request,
            )
        self._rows.clear()
        return written
