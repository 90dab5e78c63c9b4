"""Kraamzorg's rules as plain functions: the social tariff by income band on a day, the
statement of a month, and whether a request was made in time.

Seed 002 (Kraamzorg in Brussels): "Sociaal tarief: tussen € 5 en € 10 per uur, afhankelijk
van het gezinsinkomen"; "De hulp moet aangevraagd worden vanaf de zwangerschap … De aanvraag
kan ook na de geboorte worden gedaan, maar dan bestaat het risico dat er geen plaats is."
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from perinatal.core.constants import CENT

from .parameters import parameter


@dataclass(frozen=True)
class Band:
    band: str
    up_to: int | None  # the highest net monthly income of the band, in euro; None: no limit
    price: Decimal  # per hour


def tariff(on: date) -> list[Band]:
    """The social tariff's bands in force on `on`, lowest income first."""
    return [
        Band(b["band"], b["up_to"], Decimal(str(b["price"])))
        for b in parameter("kraamzorg.social_tariff", on=on)
    ]


def band_for_income(monthly_income: Decimal | int, *, on: date) -> Band:
    """The band of a household with this net monthly income (a limit belongs to its band)."""
    for band in tariff(on):
        if band.up_to is None or Decimal(monthly_income) <= band.up_to:
            return band
    raise ValueError("the tariff has no open top band")


def hourly_price(band_code: str, *, on: date) -> Decimal:
    for band in tariff(on):
        if band.band == band_code:
            return band.price
    raise KeyError(band_code)


@dataclass(frozen=True)
class StatementLine:
    date: date
    hours: Decimal
    price: Decimal
    amount: Decimal


def statement_lines(
    visits: Iterable[tuple[date, Decimal]], *, band_code: str
) -> list[StatementLine]:
    """Each visit at the hourly price in force on its day, the amount rounded half up to the
    cent."""
    lines = []
    for day, hours in visits:
        price = hourly_price(band_code, on=day)
        amount = (Decimal(hours) * price).quantize(CENT, rounding=ROUND_HALF_UP)
        lines.append(StatementLine(day, Decimal(hours), price, amount))
    return lines


def asked_in_pregnancy(*, submitted_on: date, birth_date: date | None) -> bool:
    """Asked before the birth: the moment the sources want families to ask."""
    return birth_date is None or submitted_on < birth_date
