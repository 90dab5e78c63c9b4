"""The intake queue and reading one request: the service's own requests only, ordered by the
expected date with vulnerable families marked, the same number of queries for any number of
requests, and who may read a request (logged)."""

from datetime import date, timedelta

import pytest

from perinatal.audit.models import AccessEvent
from perinatal.core.refusals import NoAccess
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.selectors import (
    intake_queue,
    offers_serving,
    request_for_user,
    requests_of_requester,
)
from perinatal.kraamzorg.services.requests import request_decide, request_refer, request_submit
from perinatal.pathways.tests.factories import register

from .intake_support import offer_for, request_input, staff_of

pytestmark = pytest.mark.django_db
TODAY = date.today()


def _ask(offer, n, **overrides):
    return request_submit(
        by=None, offer=offer, data=request_input(contact_email=f"p{n}@example.org", **overrides)
    )


def test_queue_is_ordered_by_expected_date_birth_before_due(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    late = _ask(offer, 1, due_date=TODAY + timedelta(days=120))
    born = _ask(offer, 2, due_date=None, birth_date=TODAY - timedelta(days=2))
    soon = _ask(offer, 3, due_date=TODAY + timedelta(days=10))
    assert list(intake_queue(by=kraamzorg_user)) == [born, soon, late]


def test_queue_holds_only_the_services_own_open_requests(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    mine = _ask(offer, 1)
    _ask(offer_for(), 2)
    refused = _ask(offer, 3)
    request_decide(
        by=kraamzorg_user,
        kraamzorg_request=refused,
        status=RequestStatus.REFUSED,
        refusal_reason="no_capacity",
    )
    assert list(intake_queue(by=kraamzorg_user)) == [mine]
    assert list(intake_queue(by=kraamzorg_user, statuses=[RequestStatus.REFUSED])) == [refused]


def test_vulnerable_family_comes_first_on_the_same_day(kraamzorg_user, kg_nurse):
    offer = offer_for(kraamzorg_user)
    due = TODAY + timedelta(days=100)
    plain = _ask(offer, 1, due_date=due)
    pregnancy = register(kg_nurse, due_date=due)
    vulnerable = request_refer(
        by=kg_nurse,
        pregnancy=pregnancy,
        offer=offer,
        data=request_input(due_date=due),
        reason="r",
        vulnerability_reason="alone",
    )
    assert list(intake_queue(by=kraamzorg_user)) == [vulnerable, plain]


@pytest.mark.parametrize("role_fixture", ["kg_nurse", "analyst", "editor", "admin_user", "parent"])
def test_queue_is_refused_to_other_personas(request, role_fixture):
    with pytest.raises(NoAccess):
        intake_queue(by=request.getfixturevalue(role_fixture))


def test_queue_query_count_does_not_grow_with_requests(
    kraamzorg_user, kg_nurse, django_assert_num_queries
):
    offer = offer_for(kraamzorg_user)
    for n in range(3):
        _ask(offer, n)
    with django_assert_num_queries(1):
        rows = list(intake_queue(by=kraamzorg_user)[:50])
        [(r.offer.service.name, r.pregnancy_id, r.referrer_organisation) for r in rows]
    pregnancy = register(kg_nurse)
    request_refer(by=kg_nurse, pregnancy=pregnancy, offer=offer, data=request_input(), reason="r")
    for n in range(3, 12):
        _ask(offer, n)
    with django_assert_num_queries(1):
        rows = list(intake_queue(by=kraamzorg_user)[:50])
        [(r.offer.service.name, r.pregnancy and r.pregnancy.public_id) for r in rows]
    assert len(rows) == 13


def test_who_may_read_a_request(kraamzorg_user, parent, persona, kg_nurse, analyst):
    kr = request_submit(by=parent, offer=offer_for(kraamzorg_user), data=request_input())
    colleague = staff_of(kr.offer, username="colleague")
    for user, basis in [
        (kraamzorg_user, "referral"),
        (colleague, "referral"),
        (parent, "own_record"),
    ]:
        assert request_for_user(by=user, public_id=kr.public_id) == kr
        assert AccessEvent.objects.filter(
            actor=user, record_id=str(kr.public_id), action="read", basis=basis
        ).exists()
    other_parent = persona("parent", username="other-parent")
    other_staff = staff_of(offer_for(), username="other-staff")
    for user in (other_parent, other_staff, kg_nurse, analyst):
        with pytest.raises(NoAccess):
            request_for_user(by=user, public_id=kr.public_id)


def test_referrer_organisation_reads_its_referral(kraamzorg_user, kg_nurse, persona):
    pregnancy = register(kg_nurse)
    kr = request_refer(
        by=kg_nurse,
        pregnancy=pregnancy,
        offer=offer_for(kraamzorg_user),
        data=request_input(),
        reason="r",
    )
    colleague = persona("kg_professional", organisation=kg_nurse.organisation)
    assert request_for_user(by=colleague, public_id=kr.public_id) == kr
    row = AccessEvent.objects.filter(actor=colleague, action="read").get()
    assert row.subject == str(pregnancy.public_id)
    assert list(requests_of_requester(by=colleague)) == [kr]


def test_requests_of_a_parent_are_their_own(kraamzorg_user, parent, persona):
    offer = offer_for(kraamzorg_user)
    kr = request_submit(by=parent, offer=offer, data=request_input())
    request_submit(by=None, offer=offer, data=request_input(contact_email="x@example.org"))
    assert list(requests_of_requester(by=parent)) == [kr]
    assert list(requests_of_requester(by=persona("parent", username="p2"))) == []


def test_offers_serving_a_postcode():
    brussels = offer_for(name="B Brussels")
    listed = offer_for(name="A listed", postcodes=["1080"], areas=[])
    offer_for(name="C Antwerp", areas=["10000"])
    offer_for(name="D inactive", active=False)
    assert offers_serving(postcode="1080") == [listed, brussels]
    assert offers_serving(postcode="1000") == [brussels]
    assert offers_serving(postcode="xx") == []
