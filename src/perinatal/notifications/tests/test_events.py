"""Each event tells the right people, in the owner's transaction, linked to the one page
where it is handled (docs/decisions/0030-notifications.md): a table of cases, each brought
about through the owning app's own service."""

import pytest

from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from perinatal.notifications import selectors
from perinatal.notifications.models import Notification

from . import support

pytestmark = pytest.mark.django_db


def _referral_received(p):
    referral = support.refer(p.midwife, p.kraamzorg_user)
    return p.kraamzorg_user, "referral_received", ("pathways:referral_answer", referral.public_id)


def _referral_answered(p):
    from perinatal.pathways.services import referrals

    referral = support.refer(p.midwife, p.kraamzorg_user)
    referrals.referral_answer(by=p.kraamzorg_user, referral=referral, status="accepted")
    return p.midwife, "referral_answered", ("pathways:pregnancy", referral.pregnancy.public_id)


def _kraamzorg(status):
    def case(p):
        offer = support.kraamzorg_offer(p.kraamzorg_user)
        made = support.refer_kraamzorg(p.midwife, offer)
        support.decide(p.kraamzorg_user, made, status)
        return p.midwife, f"kraamzorg_{status}", ("kraamzorg:request", made.public_id)

    return case


def _kraamzorg_parent(status):
    def case(p):
        offer = support.kraamzorg_offer(p.kraamzorg_user)
        made = support.parent_request(offer, by=p.parent, contact_email="")
        support.decide(p.kraamzorg_user, made, status)
        return p.parent, f"kraamzorg_{status}", ("kraamzorg:request", made.public_id)

    return case


def _kraamzorg_forwarded(p):
    offer = support.kraamzorg_offer(p.kraamzorg_user)
    made = support.refer_kraamzorg(p.midwife, offer)
    forwarded = support.forward(p.kraamzorg_user, made)
    return p.midwife, "kraamzorg_forwarded", ("kraamzorg:request", forwarded.public_id)


def _kraamzorg_received(p):
    offer = support.kraamzorg_offer(p.kraamzorg_user)
    made = support.parent_request(offer)
    return p.kraamzorg_user, "kraamzorg_received", ("kraamzorg:intake_request", made.public_id)


def _order(*steps):
    def case(p):
        support.order_through(p.midwife, p.order_desk, *steps, reason="checked")
        return p.midwife, "booklet_order_handled", ("booklets:orders_mine", None)

    return case


CASES = {
    "referral received → the addressed organisation": _referral_received,
    "referral answered → who sent it": _referral_answered,
    "kraamzorg request received → the service's intake": _kraamzorg_received,
    "kraamzorg accepted → the referrer": _kraamzorg("accepted"),
    "kraamzorg waiting list → the referrer": _kraamzorg("waiting"),
    "kraamzorg refused → the referrer": _kraamzorg("refused"),
    "kraamzorg accepted → the parent with an account": _kraamzorg_parent("accepted"),
    "kraamzorg forwarded → the referrer": _kraamzorg_forwarded,
    "booklet order approved → who ordered": _order("approved"),
    "booklet order refused → who ordered": _order("refused"),
    "booklet order shipped → who ordered": _order("approved", "shipped"),
    "booklet order delivered → who ordered": _order("approved", "shipped", "delivered"),
}


class People:
    def __init__(self, **users):
        self.__dict__.update(users)


@pytest.fixture
def people(midwife, kraamzorg_user, parent, order_desk):
    return People(
        midwife=midwife, kraamzorg_user=kraamzorg_user, parent=parent, order_desk=order_desk
    )


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_event_tells_who_must_know_with_a_link_to_its_page(
    people, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recipient, kind, (link_name, link_arg) = case(people)
    told = Notification.objects.filter(kind=kind)
    notification = told.order_by("-id").first()
    assert notification is not None
    assert notification.recipient == recipient
    assert {n.recipient_id for n in told} == {recipient.pk}
    with translation.override("nl"):
        expected = reverse(link_name, args=[link_arg] if link_arg else [])
        assert selectors.link_of(notification) == expected
        text = selectors.text_of(notification)
    assert "%(" not in text
    for secret in support.SECRETS:
        assert secret not in text
        for message in mail.outbox:
            assert secret not in message.body and secret not in message.subject
    # The recipient chose nothing: every kind comes by e-mail by default.
    assert recipient.email in {address for message in mail.outbox for address in message.to}


def test_a_change_rolled_back_tells_nobody(people, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        support.refer(people.midwife, people.kraamzorg_user)
        raise RuntimeError("the caller fails after the service")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_inbox_text_is_in_the_readers_language(people):
    support.refer(people.midwife, people.kraamzorg_user)
    notification = Notification.objects.get(kind="referral_received")
    texts = {}
    for language in ("nl", "fr", "en"):
        with translation.override(language):
            texts[language] = selectors.text_of(notification)
    assert texts["en"] == "Your organisation received a referral to Aquarelle follow-up."
    assert texts["nl"] == "Je organisatie ontving een doorverwijzing naar Aquarelle follow-up."
    assert texts["fr"] == "Votre organisation a reçu une orientation vers Aquarelle follow-up."
