"""The Kindboekje in the family record's retention: its section of the family export, and
what pseudonymisation clears (free texts, the parents' orders' addresses and national-number
hash) and keeps (dates, channels, steps, statuses) — booklets/retention.py, registered from
hooks.py with pathways/services/retention.py."""

from datetime import date, datetime

import pytest

from django.utils import timezone

from perinatal.audit.models import AccessBasis
from perinatal.booklets.constants import OrderStatus, VoidReason
from perinatal.booklets.errors import BookletRefused
from perinatal.booklets.models import Booklet, BookletOrder
from perinatal.booklets.retention import pseudonymise
from perinatal.booklets.services import booklet_hand_out, booklet_replace
from perinatal.pathways.access import Grant
from perinatal.pathways.services import retention
from perinatal.pathways.services.retention import PSEUDONYMISED
from perinatal.pathways.tests.factories import mother, national_number_for, register

from .factories import born, join_the_team
from .registry_support import parent_order

pytestmark = pytest.mark.django_db

MOTHER_NUMBER = national_number_for(date(1992, 11, 3), 57)
OTHER_NUMBER = national_number_for(date(1991, 2, 14), 59)


@pytest.fixture
def twins(kg_nurse, midwife, hospital_user, parent):
    """Twins born on 20 May 2024: the first twin's booklet handed out by the maternity clinic,
    lost and replaced by the midwife (in the family's care team); the second twin's handed out by Kind en Gezin outside
    its turn (with a reason); a refused hand-out; a parents' order linked to the family and
    one of another family."""
    pregnancy = born(
        kg_nurse,
        on=date(2024, 5, 20),
        children=2,
        mother=mother(national_number=MOTHER_NUMBER, no_national_number=""),
    )
    first = booklet_hand_out(by=hospital_user, pregnancy=pregnancy, on=date(2024, 5, 21))
    join_the_team(kg_nurse, pregnancy, midwife)
    booklet_replace(
        by=midwife,
        booklet=first,
        reason=VoidReason.LOST,
        note="left on the bus",
        on=date(2024, 9, 2),
    )
    booklet_hand_out(
        by=kg_nurse,
        pregnancy=pregnancy,
        on=date(2024, 6, 3),
        child_order=2,
        reason="the clinic had none left",
    )
    with pytest.raises(BookletRefused):
        booklet_hand_out(by=midwife, pregnancy=pregnancy, on=date(2024, 9, 3), child_order=2)
    order = parent_order(
        parent, number=MOTHER_NUMBER, pregnancy=pregnancy, status=OrderStatus.REFUSED
    )
    other = parent_order(parent, number=OTHER_NUMBER)
    return pregnancy, order, other


def test_the_family_export_has_a_kindboekje_section(kg_nurse, twins):
    pregnancy, order, other = twins
    data = retention.family_export(
        by=kg_nurse, pregnancy=pregnancy, grant=Grant(AccessBasis.CARE_TEAM)
    )
    section = data["kindboekje"]
    booklets = [
        (b["child_order"], b["handed_out_on"], b["channel"], b["void_reason"], b["step"])
        for b in section["booklets"]
    ]
    assert booklets == [
        (1, "2024-05-21", "maternity_clinic", "lost", 2),
        (1, "2024-09-02", "independent_midwife", None, None),
        (2, "2024-06-03", "kg_first_contact_after_birth", None, None),
    ]
    lost, replacement, second = section["booklets"]
    assert (lost["voided_on"], lost["void_note"]) == ("2024-09-02", "left on the bus")
    assert replacement["replaces"] == lost["id"]
    assert second["out_of_turn_reason"] == "the clinic had none left"
    assert [(o["id"], o["status"]) for o in section["parent_orders"]] == [
        (str(order.public_id), "refused")
    ]
    assert section["parent_orders"][0]["ship_to"]["municipality"] == "Gent"
    assert [(r["on"], r["code"]) for r in section["refused_hand_outs"]] == [
        ("2024-09-03", "already_has_booklet")
    ]
    assert str(other.public_id) not in str(data)
    assert MOTHER_NUMBER not in str(data)


def test_pseudonymisation_clears_the_kindboekjes_texts_and_keeps_the_figures(twins):
    pregnancy, order, other = twins
    hash_before = order.subject_hash
    [purged] = retention.purge(now=timezone.make_aware(datetime(2040, 1, 1, 12)))
    assert purged.public_id == str(pregnancy.public_id)
    assert purged.cleared["perinatal.booklets.retention"] == 4  # 2 booklets (+1 note), 1 order

    booklets = Booklet.objects.filter(pregnancy=pregnancy).order_by("handed_out_on")
    assert [(b.handed_out_on, b.channel, b.step, b.in_turn) for b in booklets] == [
        (date(2024, 5, 21), "maternity_clinic", 2, True),
        (date(2024, 6, 3), "kg_first_contact_after_birth", None, False),
        (date(2024, 9, 2), "independent_midwife", None, False),
    ]
    assert {b.out_of_turn_reason for b in booklets if not b.in_turn} == {PSEUDONYMISED}
    assert [b.void_note for b in booklets] == ["", "", ""]
    assert booklets[0].void_reason == VoidReason.LOST

    order.refresh_from_db()
    assert (order.status, order.kindboekjes, order.area_nis) == (OrderStatus.REFUSED, 1, "40000")
    assert (order.ship_to_name, order.ship_to_street, order.ship_to_postcode) == ("", "", "")
    assert (order.ship_to_municipality, order.remarks) == ("", "")
    assert order.subject_hash != hash_before and order.subject_hash.startswith("pseudonymised-")
    other.refresh_from_db()
    assert other.ship_to_name == "Fam. Testouder" and other.remarks == "please ring twice"


def test_pseudonymising_twice_changes_nothing_more(twins):
    pregnancy, order, _ = twins
    assert pseudonymise(pregnancy) == 4
    hash_after = BookletOrder.objects.get(pk=order.pk).subject_hash
    assert pseudonymise(pregnancy) == 0
    assert BookletOrder.objects.get(pk=order.pk).subject_hash == hash_after


def test_a_family_still_in_its_retention_period_keeps_its_kindboekje_texts(kg_nurse):
    pregnancy = register(kg_nurse)
    booklet_hand_out(by=kg_nurse, pregnancy=pregnancy, on=timezone.localdate())
    assert retention.purge() == []
    assert Booklet.objects.get(pregnancy=pregnancy).out_of_turn_reason == ""
