"""What other apps add to the family record, through one typed extension point.

An app that keeps part of a family's story (the Kindboekje, kraamzorg) registers one
`RecordExtension` under its label from its `AppConfig.ready()`:

    record_extensions.register("booklets", RecordExtension(timeline=..., export=..., ...))

Each part is optional:
- `timeline(pregnancy)`: its events on the family's timeline (`pathways/timeline.py`);
- `export(pregnancy)`: its section of the family export (`services/family_export.py`), a
  dict merged into the export;
- `pseudonymise(pregnancy)`: its part of the pseudonymisation after the retention period
  (`services/retention.py`), returning how many rows it changed;
- `rules(day)`: its section of the public rules page (`rules_views.py`) on that day.

The family record calls the extensions in the order the apps are installed.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from perinatal.core.registry import Registry

if TYPE_CHECKING:
    from .models import Pregnancy
    from .timeline_entry import Entry


@dataclass(frozen=True)
class RecordExtension:
    timeline: "Callable[[Pregnancy], Iterable[Entry]] | None" = None
    export: "Callable[[Pregnancy], dict[str, Any]] | None" = None
    pseudonymise: "Callable[[Pregnancy], int] | None" = None
    rules: Callable[[date], dict[str, Any]] | None = None


record_extensions: Registry[RecordExtension] = Registry("family record extensions")
