"""A practice's stock: Kindboekjes delivered to it minus those it handed out (void or not)."""

from datetime import date, timedelta

import pytest

from perinatal.booklets.ordering import on_order, practice_stock
from perinatal.booklets.services import booklet_cancel

from .orders_support import delivered, hand_outs, midwife_order, through_desk

pytestmark = pytest.mark.django_db


def test_stock_is_deliveries_minus_hand_outs_void_ones_included(midwife, order_desk):
    delivered(midwife, order_desk, 10, declared_births=10)
    booklets = hand_outs(midwife, [date.today() - timedelta(days=d) for d in (1, 2, 3)])
    booklet_cancel(by=midwife, booklet=booklets[0], note="wrong family")
    stock = practice_stock(midwife.organisation)
    assert (stock.delivered, stock.handed_out, stock.stock) == (10, 3, 7)


def test_only_delivered_orders_add_to_the_stock(midwife, order_desk):
    shipped = midwife_order(midwife, 5, declared_births=20)
    through_desk(order_desk, shipped, "approved", "shipped")
    midwife_order(midwife, 4, declared_births=20)
    assert practice_stock(midwife.organisation).stock == 0
    assert on_order(midwife.organisation) == 9
    through_desk(order_desk, shipped, "delivered")
    assert practice_stock(midwife.organisation).stock == 5
    assert on_order(midwife.organisation) == 4


def test_stock_below_zero_counts_as_zero_in_the_need_rule(midwife):
    hand_outs(midwife, [date.today() - timedelta(days=d) for d in (1, 2)])
    stock = practice_stock(midwife.organisation)
    assert (stock.stock, stock.on_shelf) == (-2, 0)
    assert midwife_order(midwife, 2).status == "submitted"


def test_another_practice_s_deliveries_and_hand_outs_do_not_count(midwife, persona, order_desk):
    from perinatal.accounts.constants import Role

    other = persona(Role.INDEPENDENT_MIDWIFE, username="other-midwife")
    delivered(other, order_desk, 8, declared_births=8)
    hand_outs(other, [date.today()])
    stock = practice_stock(midwife.organisation)
    assert (stock.delivered, stock.handed_out) == (0, 0)
