"""The monthly statement: hours × the price of the family's band in force on each day,
amounts rounded half up to the cent; seen by the service's staff and the parent who asked."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.core.parameters import read_parameters
from perinatal.core.refusals import NoAccess
from perinatal.kraamzorg import parameters
from perinatal.kraamzorg.statements import monthly_statement, statement_for_user

from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db

SECOND_TARIFF = """
kraamzorg.social_tariff:
  source: "test: a second dated value from 1 July 2025"
  values:
    - from: 2024-01-01
      value:
        - {band: A, up_to: 1500, price: "5.00"}
        - {band: B, up_to: 2000, price: "6.25"}
        - {band: C, up_to: null, price: "10.00"}
    - from: 2025-07-01
      value:
        - {band: A, up_to: 1600, price: "5.50"}
        - {band: B, up_to: 2100, price: "7.00"}
        - {band: C, up_to: null, price: "10.00"}
"""


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


@pytest.fixture
def second_tariff(tmp_path: Path, monkeypatch):
    """The tariff with a second dated value, through an override of the parameters file."""
    path = tmp_path / "parameters.yaml"
    path.write_text(SECOND_TARIFF, encoding="utf-8")
    found = read_parameters(path)
    monkeypatch.setattr(parameters.PARAMETERS, "_parameters", found)


@pytest.mark.parametrize(
    ("band", "visits", "hours", "amount"),
    [
        ("A", [("2025-03-03", "2.5"), ("2025-03-31", "4")], "6.5", "32.50"),
        ("B", [("2025-03-01", "2.5"), ("2025-03-02", "1.25")], "3.75", "23.44"),  # 15.63 + 7.81
        ("D", [("2025-03-10", "0.33")], "0.33", "2.89"),  # 2.8875 → 2.89
        ("E", [("2025-03-10", "24")], "24", "240.00"),
    ],
)
def test_statement_totals_are_the_sum_of_lines_rounded_half_up(offer, band, visits, hours, amount):
    asked = make_request(offer, income_band=band)
    add_visits(asked, [(date.fromisoformat(d), h) for d, h in visits])
    add_visits(asked, [(date(2025, 2, 28), "8"), (date(2025, 4, 1), "8")])  # other months
    statement = monthly_statement(asked, year=2025, month=3)
    assert statement.total_hours == Decimal(hours)
    assert statement.total_amount == Decimal(amount)
    assert statement.total_amount == sum(line.amount for line in statement.lines)
    assert len(statement.lines) == len(visits)
    assert statement.band == band


def test_a_month_without_visits_is_an_empty_statement_with_the_price(offer):
    statement = monthly_statement(make_request(offer, income_band="C"), year=2025, month=5)
    assert (statement.lines, statement.total_amount, statement.price) == (
        [],
        Decimal("0"),
        Decimal("7.50"),
    )


def test_each_visit_is_at_the_price_in_force_on_its_day(offer, second_tariff):
    asked = make_request(offer, income_band="B")
    add_visits(asked, [(date(2025, 6, 30), "2"), (date(2025, 7, 1), "2")])
    june = monthly_statement(asked, year=2025, month=6)
    july = monthly_statement(asked, year=2025, month=7)
    assert [line.price for line in june.lines] == [Decimal("6.25")]
    assert [line.price for line in july.lines] == [Decimal("7.00")]
    assert (june.total_amount, july.total_amount) == (Decimal("12.50"), Decimal("14.00"))
    assert (june.price, july.price) == (Decimal("6.25"), Decimal("7.00"))


def test_a_month_with_a_tariff_change_lists_both_prices(offer, second_tariff, monkeypatch):
    found = parameters.all_parameters()
    # the change on 15 July instead of 1 July
    from dataclasses import replace

    tariff = found["kraamzorg.social_tariff"]
    moved = replace(
        tariff, values=(tariff.values[0], replace(tariff.values[1], valid_from=date(2025, 7, 15)))
    )
    monkeypatch.setattr(parameters.PARAMETERS, "_parameters", {**found, tariff.name: moved})
    asked = make_request(offer, income_band="A")
    add_visits(asked, [(date(2025, 7, 14), "3"), (date(2025, 7, 15), "3")])
    statement = monthly_statement(asked, year=2025, month=7)
    assert statement.prices == (Decimal("5.00"), Decimal("5.50"))
    assert statement.total_amount == Decimal("31.50")


def test_the_service_and_the_asking_parent_see_the_statement_and_are_logged(
    offer, kraamzorg_user, parent
):
    asked = make_request(offer, submitted_by=parent)
    for user, basis in ((kraamzorg_user, "referral"), (parent, "own_record")):
        statement = statement_for_user(by=user, public_id=asked.public_id, year=2025, month=3)
        assert statement.kraamzorg_request == asked
        assert AccessEvent.objects.filter(
            actor=user, subject=str(asked.public_id), basis=basis, action="read"
        ).exists()


@pytest.mark.parametrize("who", ["other_parent", "kg_nurse", "analyst", "admin_user"])
def test_anyone_else_is_refused_the_statement(offer, parent, persona, request, who):
    from perinatal.accounts.constants import Role

    user = persona(Role.PARENT) if who == "other_parent" else request.getfixturevalue(who)
    asked = make_request(offer, submitted_by=parent, referrer_organisation=None)
    with pytest.raises(NoAccess):
        statement_for_user(by=user, public_id=asked.public_id, year=2025, month=3)
    assert not AccessEvent.objects.filter(actor=user).exists()
