"""A parents' own order counts as the child's Kindboekje in the registry: linked to the
pregnancy, or made with the mother's or the child's national number during this pregnancy —
but the order for a mother's earlier child does not block her next one
(services/distribution.py `open_parent_order`)."""

from datetime import date, datetime, timedelta

import pytest

from django.utils import timezone

from perinatal.booklets.constants import OrderStatus, RefusalCode
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import BookletOrder
from perinatal.booklets.services import booklet_hand_out
from perinatal.booklets.services.distribution import open_parent_order
from perinatal.core import national_number
from perinatal.pathways.models import Birth, Child
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .factories import born
from .registry_support import parent_order

pytestmark = pytest.mark.django_db

MOTHER_NUMBER = national_number_for(date(1991, 8, 9), 63)


def _submitted(order: BookletOrder, day: date) -> BookletOrder:
    when = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
    BookletOrder.objects.filter(pk=order.pk).update(submitted_at=when)
    order.refresh_from_db()
    return order


def _expecting(kg_nurse):
    return register(
        kg_nurse,
        registered_on=date.today() - timedelta(days=30),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )


def test_an_order_with_the_mothers_number_in_this_pregnancy_counts(kg_nurse, parent):
    pregnancy = _expecting(kg_nurse)
    order = parent_order(parent, number=MOTHER_NUMBER)  # the family was not linked
    assert open_parent_order(pregnancy, 1) == order
    with pytest.raises(BookletRefused) as refused:
        booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    assert refused.value.code == RefusalCode.ALREADY_HAS_BOOKLET
    assert refused.value.detail["provider"] == "parents"


def test_the_order_for_a_mothers_earlier_child_does_not_block_the_next(kg_nurse, parent):
    pregnancy = _expecting(kg_nurse)
    _submitted(parent_order(parent, number=MOTHER_NUMBER), date.today() - timedelta(days=700))
    assert open_parent_order(pregnancy, 1) is None
    assert booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today()).step == 1


def test_an_order_linked_to_another_pregnancy_does_not_count(kg_nurse, parent):
    earlier = born(
        kg_nurse,
        on=date.today() - timedelta(days=400),
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )
    parent_order(parent, number=MOTHER_NUMBER, pregnancy=earlier)
    later = _expecting(kg_nurse)  # the same mother (found by her number)
    assert later.mother_id == earlier.mother_id
    assert open_parent_order(later, 1) is None
    assert open_parent_order(earlier, 1) is not None


def test_an_order_with_the_childs_number_counts_for_that_twin_only(kg_nurse, parent):
    birth_day = date.today() - timedelta(days=3)
    twin_number = national_number_for(birth_day, 102)
    pregnancy = born(kg_nurse, on=birth_day, children=1)
    # A second twin with her own number (the factory's children have none).
    Child.objects.create(
        birth=Birth.objects.get(pregnancy=pregnancy),
        birth_order=2,
        given_name="Twin",
        family_name="Testmoeder",
        birth_date=birth_day,
        national_number_hash=national_number.lookup_hash(twin_number),
    )
    order = parent_order(parent, number=twin_number)
    BookletOrder.objects.filter(pk=order.pk).update(child_order=2)
    assert open_parent_order(pregnancy, 2) is not None
    assert open_parent_order(pregnancy, 1) is None
    assert booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today(), child_order=1)


def test_a_refused_order_does_not_count(kg_nurse, parent):
    pregnancy = _expecting(kg_nurse)
    parent_order(parent, number=MOTHER_NUMBER, pregnancy=pregnancy, status=OrderStatus.REFUSED)
    assert open_parent_order(pregnancy, 1) is None


def test_a_linked_order_comes_before_one_found_by_number(kg_nurse, parent):
    pregnancy = _expecting(kg_nurse)
    by_number = parent_order(parent, number=MOTHER_NUMBER)
    linked = parent_order(
        parent, number=national_number_for(date(1991, 8, 9), 65), pregnancy=pregnancy
    )
    assert by_number.submitted_at <= linked.submitted_at
    assert open_parent_order(pregnancy, 1) == linked
