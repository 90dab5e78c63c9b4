"""A parent's order: one Kindboekje for one child, never for a child who has one, a generic
answer that does not say who handed it out, the registry check in the access log."""

from datetime import date

import pytest

from django.db import IntegrityError, transaction
from django.utils import translation

from perinatal.audit.models import AccessEvent
from perinatal.booklets.constants import OrderKind, OrderStatus, RefusalCode
from perinatal.booklets.errors import BookletRefused, InvalidInput, NoAccess
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import booklet_hand_out
from perinatal.core import national_number

from .orders_support import child_number, family_with_numbers, mother_number, parent_order

pytestmark = pytest.mark.django_db


def test_a_parent_orders_one_kindboekje_for_a_child_not_on_the_platform(parent):
    order = parent_order(parent, child_number(7))
    assert (order.kind, order.kindboekjes, order.status) == (OrderKind.PARENT, 1, "submitted")
    assert order.subject_hash == national_number.lookup_hash(child_number(7))
    assert order.pregnancy is None and order.area_nis == "40000"  # shipped to Gent


def test_a_second_order_for_the_same_child_is_refused(parent, persona):
    from perinatal.accounts.constants import Role

    parent_order(parent, child_number(7))
    other_parent = persona(Role.PARENT, username="other-parent")
    with pytest.raises(BookletRefused) as refused:
        parent_order(other_parent, child_number(7))
    assert refused.value.code == RefusalCode.CHILD_ALREADY_ORDERED
    assert BookletOrder.objects.count() == 1


def test_twins_are_ordered_once_each_with_the_mothers_number(parent):
    first = parent_order(parent, mother_number(3), whose="mother", child_order=1)
    second = parent_order(parent, mother_number(3), whose="mother", child_order=2)
    assert {first.child_order, second.child_order} == {1, 2}
    with pytest.raises(BookletRefused):
        parent_order(parent, mother_number(3), whose="mother", child_order=2)


def test_a_refused_order_does_not_count_as_ordered(parent, order_desk):
    from perinatal.booklets.services import order_decide

    order = parent_order(parent, child_number(8))
    order_decide(by=order_desk, order=order, status="refused", reason="address unknown")
    assert parent_order(parent, child_number(8)).status == OrderStatus.SUBMITTED


def test_the_database_keeps_one_open_order_per_child(parent):
    order = parent_order(parent, child_number(9))
    with pytest.raises(IntegrityError), transaction.atomic():
        BookletOrder.objects.create(
            kind=OrderKind.PARENT,
            ordered_by=parent,
            kindboekjes=1,
            subject_hash=order.subject_hash,
            child_order=1,
            ship_to_name="x",
            ship_to_street="x",
            ship_to_postcode="9000",
            ship_to_municipality="Gent",
            area_nis="40000",
        )


@pytest.mark.parametrize("whose", ["child", "mother"])
def test_a_child_with_a_kindboekje_in_the_registry_is_refused_without_saying_who(
    parent, kg_nurse, midwife, whose
):
    """The same answer whoever handed it out and whenever: a parent may type any number."""
    messages = []
    for serial, provider in ((10, kg_nurse), (20, midwife)):
        pregnancy = family_with_numbers(
            kg_nurse, mother_serial=serial + 1, child_serials=(serial + 2,)
        )
        booklet_hand_out(by=provider, pregnancy=pregnancy, on=date.today())
        number = child_number(serial + 2) if whose == "child" else mother_number(serial + 1)
        with translation.override("en"), pytest.raises(BookletRefused) as refused:
            parent_order(parent, number, whose=whose)
        assert refused.value.code == RefusalCode.CHILD_ALREADY_HAS_BOOKLET
        assert refused.value.detail == {}
        messages.append(refused.value.message)
    assert messages[0] == messages[1]
    assert date.today().strftime("%d/%m/%Y") not in messages[0]
    assert "independent midwife" not in messages[0]
    assert not BookletOrder.objects.exists()


def test_an_expected_child_with_a_kindboekje_is_refused_by_the_mothers_number(parent, kg_nurse):
    pregnancy = family_with_numbers(kg_nurse, mother_serial=21)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    with pytest.raises(BookletRefused) as refused:
        parent_order(parent, mother_number(21), whose="mother")
    assert refused.value.code == RefusalCode.CHILD_ALREADY_HAS_BOOKLET


def test_an_order_for_a_family_on_the_platform_is_linked_and_the_check_is_logged(parent, kg_nurse):
    pregnancy = family_with_numbers(kg_nurse, mother_serial=31, child_serials=(32, 33))
    order = parent_order(parent, child_number(33))
    assert (order.pregnancy, order.child_order) == (pregnancy, 2)
    logged = AccessEvent.objects.filter(actor_username="parent", subject=str(pregnancy.public_id))
    assert logged.filter(basis="booklet", purpose__contains="registry check").count() == 1


def test_an_order_by_the_mothers_number_then_the_childs_is_the_same_child(parent, kg_nurse):
    family_with_numbers(kg_nurse, mother_serial=41, child_serials=(42,))
    parent_order(parent, mother_number(41), whose="mother")
    with pytest.raises(BookletRefused) as refused:
        parent_order(parent, child_number(42))
    assert refused.value.code == RefusalCode.CHILD_ALREADY_ORDERED


def test_no_access_log_row_when_no_family_is_found(parent):
    parent_order(parent, child_number(51))
    assert not AccessEvent.objects.filter(actor_username="parent").exists()


def test_a_wrong_national_number_is_wrong_input(parent):
    with pytest.raises(InvalidInput) as invalid:
        parent_order(parent, "12345678901")
    assert "national_number" in invalid.value.message_dict


@pytest.mark.parametrize("who", ["midwife", "kg_nurse", "order_desk", "admin_user"])
def test_only_parents_order_for_their_child(request, who):
    with pytest.raises(NoAccess):
        parent_order(request.getfixturevalue(who), child_number(61))
