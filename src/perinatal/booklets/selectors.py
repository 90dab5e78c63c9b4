"""Ask first: does this family have a Kindboekje, and if not, whose turn is it?

Any care professional may ask, by the mother's or the child's national number or by the
pregnancy: the answer says only whether a booklet was handed out (when, by which kind of
provider) and whose turn it is — no health data — and the question is in the access log
(basis `booklet`). Monitoring and the order desk have their own selectors.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perinatal.audit.models import AccessAction
from perinatal.core import national_number
from perinatal.pathways.access import is_care_professional
from perinatal.pathways.constants import PregnancyStatus
from perinatal.pathways.models import Child, Pregnancy
from perinatal.pathways.services._log import log_access

from .constants import CHANNEL_PROVIDER, OrderKind, OrderStatus
from .errors import InvalidInput, NoAccess
from .models import Booklet, BookletOrder
from .rules import Situation, Turn, turns
from .services.distribution import GRANT, open_parent_order
from .situation import birth_of, situation_on


@dataclass
class ChildStatus:
    child_order: int
    born: bool
    birth_date: date | None
    booklet: Booklet | None
    parent_order: BookletOrder | None
    situation: Situation
    turns: list[Turn]

    @property
    def has_booklet(self) -> bool:
        return self.booklet is not None or self.parent_order is not None

    @property
    def provider(self) -> str:
        return CHANNEL_PROVIDER[self.booklet.channel].label if self.booklet else ""


@dataclass
class FamilyStatus:
    pregnancy: Pregnancy | None
    on: date
    children: list[ChildStatus] = field(default_factory=list)
    # A parents' order made with this national number for a family not on the platform.
    orders_without_family: list[BookletOrder] = field(default_factory=list)


def _child_orders(pregnancy: Pregnancy, on: date) -> list[tuple[int, date | None]]:
    birth = birth_of(pregnancy)
    if birth is None or birth.date > on:
        return [(1, None)]
    orders = list(Child.objects.filter(birth=birth).values_list("birth_order", flat=True))
    return [(order, birth.date) for order in orders or [1]]


def family_status(*, by: Any, pregnancy: Pregnancy, on: date, request: Any = None) -> FamilyStatus:
    """The booklet status of each child (the expected child before birth) of `pregnancy`."""
    if not is_care_professional(by):
        raise NoAccess
    if pregnancy.pseudonymised_at is not None:
        raise NoAccess(_("This record is closed."))
    with transaction.atomic():
        status = FamilyStatus(pregnancy=pregnancy, on=on)
        for order, birth_date in _child_orders(pregnancy, on):
            booklet = Booklet.objects.filter(
                pregnancy=pregnancy, child_order=order, voided_on__isnull=True
            ).first()
            situation = situation_on(pregnancy, child_order=order, on=on)
            status.children.append(
                ChildStatus(
                    child_order=order,
                    born=birth_date is not None,
                    birth_date=birth_date,
                    booklet=booklet,
                    parent_order=None if booklet else open_parent_order(pregnancy, order),
                    situation=situation,
                    turns=[] if booklet else turns(situation, on=on),
                )
            )
        log_access(
            by=by,
            pregnancy=pregnancy,
            grant=GRANT,
            action=AccessAction.READ,
            purpose="ask whether the family has a Kindboekje",
            request=request,
        )
    return status


def _orders_with_hash(digest: str) -> list[BookletOrder]:
    return list(
        BookletOrder.objects.filter(kind=OrderKind.PARENT, subject_hash=digest, kindboekjes=1)
        .exclude(status=OrderStatus.REFUSED)
        .order_by("child_order")
    )


def family_status_by_national_number(
    *, by: Any, number: str, on: date, request: Any = None
) -> FamilyStatus | None:
    """By the mother's national number (her latest pregnancy) or the child's. None when the
    platform knows neither the family nor a parents' order with that number."""
    if not is_care_professional(by):
        raise NoAccess
    try:
        digest = national_number.lookup_hash(national_number.validate(number))
    except ValidationError as exc:
        raise InvalidInput({"national_number": exc.messages}) from exc
    pregnancy = (
        Pregnancy.objects.filter(mother__national_number_hash=digest, pseudonymised_at__isnull=True)
        .exclude(status=PregnancyStatus.ENDED)
        .order_by("-due_date")
        .first()
    )
    if pregnancy is None:
        child = (
            Child.objects.filter(
                national_number_hash=digest, birth__pregnancy__pseudonymised_at__isnull=True
            )
            .select_related("birth__pregnancy")
            .first()
        )
        pregnancy = child.birth.pregnancy if child else None
    if pregnancy is not None:
        return family_status(by=by, pregnancy=pregnancy, on=on, request=request)
    orders = _orders_with_hash(digest)
    if orders:
        return FamilyStatus(pregnancy=None, on=on, orders_without_family=orders)
    return None
