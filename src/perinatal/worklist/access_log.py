"""The access-log rows of a home page: every family it names is written to the access log,
on the basis it is seen on, in the page's transaction (as `pathways.selectors` does for a
list of families). The rows go in one statement (`audit.services.access_records_of`), so a
home of many items costs one insert, not one per item."""

from collections import defaultdict
from typing import Any

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.audit.services import access_records_of

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
        rows = sorted(
            (record_type, record_id, subject, basis)
            for (basis, record_type), found in self._rows.items()
            for record_id, subject in found
        )
        self._rows.clear()
        return access_records_of(
            actor=by,
            records=rows,
            action=AccessAction.READ,
            purpose=PURPOSE,
            request=request,
        )
