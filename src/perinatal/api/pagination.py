"""One paginated envelope for the whole API (`Page[T]`) and one pagination class on
django-ninja's pagination API (`PageNumbers`, used with `@paginate`).

The envelope is the directory's HSDS one, `{total_items, total_pages, page_number, size,
first_page, last_page, empty, contents}`, built only by `page_envelope` (the directory's
search, which splices stored JSON into its answer, calls it itself). The query parameters
are `page` (from 1, at most 100,000) and `per_page` (20 by default, at most 100, unless an
endpoint chooses other figures: `@paginate(PageNumbers, per_page=100, max_per_page=500)`).

A paginated endpoint returns what is to be paged:
- a queryset or a list: counted and sliced, each row as it is;
- `rows(source, show)`: the same, each row on the page shown by `show` (a dict of the schema);
- any callable `fetch(offset, limit) -> (total, contents)`: the endpoint reads the page
  itself (a selector that takes offset and limit and logs what it shows).
"""

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

from ninja import Field, Schema
from ninja.pagination import PaginationBase
from pydantic import create_model

from django.db.models import QuerySet
from django.http import HttpRequest

T = TypeVar("T")

MAX_PAGE = 100_000
Fetch = Callable[[int, int], tuple[int, Iterable[Any]]]


class Page(Schema, Generic[T]):
    """The paginated envelope (HSDS 3.0): one page of `contents` and where it lies.

    An endpoint's response is a named subclass, `class ServicePage(Page[ServiceOut])`, so the
    OpenAPI document keeps a stable component name (`ServicePage`, not `Page_ServiceOut_`)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[T]


def page_envelope(*, total: int, page: int, per_page: int, contents: Sequence[Any]) -> dict:
    """The envelope of page `page` (from 1) of `per_page` items out of `total`."""
    pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def page_query(per_page: int = 20, max_per_page: int = 100) -> type[Schema]:
    """The query parameters `page` and `per_page`, with these default and limit (one class
    for each pair: the OpenAPI document names it)."""
    return _page_query(per_page, max_per_page)


@cache
def _page_query(per_page: int, max_per_page: int) -> type[Schema]:
    name = "PageParams" if (per_page, max_per_page) == (20, 100) else "PageParams{}Of{}"
    return create_model(
        name.format(per_page, max_per_page),
        __base__=Schema,
        __module__=__name__,
        page=(int, Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")),
        per_page=(
            int,
            Field(
                per_page,
                ge=1,
                le=max_per_page,
                description=f"Items per page (at most {max_per_page}).",
            ),
        ),
    )


def rows(source: QuerySet | Sequence[Any], show: Callable[[Any], Any] | None = None) -> Fetch:
    """Page a queryset or a list by counting and slicing it; `show` each row of the page."""

    def fetch(offset: int, limit: int) -> tuple[int, list[Any]]:
        total = source.count() if isinstance(source, QuerySet) else len(source)
        shown = list(source[offset : offset + limit])
        return total, [show(row) for row in shown] if show else shown

    return fetch


class PageNumbers(PaginationBase):
    """`page` and `per_page` in, the `Page[T]` envelope out (the endpoint declares
    `response=Page[ItemOut]` itself, so Ninja leaves its response schema alone)."""

    Input = page_query()  # type: ignore[assignment]
    Output = None  # type: ignore[assignment]

    def __init__(self, *, per_page: int = 20, max_per_page: int = 100, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.Input = page_query(per_page, max_per_page)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict:
        fetch = queryset if callable(queryset) else rows(queryset)
        offset = (pagination.page - 1) * pagination.per_page
        total, contents = fetch(offset, pagination.per_page)
        return page_envelope(
            total=total,
            page=pagination.page,
            per_page=pagination.per_page,
            contents=list(contents),
        )
