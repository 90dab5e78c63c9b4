"""The tabs of a family's page in the parents' own space, one per part (the timeline, sharing,
who looked, my data, …). Each part registers its tab from the module that holds its views:

    family_tabs.register("timeline", Tab(order=10, url_name="parents:family", label=_("…")))

`tabs_for(pregnancy)` gives them in order, with their URLs for that family, for the shared
navigation template `parents/_tabs.html`.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from perinatal.core.registry import Registry


@dataclass(frozen=True)
class Tab:
    order: int
    url_name: str  # takes the family's public_id as its one argument
    label: Any  # a lazily translated label


family_tabs: Registry[Tab] = Registry("tabs of a family in the parents' space")


def tabs_for(pregnancy: Any) -> list[dict[str, str]]:
    """The tabs of `pregnancy`'s pages: label and URL, in order."""
    return [
        {
            "key": key,
            "label": str(tab.label),
            "url": reverse(tab.url_name, args=[pregnancy.public_id]),
        }
        for key, tab in sorted(family_tabs.items(), key=lambda kv: kv[1].order)
    ]
