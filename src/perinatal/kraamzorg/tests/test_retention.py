"""Kraamzorg's part of the family record's retention: the export section and the
pseudonymisation after the retention period (kraamzorg/retention.py, hooks.py)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from perinatal.audit.models import AccessBasis
from perinatal.kraamzorg.constants import RequestSource, RequestStatus, Vulnerability
from perinatal.kraamzorg.models import KraamzorgRequest, Visit
from perinatal.kraamzorg.retention import pseudonymise
from perinatal.pathways.access import Grant
from perinatal.pathways.services import retention
from perinatal.pathways.services.retention import PSEUDONYMISED
from perinatal.pathways.tests.factories import register

from .care_support import add_visits, make_request
from .intake_support import offer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred(kg_nurse):
    pregnancy = register(kg_nurse, registered_on=date(2024, 10, 1), due_date=date(2025, 3, 1))
    kr = make_request(
        offer_for(),
        pregnancy=pregnancy,
        source=RequestSource.KIND_EN_GEZIN,
        referral_reason="isolated, first child",
        vulnerability=Vulnerability.REFERRER,
        vulnerability_reason="no network",
        contact_phone="0470 00 00 00",
    )
    add_visits(kr, [(date(2025, 3, 5), "4.5"), (date(2025, 3, 6), "3")])
    return pregnancy, kr


def test_the_family_export_has_a_kraamzorg_section(kg_nurse, referred):
    pregnancy, kr = referred
    data = retention.family_export(
        by=kg_nurse, pregnancy=pregnancy, grant=Grant(AccessBasis.CARE_TEAM)
    )
    [exported] = data["kraamzorg"]["requests"]
    assert exported["id"] == str(kr.public_id)
    assert exported["referral_reason"] == "isolated, first child"
    assert [(v["date"], v["hours"]) for v in exported["visits"]] == [
        ("2025-03-05", "4.50"),
        ("2025-03-06", "3.00"),
    ]


def test_pseudonymisation_clears_contacts_and_texts_and_keeps_the_figures(referred):
    pregnancy, kr = referred
    [purged] = retention.purge(now=timezone.make_aware(datetime(2040, 1, 1, 12)))
    assert purged.public_id == str(pregnancy.public_id)
    kr.refresh_from_db()
    assert (kr.contact_name, kr.contact_phone, kr.contact_email) == ("", "", "")
    assert (kr.referral_reason, kr.vulnerability_reason) == (PSEUDONYMISED, PSEUDONYMISED)
    assert kr.pseudonymised_at is not None
    assert (kr.status, kr.area_nis, kr.income_band) == (RequestStatus.ACCEPTED, "04000", "B")
    visits = Visit.objects.filter(request=kr)
    assert {v.carer for v in visits} == {PSEUDONYMISED}
    assert sum(v.hours for v in visits) == Decimal("7.5")


def test_pseudonymising_twice_changes_nothing_more(referred):
    pregnancy, _ = referred
    assert pseudonymise(pregnancy) == 3  # one request, two visits
    assert pseudonymise(pregnancy) == 0


def test_a_request_of_another_family_keeps_its_details(referred):
    pregnancy, _ = referred
    other = make_request(offer_for())
    pseudonymise(pregnancy)
    assert KraamzorgRequest.objects.get(pk=other.pk).contact_name == "Sara Testouder"
