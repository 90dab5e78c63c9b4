"""The order desk's flow: submitted → approved or refused (with a reason) → shipped →
delivered; a refusal for more than six months of need may be approved as an exception with a
reason; every decision in the change log; a delivered parent's order becomes the child's
Kindboekje."""

from datetime import date, timedelta

import pytest

from django.utils import translation

from perinatal.audit.models import AccessEvent, ChangeEvent
from perinatal.booklets.constants import Channel, OrderStatus, RefusalCode
from perinatal.booklets.errors import InvalidInput, NoAccess
from perinatal.booklets.models import Booklet, BookletOrder
from perinatal.booklets.services import OrderRefused, order_decide

from .orders_support import (
    child_number,
    family_with_numbers,
    hand_outs,
    midwife_order,
    mother_number,
    parent_order,
    through_desk,
)

pytestmark = pytest.mark.django_db
STATUSES = ["submitted", "approved", "refused", "shipped", "delivered"]
# The order desk's flow of docs/decisions/0009-kindboekje.md (written out, not read from
# ORDER_NEXT).
ALLOWED = {
    ("submitted", "approved"),
    ("submitted", "refused"),
    ("refused", "approved"),  # only an over_six_months_need refusal, as an exception
    ("approved", "shipped"),
    ("shipped", "delivered"),
}


def order_in(status: str, midwife, desk) -> BookletOrder:
    if status == "refused":
        hand_outs(midwife, [date.today() - timedelta(days=3)])
        with pytest.raises(OrderRefused) as refused:
            midwife_order(midwife, 5)
        return refused.value.order
    order = midwife_order(midwife, 5, declared_births=5)
    path = {"submitted": [], "approved": ["approved"], "shipped": ["approved", "shipped"]}
    path["delivered"] = [*path["shipped"], "delivered"]
    return through_desk(desk, order, *path[status])


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("wanted", STATUSES)
def test_the_desk_moves_an_order_only_along_the_flow(midwife, order_desk, current, wanted):
    order = order_in(current, midwife, order_desk)
    if (current, wanted) in ALLOWED:
        outcome = order_decide(by=order_desk, order=order, status=wanted, reason="checked")
        assert outcome.order.status == wanted
    else:
        with pytest.raises(InvalidInput) as invalid:
            order_decide(by=order_desk, order=order, status=wanted, reason="checked")
        assert "status" in invalid.value.message_dict
        order.refresh_from_db()
        assert order.status == current


def test_a_refusal_needs_a_reason(midwife, order_desk):
    order = midwife_order(midwife, 5, declared_births=5)
    with pytest.raises(InvalidInput) as invalid:
        order_decide(by=order_desk, order=order, status="refused", reason="  ")
    assert "reason" in invalid.value.message_dict
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED


def test_an_order_over_six_months_of_need_is_approved_as_an_exception_with_a_reason(
    midwife, order_desk
):
    order = order_in("refused", midwife, order_desk)
    with pytest.raises(InvalidInput):
        order_decide(by=order_desk, order=order, status="approved")
    outcome = order_decide(
        by=order_desk, order=order, status="approved", reason="new practice, second midwife"
    )
    order = outcome.order
    assert order.status == OrderStatus.APPROVED
    assert order.exception_reason == "new practice, second midwife"
    assert order.refusal_code == RefusalCode.OVER_SIX_MONTHS_NEED  # the history stays
    assert order.decided_by == order_desk


def test_an_order_the_desk_refused_cannot_be_approved_afterwards(midwife, order_desk):
    order = midwife_order(midwife, 5, declared_births=5)
    order_decide(by=order_desk, order=order, status="refused", reason="duplicate")
    with pytest.raises(InvalidInput) as invalid:
        order_decide(by=order_desk, order=order, status="approved", reason="after all")
    assert "status" in invalid.value.message_dict


def test_every_decision_writes_a_change_log_row(midwife, order_desk):
    order = midwife_order(midwife, 5, declared_births=5)
    through_desk(order_desk, order, "approved", "shipped", "delivered")
    rows = ChangeEvent.objects.filter(
        object_type="booklets.bookletorder", object_id=str(order.pk), action="update"
    ).order_by("at", "id")
    assert [row.changes["status"] for row in rows] == [
        ["submitted", "approved"],
        ["approved", "shipped"],
        ["shipped", "delivered"],
    ]
    assert {row.actor_username for row in rows} == {"order-desk"}
    order.refresh_from_db()
    assert order.shipped_at and order.delivered_at and order.decided_at


def test_a_refusal_reason_is_in_the_change_log(midwife, order_desk):
    order = midwife_order(midwife, 5, declared_births=5)
    order_decide(by=order_desk, order=order, status="refused", reason="practice unknown")
    row = ChangeEvent.objects.get(object_id=str(order.pk), action="update")
    assert row.reason == "practice unknown"
    assert row.changes["refusal_reason"] == ["", "practice unknown"]


def test_a_delivered_parents_order_becomes_the_childs_kindboekje(parent, kg_nurse, order_desk):
    pregnancy = family_with_numbers(kg_nurse, mother_serial=71, child_serials=(72,))
    order = parent_order(parent, child_number(72))
    through_desk(order_desk, order, "approved", "shipped")
    outcome = order_decide(by=order_desk, order=order, status="delivered")
    booklet = Booklet.objects.get(pregnancy=pregnancy, voided_on__isnull=True)
    assert outcome.booklet == booklet and outcome.note == ""
    assert (booklet.channel, booklet.order, booklet.child_order) == (
        Channel.PARENT_ORDER,
        order,
        1,
    )
    assert booklet.handed_out_on == date.today() and booklet.area_nis == pregnancy.area_nis
    assert AccessEvent.objects.filter(
        actor_username="order-desk", record_id=str(booklet.public_id), action="create"
    ).exists()


def test_an_order_made_before_the_family_was_on_the_platform_is_linked_on_delivery(
    parent, kg_nurse, order_desk
):
    order = parent_order(parent, mother_number(81), whose="mother")
    assert order.pregnancy is None
    pregnancy = family_with_numbers(kg_nurse, mother_serial=81)
    through_desk(order_desk, order, "approved", "shipped", "delivered")
    order.refresh_from_db()
    assert order.pregnancy == pregnancy
    assert Booklet.objects.get(pregnancy=pregnancy).channel == Channel.PARENT_ORDER


def test_a_delivered_order_for_a_family_not_on_the_platform_records_no_booklet(parent, order_desk):
    order = parent_order(parent, child_number(91))
    through_desk(order_desk, order, "approved", "shipped")
    outcome = order_decide(by=order_desk, order=order, status="delivered")
    assert outcome.order.status == OrderStatus.DELIVERED and outcome.booklet is None
    assert outcome.note and not Booklet.objects.exists()


def test_when_the_child_meanwhile_got_one_the_order_is_still_delivered(
    parent, kg_nurse, order_desk
):
    pregnancy = family_with_numbers(kg_nurse, mother_serial=101, child_serials=(102,))
    order = parent_order(parent, child_number(102))
    through_desk(order_desk, order, "approved", "shipped")
    # A hand-out that slipped in between (as a concurrent one would): the constraint decides.
    Booklet.objects.create(
        pregnancy=pregnancy,
        child_order=1,
        handed_out_on=date.today(),
        channel=Channel.KG_FIRST_CONTACT_AFTER_BIRTH,
        organisation=kg_nurse.organisation,
        area_nis=pregnancy.area_nis,
    )
    with translation.override("en"):
        outcome = order_decide(by=order_desk, order=order, status="delivered")
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED and outcome.booklet is None
    assert "meanwhile" in outcome.note
    assert Booklet.objects.filter(pregnancy=pregnancy).count() == 1
    assert ChangeEvent.objects.filter(object_id=str(order.pk), reason=outcome.note).exists()


@pytest.mark.parametrize("who", ["midwife", "kg_nurse", "admin_user", "analyst", "parent"])
def test_only_the_order_desk_decides(request, midwife, who):
    order = midwife_order(midwife, 5, declared_births=5)
    with pytest.raises(NoAccess):
        order_decide(by=request.getfixturevalue(who), order=order, status="approved")
    order.refresh_from_db()
    assert order.status == OrderStatus.SUBMITTED
