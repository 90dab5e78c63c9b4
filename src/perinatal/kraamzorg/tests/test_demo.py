"""`perinatal demo seed` gives the demo kraamzorg service its offer over Brussels and a few
demo requests, once; the monitoring demo's submissions can still be loaded afterwards."""

import pytest

from django.core.management import call_command
from django.utils import translation

from perinatal.accounts.models import User
from perinatal.kraamzorg.access import is_service_staff
from perinatal.kraamzorg.constants import RequestSource, RequestStatus, Vulnerability
from perinatal.kraamzorg.demo import DEMO_SERVICE_ID
from perinatal.kraamzorg.models import KraamzorgOffer, KraamzorgRequest, Visit
from perinatal.monitoring.demo import PREFIX

pytestmark = pytest.mark.django_db


def seed_twice() -> None:
    with translation.override("en"):
        call_command("demo", "seed")
        call_command("demo", "seed")


def test_demo_seed_gives_the_demo_service_an_offer_over_brussels_once():
    seed_twice()
    offer = KraamzorgOffer.objects.get()
    staff = User.objects.get(username="demo-kraamzorg")
    assert offer.service.organisation == staff.organisation
    assert is_service_staff(staff, offer)
    assert offer.areas == ["04000"] and offer.capacity > 0 and offer.active
    assert offer.serves(postcode="1080", area_nis="04000")
    # its own service stays outside the monitoring demo's prefix (that demo would skip)
    assert offer.service.service_id == DEMO_SERVICE_ID
    assert not offer.service.service_id.startswith(PREFIX)


def test_demo_seed_makes_a_vulnerable_referral_and_two_parents_requests_once():
    seed_twice()
    from perinatal.worklist.demo import DEMO_DAY_CONTACT

    # The kraamzorg demo's own (the home pages' demo day adds its own, under its names).
    requests = KraamzorgRequest.objects.exclude(contact_name__startswith=DEMO_DAY_CONTACT)
    assert requests.count() == 4
    referral = requests.get(source=RequestSource.INDEPENDENT_MIDWIFE)
    midwife = User.objects.get(username="demo-midwife")
    assert referral.referrer_organisation == midwife.organisation
    assert referral.pregnancy.mother.family_name == "Demo-Gezin"
    assert referral.vulnerability == Vulnerability.REFERRER and referral.vulnerability_reason
    assert referral.status == RequestStatus.SUBMITTED
    parents = requests.filter(source=RequestSource.PARENT)
    assert sorted(parents.values_list("status", flat=True)) == ["accepted", "waiting"]
    assert parents.get(status="waiting").submitted_by.username == "demo-parent"
    accepted = parents.get(status="accepted")
    assert accepted.planned_start and accepted.planned_hours
    assert Visit.objects.filter(request=accepted).count() == 1


def test_demo_seed_uses_the_monitoring_demos_first_service_when_loaded_unlinked():
    from perinatal.monitoring.constants import Sector
    from perinatal.monitoring.demo import service_id
    from perinatal.monitoring.models import Service

    first = Service.objects.create(service_id=service_id(1), name="Demo 01", sector=Sector.PRIVATE)
    seed_twice()
    first.refresh_from_db()
    assert first.organisation.name == "Demo kraamzorgdienst"
    assert KraamzorgOffer.objects.get().service == first
    assert not Service.objects.filter(service_id=DEMO_SERVICE_ID).exists()


def test_demo_seed_has_an_ocmw_referral_without_the_record_and_an_assistant():
    seed_twice()
    referral = KraamzorgRequest.objects.get(source=RequestSource.OCMW)
    ocmw = User.objects.get(username="demo-ocmw")
    assert referral.referrer_organisation == ocmw.organisation
    assert referral.pregnancy is None and referral.contact_name
    assert referral.vulnerability == Vulnerability.REFERRER and referral.vulnerability_reason
    assistant = User.objects.get(username="demo-kraamverzorgende")
    assert is_service_staff(assistant, referral.offer)
