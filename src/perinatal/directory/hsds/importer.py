"""Importing HSDS 3.0 JSON and CSV into the directory: check everything, then write at once.

`import_path(path)` reads the files (see `reader`), checks every record (required fields,
UUIDs, numbers, dates, references), and only when nothing is wrong writes all of it in one
transaction, with a change-log row per created, updated or deleted entry. HSDS ids are our
primary keys, so importing the same data twice changes nothing. A record describes its entry
fully: children of an imported entry (phones, addresses, …) that the import no longer lists
are removed. Our own facts travel as attributes (see `vocabulary`).

The checks are in `import_check`, the writing in `import_write`.
"""

from collections import Counter
from pathlib import Path

from django.db import transaction

from ..search.index import mark_dirty
from . import vocabulary as v
from .import_check import Summary, check_batch
from .import_write import write_items
from .reader import read


def import_path(path: Path, *, lang: str | None = None) -> Summary:
    """Import HSDS data from `path` (file or folder); refuse it whole on any error."""
    lang = lang or v.default_language()
    batch = read(path)
    summary = Summary(files=batch.files, skipped=Counter(batch.skipped))
    items = check_batch(batch, lang, summary)
    with transaction.atomic():
        write_items(items, lang, summary, reason=f"import-hsds {path.name}")
        # Bulk writes send no signals: their services are reindexed once, at commit.
        mark_dirty(summary.service_ids)
    return summary
