"""`perinatal demo seed` and the first-1000-days programme: participating demo organisations,
the demo kraamzorg service reachable by referral, and one demo family."""

import io

import pytest

from django.core.management import call_command

from perinatal.accounts import demo
from perinatal.accounts.constants import OrganisationKind
from perinatal.accounts.models import Organisation, User
from perinatal.audit.models import AccessBasis
from perinatal.directory.models import Organization, Service
from perinatal.pathways import access
from perinatal.pathways.demo import DEMO_FAMILY_NAME
from perinatal.pathways.models import Pregnancy
from perinatal.pathways.services.referrals import organisation_for_service

pytestmark = pytest.mark.django_db


def seed() -> None:
    call_command("demo", "seed", stdout=io.StringIO())


def _demo(kind: OrganisationKind) -> Organisation:
    return Organisation.objects.get(name=demo.DEMO_ORGANISATION_NAMES[kind])


def test_the_care_organisations_of_the_programme_take_part():
    seed()
    participants = set(
        Organisation.objects.filter(is_demo=True, programme_participant=True).values_list(
            "kind", flat=True
        )
    )
    assert participants == {
        OrganisationKind.KIND_EN_GEZIN,
        OrganisationKind.MIDWIFE_PRACTICE,
        OrganisationKind.PROGRAMME_PROVIDER,
    }


def test_the_demo_kraamzorg_service_receives_referrals_to_a_brussels_kraamzorg_entry():
    entry = Organization.objects.create(key="familiehulp", name="Familiehulp")
    kraamzorg = Service.objects.create(organization=entry, name="Kraamzorg")
    seed()
    assert _demo(OrganisationKind.KRAAMZORG_SERVICE).directory_organization == entry
    assert organisation_for_service(kraamzorg) == _demo(OrganisationKind.KRAAMZORG_SERVICE)


def test_an_entry_a_real_organisation_answers_for_is_left_to_it():
    familiehulp = Organization.objects.create(key="familiehulp", name="Familiehulp")
    imens = Organization.objects.create(key="i-mens", name="i-mens")
    Organisation.objects.create(
        name="Familiehulp (real)",
        kind=OrganisationKind.KRAAMZORG_SERVICE,
        directory_organization=familiehulp,
    )
    seed()
    assert _demo(OrganisationKind.KRAAMZORG_SERVICE).directory_organization == imens


def test_without_a_directory_the_seed_still_works():
    seed()
    assert _demo(OrganisationKind.KRAAMZORG_SERVICE).directory_organization is None


def test_one_demo_family_registered_by_the_demo_midwife_with_consent():
    seed()
    seed()
    families = Pregnancy.objects.filter(mother__family_name=DEMO_FAMILY_NAME)
    assert families.count() == 1
    family = families.get()
    midwife = User.objects.get(username="demo-midwife")
    assert family.lead_organisation == midwife.organisation
    assert family.consent_to_share and family.consents.filter(given=True).exists()
    assert family.mother.national_number_hash is None
    assert family.mother.no_national_number == "not_insured"
    assert family.area_nis == "04000"
    assert access.grant_for(midwife, family).basis == AccessBasis.CARE_TEAM
    nurse = User.objects.get(username="demo-kg")
    assert access.grant_for(nurse, family).basis == AccessBasis.CONSENT
    assert access.grant_for(User.objects.get(username="demo-analyst"), family) is None


def test_the_other_apps_seed_their_demo_data_once_each_in_app_order():
    """directory before pathways (the kraamzorg entry, then the family), then the Kindboekje
    and kraamzorg, which use the demo family, then the demo day of the home pages, which uses
    them all; the parents' link to the demo family before the home pages (decision 0036)."""
    assert demo.demo_seeds.keys() == [
        "directory",
        "pathways",
        "booklets",
        "kraamzorg",
        "parents-timeline",
        "worklist",
    ]
