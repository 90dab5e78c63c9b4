"""The random public ids in URLs and API paths: `parse_uuid(value)` is the UUID, or None for
anything that is not one (a caller then answers "not found", never a server error)."""

from typing import Any
from uuid import UUID


def parse_uuid(value: Any) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except (TypeError, ValueError):
        return None
