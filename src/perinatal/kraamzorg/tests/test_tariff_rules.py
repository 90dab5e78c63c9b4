from datetime import date
from decimal import Decimal

import pytest

from perinatal.core.parameters import NotInForce
from perinatal.kraamzorg.rules import asked_in_pregnancy, band_for_income, statement_lines

ON = date(2025, 3, 1)


@pytest.mark.parametrize(
    ("income", "band", "price"),
    [
        (0, "A", "5.00"),
        (1500, "A", "5.00"),
        (1501, "B", "6.25"),
        (2000, "B", "6.25"),
        (2000.01, "C", "7.50"),
        (3000, "D", "8.75"),
        (3001, "E", "10.00"),
        (99999, "E", "10.00"),
    ],
)
def test_social_tariff_bands_at_their_edges(income, band, price):
    found = band_for_income(Decimal(str(income)), on=ON)
    assert (found.band, found.price) == (band, Decimal(price))


def test_every_price_lies_within_the_published_range_of_5_to_10_euro():
    from perinatal.kraamzorg.rules import tariff

    prices = [b.price for b in tariff(ON)]
    assert min(prices) == Decimal("5.00") and max(prices) == Decimal("10.00")
    assert prices == sorted(prices)


def test_the_tariff_is_not_in_force_before_its_first_date():
    with pytest.raises(NotInForce):
        band_for_income(1000, on=date(2023, 12, 31))


def test_statement_amounts_are_rounded_half_up_to_the_cent():
    lines = statement_lines([(ON, Decimal("2.5")), (ON, Decimal("1.25"))], band_code="B")
    assert [line.amount for line in lines] == [Decimal("15.63"), Decimal("7.81")]


@pytest.mark.parametrize(
    ("submitted", "birth", "expected"),
    [
        (date(2025, 1, 1), None, True),
        (date(2025, 1, 1), date(2025, 1, 2), True),
        (date(2025, 1, 2), date(2025, 1, 2), False),
        (date(2025, 1, 3), date(2025, 1, 2), False),
    ],
)
def test_asked_in_pregnancy_means_before_the_birth(submitted, birth, expected):
    assert asked_in_pregnancy(submitted_on=submitted, birth_date=birth) is expected
