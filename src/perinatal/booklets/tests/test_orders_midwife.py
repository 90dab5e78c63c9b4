"""An independent midwife's order (seed 000): the practice named, at most 50 Kindboekjes, at
most six months of need (hand-outs of six months or declared births), the Opvolging booklet."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from django.utils import translation

from perinatal.audit.models import ChangeEvent
from perinatal.booklets.constants import OrderStatus, RefusalCode
from perinatal.booklets.errors import BookletRefused, InvalidInput, NoAccess
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import OrderRefused, ShipTo

from .orders_support import delivered, hand_outs, midwife_order

pytestmark = pytest.mark.django_db
TODAY = date.today()


def recent_days(n: int) -> list[date]:
    return [TODAY - timedelta(days=10 + i) for i in range(n)]


@pytest.mark.parametrize(("quantity", "accepted"), [(50, True), (51, False)])
def test_at_most_50_kindboekjes_per_order(midwife, quantity, accepted):
    if accepted:
        order = midwife_order(midwife, quantity, declared_births=60)
        assert (order.kindboekjes, order.status) == (50, OrderStatus.SUBMITTED)
    else:
        with pytest.raises(BookletRefused) as refused:
            midwife_order(midwife, quantity, declared_births=60)
        assert refused.value.code == RefusalCode.ORDER_TOO_LARGE
        assert not BookletOrder.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [{"practice_name": ""}, {"practice_name": "   "}, {"independent_midwife": False}],
    ids=["no practice name", "blank practice name", "not stated independent midwife"],
)
def test_an_order_without_the_practice_or_the_midwife_status_is_refused(midwife, overrides):
    with pytest.raises(BookletRefused) as refused:
        midwife_order(midwife, 5, declared_births=5, **overrides)
    assert refused.value.code == RefusalCode.MISSING_PRACTICE
    assert not BookletOrder.objects.exists()


@pytest.mark.parametrize(("quantity", "status"), [(3, "submitted"), (4, "refused")])
def test_six_month_edge_with_history_exactly_the_need_passes_one_more_is_refused(
    midwife, quantity, status
):
    hand_outs(midwife, recent_days(3))  # need 3, stock 3 handed out of nothing → 0
    if status == "submitted":
        order = midwife_order(midwife, quantity)
    else:
        with pytest.raises(OrderRefused) as refused:
            midwife_order(midwife, quantity)
        order = refused.value.order
        assert refused.value.code == RefusalCode.OVER_SIX_MONTHS_NEED
        assert refused.value.detail | {"order_id": None} == {
            "order_id": None,
            "quantity": 4,
            "stock": -3,
            "on_order": 0,
            "need": 3,
            "basis": "history",
        }
    order.refresh_from_db()
    assert order.status == status
    assert (order.need_six_months, order.need_basis, order.stock_at_order) == (3, "history", -3)


@pytest.mark.parametrize(("quantity", "status"), [(6, "submitted"), (7, "refused")])
def test_six_month_edge_with_declared_births_counts_the_stock(
    midwife, order_desk, quantity, status
):
    delivered(midwife, order_desk, 4, declared_births=4)  # stock 4, no hand-outs
    if status == "submitted":
        order = midwife_order(midwife, quantity, declared_births=10)
    else:
        with pytest.raises(OrderRefused) as refused:
            midwife_order(midwife, quantity, declared_births=10)
        order = refused.value.order
    order.refresh_from_db()
    assert order.status == status
    assert (order.need_six_months, order.need_basis, order.stock_at_order) == (10, "declared", 4)


def test_a_refusal_for_six_months_of_need_is_stored_with_the_figures(midwife):
    hand_outs(midwife, recent_days(2))
    with translation.override("en"), pytest.raises(OrderRefused) as refused:
        midwife_order(midwife, 20, declared_births=40)
    order = BookletOrder.objects.get()
    assert order == refused.value.order
    assert (order.status, order.refusal_code) == (
        OrderStatus.REFUSED,
        RefusalCode.OVER_SIX_MONTHS_NEED,
    )
    assert "20 Kindboekjes ordered, 0 in stock" in order.refusal_reason
    assert "need of 2 over six months" in order.refusal_reason
    assert "hand-outs recorded in the last six months" in order.refusal_reason
    assert order.decided_by is None and order.decided_at is not None
    assert ChangeEvent.objects.filter(object_id=str(order.pk), action="create").exists()


def test_without_history_the_declared_births_are_required(midwife):
    with pytest.raises(InvalidInput) as invalid:
        midwife_order(midwife, 5, declared_births=None)
    assert "declared_births_six_months" in invalid.value.message_dict
    assert not BookletOrder.objects.exists()


def test_with_history_the_declared_births_do_not_raise_the_need(midwife):
    hand_outs(midwife, recent_days(2))
    with pytest.raises(OrderRefused):
        midwife_order(midwife, 3, declared_births=40)


def test_the_need_counts_hand_outs_after_the_day_six_months_back(midwife):
    from perinatal.booklets.ordering import handed_out_since
    from perinatal.booklets.rules import need_window_start

    start = need_window_start(TODAY)
    hand_outs(midwife, [start, start + timedelta(days=1), TODAY])
    assert handed_out_since(midwife.organisation, start=start, on=TODAY) == 2


def test_orders_on_their_way_count_against_the_need(midwife):
    first = midwife_order(midwife, 6, declared_births=10)
    with pytest.raises(OrderRefused) as refused:
        midwife_order(midwife, 5, declared_births=10)
    assert refused.value.detail["on_order"] == 6
    assert midwife_order(midwife, 4, declared_births=10).status == OrderStatus.SUBMITTED
    assert first.status == OrderStatus.SUBMITTED


@pytest.mark.parametrize(
    ("without", "opvolging"), [(False, 5), (True, 0)], ids=["with opvolging", "opted out"]
)
def test_zwangerschapsboekjes_bring_the_opvolging_booklet_unless_opted_out(
    midwife, without, opvolging
):
    order = midwife_order(
        midwife, 0, zwangerschapsboekjes=5, without_opvolging=without, remarks="graag snel"
    )
    assert (order.zwangerschapsboekjes, order.opvolging_boekjes) == (5, opvolging)
    assert order.without_opvolging is without
    assert order.need_six_months is None  # no Kindboekjes: the need rule does not apply


def test_an_empty_order_is_wrong_input(midwife):
    with pytest.raises(InvalidInput) as invalid:
        midwife_order(midwife, 0, zwangerschapsboekjes=0)
    assert "kindboekjes" in invalid.value.message_dict


@pytest.mark.parametrize(("postcode", "area"), [("9000", "40000"), ("1080", "04000")])
def test_the_region_of_an_order_is_the_ship_to_postcode(midwife, postcode, area):
    ship_to = ShipTo(name="Praktijk", street="Straat 1", postcode=postcode, municipality="X")
    order = midwife_order(midwife, 2, declared_births=2, ship_to=ship_to)
    assert order.area_nis == area


def test_a_postcode_that_is_not_belgian_is_wrong_input(midwife):
    ship_to = ShipTo(name="Praktijk", street="Straat 1", postcode="AB12", municipality="X")
    with pytest.raises(InvalidInput) as invalid:
        midwife_order(midwife, 2, declared_births=2, ship_to=ship_to)
    assert "ship_to_postcode" in invalid.value.message_dict


@pytest.mark.parametrize("who", ["kg_nurse", "hospital_user", "parent", "order_desk"])
def test_only_independent_midwives_order_for_a_practice(request, who):
    with pytest.raises(NoAccess):
        midwife_order(request.getfixturevalue(who), 2, declared_births=2)


@pytest.mark.parametrize(("day", "open_"), [(date(2024, 7, 31), False), (date(2024, 8, 1), True)])
def test_orders_open_on_1_august_2024(midwife, day, open_):
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(noon, tick=False):
        if open_:
            assert midwife_order(midwife, 2, declared_births=2).status == OrderStatus.SUBMITTED
        else:
            with pytest.raises(BookletRefused) as refused:
                midwife_order(midwife, 2, declared_births=2)
            assert refused.value.code == "orders_not_open"
