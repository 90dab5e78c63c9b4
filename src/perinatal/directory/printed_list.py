"""The printable list: services a professional picks from searches, to hand to a family.

The selection travels in the query string, as `ids` (repeated, as checkboxes send it, or
comma-separated), so it works without JavaScript, without an account and without storing
anything: the list holds no personal data, only directory entries.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.http import QueryDict

SELECTION_PARAM = "ids"
# One sheet of paper holds about a dozen entries; thirty is the most a list may name.
MAX_SERVICES = 30
# Values read at most from one query string (the rest is not looked at).
MAX_VALUES = 200


@dataclass(frozen=True)
class Selection:
    ids: list[UUID]  # in the order chosen, without repeats, at most MAX_SERVICES
    not_ids: int = 0  # values that are no service id at all
    over_limit: int = 0  # ids left out beyond MAX_SERVICES

    def __bool__(self) -> bool:
        return bool(self.ids)

    @property
    def id_texts(self) -> set[str]:
        """The ids as text, for templates to ask "is this one picked?"."""
        return {str(i) for i in self.ids}


def selection_from(values: Iterable[str]) -> Selection:
    """The ids of a query string's `ids` values (repeated or comma-separated)."""
    ids: list[UUID] = []
    not_ids = 0
    for count, value in enumerate(part for raw in values for part in raw.split(",")):
        if count >= MAX_VALUES:
            break
        value = value.strip()
        if not value:
            continue
        try:
            service_id = UUID(value)
        except ValueError:
            not_ids += 1
            continue
        if service_id not in ids:
            ids.append(service_id)
    return Selection(
        ids=ids[:MAX_SERVICES], not_ids=not_ids, over_limit=max(0, len(ids) - MAX_SERVICES)
    )


def selection_of(params: QueryDict) -> Selection:
    return selection_from(params.getlist(SELECTION_PARAM))


def without_selection(params: QueryDict) -> QueryDict:
    """The search's own parameters: what is left when the selection is taken out (a search
    page opened with a selection only has not searched yet)."""
    rest = params.copy()
    rest.pop(SELECTION_PARAM, None)
    return rest
