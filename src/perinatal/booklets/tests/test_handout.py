from datetime import date, timedelta

import pytest

from perinatal.booklets.constants import Channel, RefusalCode, VoidReason
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import Booklet, HandoutRefusal
from perinatal.booklets.services import booklet_hand_out, booklet_replace
from perinatal.pathways.tests.factories import register

from .factories import born

pytestmark = pytest.mark.django_db


def test_kind_en_gezin_hands_out_at_the_start_conversation_as_step_1(kg_nurse):
    pregnancy = register(kg_nurse)
    booklet = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    assert (booklet.channel, booklet.step, booklet.in_turn) == (
        Channel.KG_START_CONVERSATION,
        1,
        True,
    )


def test_second_kindboekje_for_same_child_is_refused_with_who_and_when(kg_nurse, midwife):
    pregnancy = register(kg_nurse)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    with pytest.raises(BookletRefused) as refused:
        booklet_hand_out(by=midwife, pregnancy=pregnancy, on=date.today())
    assert refused.value.code == RefusalCode.ALREADY_HAS_BOOKLET
    assert refused.value.detail["provider"] == "kind_en_gezin"
    assert date.today().strftime("%d/%m/%Y") in refused.value.message
    assert Booklet.objects.filter(pregnancy=pregnancy).count() == 1
    assert HandoutRefusal.objects.filter(code=RefusalCode.ALREADY_HAS_BOOKLET).count() == 1


def test_maternity_clinic_is_refused_after_the_switch(kg_nurse, hospital_user):
    pregnancy = born(kg_nurse, on=date.today() - timedelta(days=1))
    with pytest.raises(BookletRefused) as refused:
        booklet_hand_out(by=hospital_user, pregnancy=pregnancy, on=date.today())
    assert refused.value.code == RefusalCode.CHANNEL_NOT_ALLOWED


def test_twins_get_one_kindboekje_each(kg_nurse):
    pregnancy = born(kg_nurse, on=date.today() - timedelta(days=2), children=2)
    first = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today(), child_order=1)
    second = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today(), child_order=2)
    assert {first.child_order, second.child_order} == {1, 2}


def test_a_lost_kindboekje_is_replaced_and_one_stays_valid(kg_nurse):
    pregnancy = register(kg_nurse)
    old = booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=date.today())
    new = booklet_replace(by=kg_nurse, booklet=old, reason=VoidReason.LOST, on=date.today())
    old.refresh_from_db()
    assert old.voided_on == date.today() and new.replaces == old
    assert Booklet.objects.filter(pregnancy=pregnancy, voided_on__isnull=True).get() == new
