"""The intake's answers through the services: accept and plan, waiting list, refuse with a
reason; the transitions of REQUEST_NEXT; withdrawing; forwarding a refused request to another
serving service; who may do each; the change and access logs."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from perinatal.audit.models import AccessEvent, ChangeEvent
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused
from perinatal.kraamzorg.constants import REQUEST_NEXT, RefusalReason, RequestStatus
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.services.requests import (
    request_decide,
    request_forward,
    request_refer,
    request_submit,
    request_withdraw,
)
from perinatal.pathways.tests.factories import register

from .intake_support import offer_for, request_input, staff_of

pytestmark = pytest.mark.django_db

START = date.today() + timedelta(days=95)


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


@pytest.fixture
def asked(offer, parent):
    return request_submit(by=parent, offer=offer, data=request_input())


def _decide(by, kr, status, **kw):
    return request_decide(by=by, kraamzorg_request=kr, status=status, **kw)


def test_accept_and_plan(kraamzorg_user, asked):
    answered = _decide(
        kraamzorg_user, asked, RequestStatus.ACCEPTED, planned_start=START, planned_hours="40"
    )
    answered.refresh_from_db()
    assert answered.status == RequestStatus.ACCEPTED
    assert (answered.planned_start, answered.planned_hours) == (START, Decimal("40.00"))
    assert answered.decided_by == kraamzorg_user and answered.decided_at is not None
    change = ChangeEvent.objects.filter(object_id=str(answered.pk), action="update").get()
    assert change.changes["status"] == ["submitted", "accepted"]
    assert AccessEvent.objects.filter(
        record_id=str(answered.public_id), action="update", basis="referral"
    ).exists()


@pytest.mark.parametrize(
    ("planned_start", "planned_hours", "field"),
    [(None, "40", "planned_start"), (START, None, "planned_hours"), (START, "0", "planned_hours")],
)
def test_accepting_needs_the_plan(kraamzorg_user, asked, planned_start, planned_hours, field):
    with pytest.raises(InvalidInput) as error:
        _decide(
            kraamzorg_user,
            asked,
            RequestStatus.ACCEPTED,
            planned_start=planned_start,
            planned_hours=planned_hours,
        )
    assert field in error.value.error_dict
    asked.refresh_from_db()
    assert asked.status == RequestStatus.SUBMITTED


@pytest.mark.parametrize("reason", RefusalReason.values)
def test_refuse_with_each_reason(kraamzorg_user, asked, reason):
    _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason=reason, note="full")
    asked.refresh_from_db()
    assert (asked.status, asked.refusal_reason) == (RequestStatus.REFUSED, reason)
    assert asked.closed_at is not None


def test_refusal_needs_a_reason_and_other_needs_a_note(kraamzorg_user, asked):
    with pytest.raises(InvalidInput) as error:
        _decide(kraamzorg_user, asked, RequestStatus.REFUSED)
    assert "refusal_reason" in error.value.error_dict
    with pytest.raises(InvalidInput) as error:
        _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason="other")
    assert "note" in error.value.error_dict


def _in_status(kraamzorg_user, kr, status):
    if status == RequestStatus.WAITING:
        _decide(kraamzorg_user, kr, status)
    elif status == RequestStatus.ACCEPTED:
        _decide(kraamzorg_user, kr, status, planned_start=START, planned_hours=10)
    elif status == RequestStatus.REFUSED:
        _decide(kraamzorg_user, kr, status, refusal_reason="no_capacity")
    elif status == RequestStatus.WITHDRAWN:
        request_withdraw(by=kr.submitted_by, kraamzorg_request=kr)
    elif status == RequestStatus.CLOSED:
        _decide(kraamzorg_user, kr, RequestStatus.ACCEPTED, planned_start=START, planned_hours=1)
        KraamzorgRequest.objects.filter(pk=kr.pk).update(status=RequestStatus.CLOSED)
    kr.refresh_from_db()
    return kr


DECISIONS = (RequestStatus.ACCEPTED, RequestStatus.WAITING, RequestStatus.REFUSED)


@pytest.mark.parametrize("current", RequestStatus.values)
@pytest.mark.parametrize("wanted", DECISIONS)
def test_decisions_follow_the_transition_table(kraamzorg_user, asked, current, wanted):
    kr = _in_status(kraamzorg_user, asked, current)
    allowed = wanted in REQUEST_NEXT[current]
    kwargs = {"planned_start": START, "planned_hours": 5, "refusal_reason": "no_capacity"}
    if allowed:
        assert _decide(kraamzorg_user, kr, wanted, **kwargs).status == wanted
    else:
        with pytest.raises(RuleRefused) as refused:
            _decide(kraamzorg_user, kr, wanted, **kwargs)
        assert refused.value.code == "invalid_transition"


def test_waiting_list_then_accepted(kraamzorg_user, asked):
    _decide(kraamzorg_user, asked, RequestStatus.WAITING, note="place from March")
    answered = _decide(
        kraamzorg_user, asked, RequestStatus.ACCEPTED, planned_start=START, planned_hours=20
    )
    assert answered.status == RequestStatus.ACCEPTED


def test_staff_of_another_service_cannot_answer(asked):
    other = staff_of(offer_for(), username="other-service")
    with pytest.raises(NoAccess):
        _decide(other, asked, RequestStatus.WAITING)


@pytest.mark.parametrize("role_fixture", ["kg_nurse", "analyst", "editor", "admin_user", "parent"])
def test_other_personas_cannot_answer(request, asked, role_fixture):
    with pytest.raises(NoAccess):
        _decide(request.getfixturevalue(role_fixture), asked, RequestStatus.WAITING)


def test_parent_withdraws_an_open_request_and_may_ask_again(offer, parent, asked):
    request_withdraw(by=parent, kraamzorg_request=asked)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.WITHDRAWN
    assert request_submit(by=parent, offer=offer, data=request_input()).pk != asked.pk


def test_another_parent_cannot_withdraw(asked, persona):
    with pytest.raises(NoAccess):
        request_withdraw(by=persona("parent", username="someone-else"), kraamzorg_request=asked)


def test_referrer_organisation_withdraws_its_referral(offer, kg_nurse, persona):
    pregnancy = register(kg_nurse)
    kr = request_refer(
        by=kg_nurse, pregnancy=pregnancy, offer=offer, data=request_input(), reason="r"
    )
    colleague = persona("kg_professional", organisation=kg_nurse.organisation)
    assert request_withdraw(by=colleague, kraamzorg_request=kr).status == RequestStatus.WITHDRAWN


def test_refused_request_is_forwarded_to_another_serving_service(kraamzorg_user, offer, asked):
    other = offer_for(name="Other service", postcodes=["1080"], areas=[])
    _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason="no_capacity")
    forwarded = request_forward(by=kraamzorg_user, kraamzorg_request=asked, offer=other)
    assert forwarded.pk != asked.pk and forwarded.offer == other
    assert forwarded.status == RequestStatus.SUBMITTED
    assert (forwarded.family_key, forwarded.submitted_by) == (asked.family_key, asked.submitted_by)


def test_the_parent_may_forward_a_refused_request(kraamzorg_user, parent, asked):
    other = offer_for()
    _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason="no_capacity")
    assert request_forward(by=parent, kraamzorg_request=asked, offer=other).offer == other


def test_only_a_refused_request_is_forwarded(kraamzorg_user, asked):
    with pytest.raises(RuleRefused) as refused:
        request_forward(by=kraamzorg_user, kraamzorg_request=asked, offer=offer_for())
    assert refused.value.code == "invalid_transition"


def test_forwarding_to_a_service_outside_the_area_is_refused(kraamzorg_user, asked):
    far = offer_for(areas=["10000"])
    _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason="no_capacity")
    with pytest.raises(RuleRefused) as refused:
        request_forward(by=kraamzorg_user, kraamzorg_request=asked, offer=far)
    assert refused.value.code == "outside_area"


def test_forwarding_where_the_family_has_an_open_request_is_already_open(
    kraamzorg_user, parent, asked
):
    other = offer_for()
    request_submit(by=parent, offer=other, data=request_input())
    _decide(kraamzorg_user, asked, RequestStatus.REFUSED, refusal_reason="no_capacity")
    with pytest.raises(RuleRefused) as refused:
        request_forward(by=kraamzorg_user, kraamzorg_request=asked, offer=other)
    assert refused.value.code == "already_open"
