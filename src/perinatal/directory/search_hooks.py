"""Keeping the search index in step with writes (the index lives in `directory.search`)."""

from collections.abc import Iterable
from uuid import UUID


def reindex(service_ids: Iterable[UUID] | None = None) -> None:
    from .search.index import reindex_services

    reindex_services(service_ids)


def unindex(service_ids: Iterable[UUID]) -> None:
    from .search.index import remove_services

    remove_services(service_ids)
