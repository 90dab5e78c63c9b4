"""Helpers for the registry tests: a parents' order stored as the order desk keeps it (made
directly, so that these tests do not depend on the order form)."""

from typing import Any

from perinatal.booklets.constants import OrderKind, OrderStatus
from perinatal.booklets.models import BookletOrder
from perinatal.core import national_number


def parent_order(
    parent: Any, *, number: str, pregnancy: Any = None, status: str = OrderStatus.SUBMITTED
) -> BookletOrder:
    """A parent's order for one Kindboekje, made with `number` (the child's or the mother's)."""
    return BookletOrder.objects.create(
        kind=OrderKind.PARENT,
        status=status,
        ordered_by=parent,
        kindboekjes=1,
        subject_hash=national_number.lookup_hash(national_number.validate(number)),
        child_order=1,
        pregnancy=pregnancy,
        ship_to_name="Fam. Testouder",
        ship_to_street="Kerkstraat 2",
        ship_to_postcode="9000",
        ship_to_municipality="Gent",
        remarks="please ring twice",
        area_nis="40000",
    )
