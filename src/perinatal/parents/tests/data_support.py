"""A family with every part of the record, a linked parent, and a second family, for the
tests of "My data"."""

from datetime import date

import pytest

from perinatal.directory.models import Organization, Service
from perinatal.kraamzorg.constants import RequestSource, Vulnerability
from perinatal.kraamzorg.tests.care_support import add_visits, make_request
from perinatal.kraamzorg.tests.intake_support import offer_for
from perinatal.pathways.tests.factories import register
from perinatal.pathways.tests.test_retention import full_family

from .factories import linked_parent

SECRET_NOTES = (
    "Amina lives with her aunt in Molenbeek",  # a contact's note
    "Talked about the birth plan with Amina",  # a programme service's note
    "no network",  # a kraamzorg vulnerability reason
    "visit note: tired",
)


@pytest.fixture
def family(midwife, kg_nurse):
    organization = Organization.objects.create(name="Aquarelle (test)")
    service = Service.objects.create(organization=organization, name="Aquarelle follow-up")
    pregnancy = full_family(midwife, kg_nurse, service)
    kr = make_request(
        offer_for(),
        pregnancy=pregnancy,
        source=RequestSource.KIND_EN_GEZIN,
        referral_reason="first child",
        vulnerability=Vulnerability.REFERRER,
        vulnerability_reason="no network",
    )
    add_visits(kr, [(date(2025, 5, 5), "4")])
    kr.visits.update(note="visit note: tired")
    return pregnancy


@pytest.fixture
def other_family(kg_nurse):
    from perinatal.pathways.tests.factories import mother

    return register(kg_nurse, mother=mother(given_name="Zoë", family_name="Otherfamily"))


@pytest.fixture
def mum(family):
    return linked_parent(family, username="mum", preferred_language="fr")
