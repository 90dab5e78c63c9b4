"""Recording the care delivered: visits of an accepted request by the service's staff, and
closing the dossier with its total hours."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.utils import timezone

from perinatal.audit.models import AccessEvent, ChangeEvent
from perinatal.core.refusals import InvalidInput, NoAccess, RuleRefused
from perinatal.kraamzorg.constants import RequestStatus
from perinatal.kraamzorg.models import Visit
from perinatal.kraamzorg.services.care import request_close, visit_record

from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db
DAY = date(2025, 3, 3)


@pytest.fixture
def offer(kraamzorg_user):
    return offer_for(kraamzorg_user)


def test_the_service_records_a_visit_of_an_accepted_request_with_its_log_rows(
    offer, kraamzorg_user
):
    asked = make_request(offer)
    visit = visit_record(
        by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours="3.5", carer=" Anna "
    )
    assert (visit.hours, visit.carer, visit.recorded_by) == (Decimal("3.5"), "Anna", kraamzorg_user)
    access = AccessEvent.objects.get(subject=str(asked.public_id))
    assert (access.action, access.basis, access.actor) == ("create", "referral", kraamzorg_user)
    assert ChangeEvent.objects.filter(
        object_type="kraamzorg.visit", object_id=str(visit.pk)
    ).exists()


@pytest.mark.parametrize(
    "status",
    [
        RequestStatus.SUBMITTED,
        RequestStatus.WAITING,
        RequestStatus.REFUSED,
        RequestStatus.WITHDRAWN,
        RequestStatus.CLOSED,
    ],
)
def test_visits_are_only_recorded_for_accepted_requests(offer, kraamzorg_user, status):
    asked = make_request(offer, status=status)
    with pytest.raises(RuleRefused) as refused:
        visit_record(by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours=2, carer="Anna")
    assert refused.value.code == "not_accepted"
    assert not Visit.objects.exists()


@pytest.mark.parametrize("who", ["other_service", "parent", "kg_nurse", "analyst"])
def test_only_the_services_staff_record_visits(offer, request, who, persona):
    from perinatal.accounts.constants import Role

    user = (
        persona(Role.KRAAMZORG_SERVICE) if who == "other_service" else request.getfixturevalue(who)
    )
    if who == "other_service":
        offer_for(user)
    asked = make_request(offer, submitted_by=user if who == "parent" else None)
    with pytest.raises(NoAccess):
        visit_record(by=user, kraamzorg_request=asked, date=DAY, hours=2, carer="Anna")
    assert not Visit.objects.exists()


@pytest.mark.parametrize(
    ("hours", "ok"),
    [
        ("0", False),
        ("-1", False),
        ("0.01", True),
        ("24", True),
        ("24.01", False),
        ("1.005", False),
        ("x", False),
        ("NaN", False),
    ],
)
def test_a_visit_lasts_more_than_0_and_at_most_24_hours(offer, kraamzorg_user, hours, ok):
    asked = make_request(offer)
    if ok:
        visit = visit_record(
            by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours=hours, carer="Anna"
        )
        assert visit.hours == Decimal(hours)
    else:
        with pytest.raises(InvalidInput) as invalid:
            visit_record(
                by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours=hours, carer="Anna"
            )
        assert "hours" in invalid.value.error_dict


def test_a_visit_in_the_future_before_the_request_or_without_carer_is_refused(
    offer, kraamzorg_user
):
    asked = make_request(offer)
    cases = [
        (timezone.localdate() + timedelta(days=1), "Anna", "date"),
        (date(2025, 1, 4), "Anna", "date"),  # submitted on 5 January 2025
        (DAY, "  ", "carer"),
    ]
    for day, carer, field in cases:
        with pytest.raises(InvalidInput) as invalid:
            visit_record(by=kraamzorg_user, kraamzorg_request=asked, date=day, hours=2, carer=carer)
        assert list(invalid.value.error_dict) == [field]


def test_closing_sums_the_visits_and_ends_the_recording(offer, kraamzorg_user):
    asked = make_request(offer)
    add_visits(
        asked, [(DAY, "3.25"), (DAY + timedelta(days=1), "4"), (DAY + timedelta(days=2), "2.5")]
    )
    closed = request_close(by=kraamzorg_user, kraamzorg_request=asked)
    assert (closed.status, closed.total_hours) == (RequestStatus.CLOSED, Decimal("9.75"))
    assert closed.closed_at is not None
    assert AccessEvent.objects.filter(subject=str(asked.public_id), action="update").count() == 1
    with pytest.raises(RuleRefused):
        visit_record(by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours=1, carer="Anna")
    with pytest.raises(RuleRefused) as again:
        request_close(by=kraamzorg_user, kraamzorg_request=asked)
    assert again.value.code == "invalid_transition"


@pytest.mark.parametrize("status", [RequestStatus.SUBMITTED, RequestStatus.WAITING])
def test_a_request_not_in_care_cannot_be_closed(offer, kraamzorg_user, status):
    asked = make_request(offer, status=status)
    with pytest.raises(RuleRefused):
        request_close(by=kraamzorg_user, kraamzorg_request=asked)


def test_a_visit_of_a_family_on_the_platform_is_logged_under_the_family(
    offer, kraamzorg_user, kg_nurse
):
    from perinatal.pathways.tests.factories import register

    pregnancy = register(kg_nurse)
    asked = make_request(offer, pregnancy=pregnancy, family_key=str(pregnancy.public_id))
    visit_record(by=kraamzorg_user, kraamzorg_request=asked, date=DAY, hours=2, carer="Anna")
    assert AccessEvent.objects.filter(
        subject=str(pregnancy.public_id), actor=kraamzorg_user, action="create"
    ).exists()
