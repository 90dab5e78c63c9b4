"""The monthly statement of a family in kraamzorg: each visit of the month at the hourly price
of the family's income band in force on the visit's day (`rules.statement_lines`, amounts
rounded half up to the cent), the month's total hours and amount, and the family's hourly
price (on the month's last day, or the prices when the tariff changed during the month).

Seen by the service's staff and by the parent who asked (`statement_for_user`, which writes
the access-log row); not by the referrer (it holds the family's income band).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from perinatal.audit.models import AccessAction, AccessBasis
from perinatal.core.parameters import NotInForce
from perinatal.core.refusals import NoAccess

from .access import is_asking_parent, is_service_staff, log_request_access
from .models import KraamzorgRequest
from .rules import StatementLine, hourly_price, statement_lines


@dataclass(frozen=True)
class Statement:
    kraamzorg_request: KraamzorgRequest
    year: int
    month: int
    band: str
    price: Decimal | None  # the band's price on the month's last day (None: no tariff yet)
    prices: tuple[Decimal, ...]  # the prices of the month's lines, oldest first
    lines: list[StatementLine]
    carers: list[str]  # the carer of each line
    total_hours: Decimal
    total_amount: Decimal

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def rows(self) -> list[tuple[StatementLine, str]]:
        return list(zip(self.lines, self.carers, strict=True))


def monthly_statement(kraamzorg_request: KraamzorgRequest, *, year: int, month: int) -> Statement:
    """The statement of `year`-`month` (ValueError for a month that does not exist)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    visits = list(
        kraamzorg_request.visits.filter(date__range=(first, last))
        .order_by("date", "id")
        .values_list("date", "hours", "carer")
    )
    band = kraamzorg_request.income_band
    lines = statement_lines([(day, hours) for day, hours, _carer in visits], band_code=band)
    try:
        price: Decimal | None = hourly_price(band, on=last)
    except NotInForce:
        price = None
    prices: list[Decimal] = []
    for line in lines:
        if line.price not in prices:
            prices.append(line.price)
    return Statement(
        kraamzorg_request=kraamzorg_request,
        year=year,
        month=month,
        band=band,
        price=price,
        prices=tuple(prices),
        lines=lines,
        carers=[carer for _day, _hours, carer in visits],
        total_hours=sum((line.hours for line in lines), Decimal("0")),
        total_amount=sum((line.amount for line in lines), Decimal("0.00")),
    )


def statement_for_user(
    *,
    by: Any,
    public_id: Any,
    year: int,
    month: int,
    action: AccessAction = AccessAction.READ,
    request: Any = None,
) -> Statement:
    """The statement for the service's staff or the parent who asked; logged (`action` print
    for the PDF). KraamzorgRequest.DoesNotExist when there is no such request, NoAccess for
    anyone else."""
    with transaction.atomic():
        found = KraamzorgRequest.objects.select_related("offer__service", "pregnancy").get(
            public_id=public_id
        )
        if found.pseudonymised_at is not None:
            raise NoAccess
        if is_service_staff(by, found.offer):
            basis = AccessBasis.REFERRAL
        elif is_asking_parent(by, found):
            basis = AccessBasis.OWN_RECORD
        else:
            raise NoAccess
        statement = monthly_statement(found, year=year, month=month)
        log_request_access(
            by=by,
            kraamzorg_request=found,
            basis=basis,
            action=action,
            purpose="kraamzorg statement",
            request=request,
        )
    return statement
