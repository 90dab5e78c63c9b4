"""The family's linked parents are told (inbox, and e-mail in their language holding a link
only) of each piece of the family's news: a referral made or answered, a kraamzorg answer or
forward, a Kindboekje order handled, the answer to a correction, being linked or unlinked.
Each event is brought about through its owning app's own service."""

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import translation

from perinatal.accounts.constants import Role
from perinatal.accounts.tests.factories import make_persona
from perinatal.booklets.tests.orders_support import (
    family_with_numbers,
    mother_number,
    parent_order,
    through_desk,
)
from perinatal.kraamzorg.services import requests as kraamzorg_requests
from perinatal.kraamzorg.tests.intake_support import request_input
from perinatal.notifications import selectors
from perinatal.notifications.kinds import notification_kinds
from perinatal.notifications.models import Notification
from perinatal.notifications.tests import support
from perinatal.pathways import access
from perinatal.pathways.services import referrals

from .. import notices
from ..corrections import correction_ask, correction_handle
from ..models import ParentLink
from .factories import linked_parent

pytestmark = pytest.mark.django_db

SECRET = "Needs follow-up: postnatal depression"


@pytest.fixture
def family(kg_nurse):
    return family_with_numbers(kg_nurse)


def _refer(p):
    return referrals.referral_create(
        by=p.kg_nurse,
        pregnancy=p.family,
        grant=access.grant_for(p.kg_nurse, p.family),
        service=support.directory_service(p.kraamzorg_user.organisation),
        reason=SECRET,
    )


def _referral_made(p):
    _refer(p)
    return notices.REFERRAL_MADE


def _referral_answered(p):
    referral = _refer(p)
    referrals.referral_answer(by=p.kraamzorg_user, referral=referral, status="accepted")
    return notices.REFERRAL_ANSWERED


def _kraamzorg_request(p):
    return kraamzorg_requests.request_refer(
        by=p.kg_nurse,
        pregnancy=p.family,
        offer=support.kraamzorg_offer(p.kraamzorg_user),
        data=request_input(contact_email=""),
        reason=SECRET,
    )


def _kraamzorg(status):
    def case(p):
        support.decide(p.kraamzorg_user, _kraamzorg_request(p), status)
        return notices.KRAAMZORG_ANSWERED

    return case


def _kraamzorg_forwarded(p):
    support.forward(p.kraamzorg_user, _kraamzorg_request(p))
    return notices.KRAAMZORG_ANSWERED


def _booklet_order(p):
    order = parent_order(make_persona(Role.PARENT), mother_number(), whose="mother")
    assert order.pregnancy_id == p.family.pk
    through_desk(p.order_desk, order, "approved")
    return notices.BOOKLET_ORDER


def _correction_answered(p):
    correction = correction_ask(by=p.mum, pregnancy=p.family, text="Wrong date", should_be="")
    correction_handle(
        by=p.kg_nurse,
        correction=correction,
        grant=access.grant_for(p.kg_nurse, p.family),
        answer="Corrected.",
    )
    return notices.CORRECTION_ANSWERED


def _linked(p):
    notices.link_made(ParentLink.objects.get(user=p.mum))
    return notices.LINKED


def _unlinked(p):
    notices.link_ended(ParentLink.objects.get(user=p.mum))
    return notices.UNLINKED


CASES = {
    "referral made": _referral_made,
    "referral answered": _referral_answered,
    "kraamzorg accepted": _kraamzorg("accepted"),
    "kraamzorg on the waiting list": _kraamzorg("waiting"),
    "kraamzorg refused": _kraamzorg("refused"),
    "kraamzorg forwarded": _kraamzorg_forwarded,
    "booklet order handled": _booklet_order,
    "correction answered": _correction_answered,
    "linked": _linked,
    "unlinked": _unlinked,
}


class People:
    def __init__(self, **users):
        self.__dict__.update(users)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_linked_parent_is_told_in_the_inbox_and_by_email_in_their_language(
    family, kg_nurse, kraamzorg_user, order_desk, case, language, django_capture_on_commit_callbacks
):
    mum = linked_parent(
        family, username="mum", preferred_language=language, email="mum@example.org"
    )
    people = People(
        family=family,
        kg_nurse=kg_nurse,
        kraamzorg_user=kraamzorg_user,
        order_desk=order_desk,
        mum=mum,
    )
    with django_capture_on_commit_callbacks(execute=True):
        kind = case(people)
    notification = Notification.objects.filter(recipient=mum, kind=kind).latest("id")
    with translation.override(language):
        text = selectors.text_of(notification)
        link = selectors.link_of(notification)
        subject = str(notification_kinds[kind].subject)
    assert "%(" not in text and SECRET not in text
    if kind != notices.UNLINKED:
        page = "parents:my_data" if kind == notices.CORRECTION_ANSWERED else "parents:family"
        with translation.override(language):
            assert link == reverse(page, args=[family.public_id])
    email = [m for m in mail.outbox if m.to == ["mum@example.org"]][-1]  # the last event's
    assert email.subject == subject
    assert SECRET not in email.body and "Amina" not in email.body
    assert reverse("notifications:preferences").split("/", 2)[2] in email.body
    if language != "en":
        with translation.override("en"):
            assert email.subject != str(notification_kinds[kind].subject)


def test_a_parent_the_lower_app_told_already_is_not_told_twice(
    family, kraamzorg_user, order_desk, django_capture_on_commit_callbacks
):
    orderer = linked_parent(family, username="dad")
    order = parent_order(orderer, mother_number(), whose="mother")
    through_desk(order_desk, order, "approved")
    assert Notification.objects.filter(recipient=orderer).count() == 1
    assert Notification.objects.get(recipient=orderer).kind == "booklet_order_handled"


def test_an_unlinked_parent_hears_nothing_more(family, kg_nurse, kraamzorg_user):
    from django.utils import timezone

    mum = linked_parent(family, username="mum")
    ParentLink.objects.filter(user=mum).update(ended_at=timezone.now())
    _referral_made(People(family=family, kg_nurse=kg_nurse, kraamzorg_user=kraamzorg_user))
    assert not Notification.objects.filter(recipient=mum).exists()
